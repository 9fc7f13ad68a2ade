from __future__ import annotations

import pytest

from echoscope import load_settings
from echoscope.analyzers import ANALYZERS
from echoscope.config import SETTINGS_HELP
from echoscope.errors import ConfigError


def flat_keys(d, prefix=""):
    for k, v in d.items():
        if isinstance(v, dict) and k != "profiles":
            yield from flat_keys(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}"


def analyzer_help():
    return {f"analysis.{name}.{key}": spec.help for name, cls in ANALYZERS.items()
            for key, spec in cls.settings.items()}


def test_every_setting_has_help():
    helps = {**SETTINGS_HELP, **analyzer_help()}
    assert set(flat_keys(load_settings().data)) == set(helps)
    assert all(text.strip() for text in helps.values())


def test_analyzers_take_their_defaults_from_one_place():
    # A section given in part is completed from the analyzer's declared settings.
    s = load_settings(overrides={"analysis.quotes.max_scare_words": 6})
    assert s.analyzer_config("quotes") == {"max_scare_words": 6}
    declared = {k: v.default for k, v in ANALYZERS["hypocrisy"].settings.items()}
    assert set(declared) == {"threshold", "sentence_threshold", "min_sentences", "parser_model"}
    assert s.analyzer_config("hypocrisy") == declared
    assert ANALYZERS["hypocrisy"]().config == s.analyzer_config("hypocrisy")


def test_settings_the_analyzers_read_are_accepted(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[analysis.social]\ntasks = ["irony"]\n[analysis.stance]\nmodel_dir = "m"\n'
                   '[analysis.techniques]\nmodel_dir = "t"\nmin_score = 0.2\n')
    s = load_settings(cfg)
    assert s.analyzer_config("social")["tasks"] == ["irony"]
    assert s.analyzer_config("stance")["model_dir"] == "m"
    assert s.analyzer_config("techniques")["model_dir"] == "t"
    assert s.analyzer_config("techniques")["min_score"] == 0.2


def test_user_file_then_overrides(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[run]\nworkers = 3\n[input]\nmax_bytes = 10\n[profiles]\nmine = ["posts"]\n')
    s = load_settings(cfg, {"run.workers": 2, "analysis.profile": "mine", "store.db": None})
    assert (s.workers, s.max_bytes, s.analyzer_names()) == (2, 10, ["posts"])


@pytest.mark.parametrize(
    "text, match",
    [("[run]\nworkerz = 2\n", "unknown setting 'run.workerz'"),
     ("[run]\nworkers = 'two'\n", "must be of type int"),
     ("[input]\nformat = 'pdf'\n", "must be one of"),
     ("[run]\nworkers = 0\n", "between 1 and 1024"),
     ("[dedupe]\nthreshold = 5\n", "between 0.05 and 1"),
     ("[analysis.stnace]\nmodel_dir = 'x'\n", "unknown analyzer section"),
     ("[analysis.quotes]\nmax_scare = 3\n", "unknown setting 'analysis.quotes.max_scare'"),
     ("[analysis.hypocrisy]\nthreshold = 1.5\n", "between 0 and 1"),
     ("[analysis.social]\ntasks = ['sarcasm']\n", "must be one of"),
     ("[analysis]\nthreshold = 0.5\n", "unknown setting 'analysis.threshold'"),
     ("not toml = = =", "not valid TOML")],
)
def test_bad_config_is_a_clear_error(tmp_path, text, match):
    cfg = tmp_path / "c.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError, match=match):
        load_settings(cfg)
