from __future__ import annotations

import pytest

from echoscope.config import SETTINGS_HELP, load_settings
from echoscope.errors import ConfigError


def flat_keys(d, prefix=""):
    for k, v in d.items():
        if isinstance(v, dict) and k != "profiles":
            yield from flat_keys(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}"


def test_every_setting_has_help():
    assert set(flat_keys(load_settings().data)) == set(SETTINGS_HELP)


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
     ("[run]\nworkers = 0\n", "at least 1"),
     ("not toml = = =", "not valid TOML")],
)
def test_bad_config_is_a_clear_error(tmp_path, text, match):
    cfg = tmp_path / "c.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError, match=match):
        load_settings(cfg)
