"""The text heads averaged with their linear models, as shipped (``models/encoder/text``):
each linear model is read in the head's label order, and a share without its model is an
error, not a silent fallback."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from echoscope.errors import ModelError
from echoscope.ml import heads as heads_module
from echoscope.ml.encoder import ENCODER_DIR
from echoscope.ml.textclf import TextClassifier

TEXTS = ["What about his own expenses, then?", "The bridge reopens on Monday.",
         "You lot are pathetic hypocrites.", ""]


@pytest.fixture()
def artifact(tmp_path):
    folder = tmp_path / "text"
    shutil.copytree(ENCODER_DIR / "text", folder)
    yield folder
    heads_module._load_text.cache_clear()


def _shared_tasks():
    config = json.loads((ENCODER_DIR / "text" / "model.json").read_text("utf-8"))
    return [name for name, t in config["tasks"].items() if t.get("linear_weight")]


def test_the_shipped_heads_average_with_the_models_beside_them():
    heads = heads_module.TextHeads.load()
    tasks = _shared_tasks()
    assert tasks, "the shipped text heads average at least one task"
    for name in tasks:
        folder, weight = heads.linear[name]
        encoder = heads_module.softmax(heads.logits(TEXTS)[name] / heads.temperature[name])
        linear = TextClassifier.load(folder).predict_proba(TEXTS)
        assert np.allclose(heads.probs(TEXTS)[name], (1 - weight) * encoder + weight * linear,
                           atol=1e-6)
        assert f"+{name}-linear{weight:g}" in heads.version


@pytest.mark.parametrize("name", _shared_tasks())
def test_a_linear_model_with_its_labels_the_other_way_round_gives_the_same(artifact, name):
    shipped = heads_module.TextHeads.load().probs(TEXTS)[name]
    model_dir = artifact / f"linear_{name}"
    config = json.loads((model_dir / "model.json").read_text("utf-8"))
    config["labels"] = config["labels"][::-1]
    (model_dir / "model.json").write_text(json.dumps(config), "utf-8")
    with np.load(model_dir / "weights.npz") as arrays:
        flipped = {k: arrays[k] for k in arrays.files}
    if flipped["coef"].shape[0] == 1:  # binary: one row of weights for the second label
        flipped["coef"], flipped["intercept"] = -flipped["coef"], -flipped["intercept"]
    else:  # a row per label
        flipped["coef"], flipped["intercept"] = flipped["coef"][::-1], flipped["intercept"][::-1]
    np.savez(model_dir / "weights.npz", **flipped)
    flipped_model = TextClassifier.load(model_dir).predict_proba(TEXTS)
    original = TextClassifier.load(ENCODER_DIR / "text" / f"linear_{name}").predict_proba(TEXTS)
    assert np.allclose(flipped_model, original[:, ::-1], atol=1e-4)  # the columns swapped
    assert np.allclose(heads_module.TextHeads.load(artifact).probs(TEXTS)[name], shipped,
                       atol=1e-4)


def test_a_share_without_its_linear_model_is_an_error(artifact):
    name = _shared_tasks()[0]
    config = json.loads((artifact / "model.json").read_text("utf-8"))
    del config["tasks"][name]["linear_model"]
    (artifact / "model.json").write_text(json.dumps(config), "utf-8")
    with pytest.raises(ModelError, match="calibrate-only"):
        heads_module.TextHeads.load(artifact)
