"""Training and evaluation of the shipped models (skip without ../shared/data).

CI trains on small slices to test the code path; the quality floors check the shipped
artifacts on the official test splits and fail on regression.
"""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from echoscope.ml.stance import StanceModel
from echoscope.ml.textclf import TextClassifier
from echoscope.train.social import evaluate_social
from echoscope.train.stance import EXPERT_GRID

# Shipped-model floors on the official test splits (0-100). Raise them when models improve.
FLOORS = {"offensive": 72.5, "irony": 61.5, "hypocrisy": 62.0, "stance_pstance": 74.5,
          "stance_semeval2016": 67.0, "sentiment_vader": 56.0}
# Technique spans on PTC dev (0-1, official semantics).
PTC_FLOORS = {"si": 0.375, "tc": 0.545}
# Techniques per paragraph, SemEval-2023 English dev (0-1, micro-F1 at the one threshold).
PARAGRAPH_FLOOR = 0.31


def test_train_a_slice_writes_a_loadable_artifact_and_card(cli, shared_data, tmp_path):
    out = tmp_path / "irony"
    res = cli("train", "irony", "--data", shared_data, "--out", out, "--limit", "400")
    assert res.code == 0, res.err
    metrics = json.loads(res.out)
    assert metrics["train_examples"] == 400 and 0 <= metrics["test"] <= 100
    clf = TextClassifier.load(out)
    proba = clf.predict_proba(["oh great, another monday", "the meeting is at noon"])
    assert proba.shape == (2, 2)
    card = (out / "MODEL_CARD.md").read_text()
    assert str(metrics["test"]) in card and "CC BY-NC-SA" in card


def test_train_stance_slice(cli, shared_data, tmp_path):
    out = tmp_path / "stance"
    res = cli("train", "stance-linear", "--data", shared_data, "--out", out, "--limit", "600")
    assert res.code == 0, res.err
    metrics = json.loads(res.out)
    unseen = metrics["unseen_target"]  # the generic model refitted without each target
    assert all(0 <= unseen[f"{kind}_{key}"] <= 100 for kind in ("seen", "unseen")
               for key in ("trump", "biden", "bernie", "mean"))
    assert all(e["C"] in EXPERT_GRID for e in metrics["experts_cv"].values())
    assert "Targets never seen in training" in (out / "MODEL_CARD.md").read_text()
    abstain = unseen["abstain"]  # chosen on validation rows, kept with the model
    assert abstain["min_side_unseen"] == 0.0 or 0.4 <= abstain["min_side_unseen"] <= 0.95
    assert set(abstain["unseen_test"]) == {"coverage", "precision", "said", "right"}
    # The seen people's sides, at their level (a slice meets the 80% rule nowhere and says
    # next to nothing there).
    assert abstain["seen_val"]["said"] > 0 or not metrics["seen_rule"]["met"]
    card = (out / "MODEL_CARD.md").read_text()
    assert "on the training rows only" in card
    assert f"{abstain['min_side_unseen']}" in card and "Toward a target with no expert" in card
    model = StanceModel.load(out)
    assert model.min_side_unseen == abstain["min_side_unseen"]
    # A side toward a target with an expert needs the level the 80% rule chose (a slice may
    # meet it nowhere: then the highest), and someone new at least as much.
    rule = metrics["seen_rule"]
    assert model.min_side == rule["level"] and rule["rows"] > 0
    assert rule["level"] == 0.0 or 0.4 <= rule["level"] <= 0.95
    assert rule["met"] == (rule["val_said"] >= 20 and rule["val_precision"] >= 80)
    assert abstain["min_side_unseen"] >= model.min_side
    assert "needs a probability of at least" in card
    assert metrics["semeval_sides"]["level"] == model.min_side
    p = model.predict_proba(["TARGET is a liar", "Vote TARGET"], ["Joe Biden", "Someone New"])
    assert p.shape == (2, 3)
    assert abs(float(p.sum(axis=1)[0]) - 1) < 1e-5
    _check_linear_unseen_only(cli, shared_data, out)


def _check_linear_unseen_only(cli, shared_data, out):
    """`stance-linear --unseen-only` keeps the fitted generic model and experts and chooses
    again, on held-out folds without the person's multi-target tweets, the side's level for
    people never seen; the card and the loaded model say what was chosen."""
    weights = {p: p.read_bytes() for p in sorted(out.rglob("weights.npz"))}
    before = StanceModel.load(out).generic.meta["metrics"]
    res = cli("train", "stance-linear", "--data", shared_data, "--out", out, "--unseen-only",
              "--limit", "40")
    assert res.code == 0, res.err
    metrics = json.loads(res.out)
    assert {p: p.read_bytes() for p in sorted(out.rglob("weights.npz"))} == weights
    unseen = metrics["unseen_target"]
    assert unseen["limit"] == 40 and metrics["limit"] == 600  # the artifact's own slice
    # Sliced folds leave the artifact's test figures as they were.
    assert (metrics["pstance_mean"], metrics["semeval_f_avg"]) == (
        before["pstance_mean"], before["semeval_f_avg"])
    assert "multi-target" in unseen["folds"]
    assert StanceModel.load(out).min_side_unseen == unseen["abstain"]["min_side_unseen"]
    assert StanceModel.load(out).min_side == metrics["seen_rule"]["level"]  # chosen again
    assert "nor any multi-target tweet" in (out / "MODEL_CARD.md").read_text()
    refused = cli("train", "stance-linear", "--data", shared_data, "--out", out,
                  "--unseen-only", "--seed", "3")
    assert refused.code != 0 and "--unseen-only" in refused.err
    from echoscope.ml import MODELS_DIR

    shipped = cli("train", "stance-linear", "--data", shared_data, "--unseen-only",
                  "--limit", "40", "--out", MODELS_DIR / "stance")
    assert shipped.code != 0 and "give it --out" in shipped.err  # never a slice over shipped


def test_leave_out_drops_every_text_about_the_person():
    """A held-out person's fold keeps no text with a row about them: a multi-target tweet
    leaves with its row toward the other candidate; a tweet about someone else that only
    mentions the person stays (leave-one-target-out as P-Stance defines it)."""
    from echoscope.train.datasets import leave_out

    rows = [("both are awful", "Ann Lee", "AGAINST"), ("both are awful", "Bo Diaz", "AGAINST"),
            ("Bo Diaz beat Ann Lee", "Bo Diaz", "FAVOR"), ("Ann Lee rocks", "Ann Lee", "FAVOR"),
            ("rain today", "Weather", "NONE")]
    assert leave_out(rows, {"Ann Lee"}) == [rows[2], rows[4]]
    # The rows about the person may sit in another split: the source names them.
    assert leave_out(rows[1:3], {"Ann Lee"}, source=rows) == [rows[2]]
    assert leave_out(rows, set()) == rows


def test_the_linear_models_folds_leave_out_the_persons_multi_target_tweets():
    """The fast model's held-out person is refitted without any text about them: a
    multi-target tweet about Trump goes from Trump's fold with its row toward another
    candidate, and stays in the folds of the people it is not about."""
    from echoscope.ml.stance import TargetContextClassifier
    from echoscope.train.stance import _fit, unseen_target_scores

    pair = "both of them lie about the economy"
    train = [(pair, "Donald Trump", "AGAINST"), (pair, "Hillary Clinton", "AGAINST")]
    train += [(f"TARGET {w} {i} {t[:3]}", t, lab) for i in range(6)
              for t in ("Joe Biden", "Bernie Sanders", "Hillary Clinton")
              for w, lab in (("rocks", "FAVOR"), ("lies", "AGAINST"), ("spoke", "NONE"))]
    seen = []

    def fit_generic(rows):
        seen.append({text for text, _, _ in rows})
        return _fit(rows, ["FAVOR", "AGAINST", "NONE"], 2**10, (1.0,), 0,
                    TargetContextClassifier)[0]

    generic = fit_generic(train)
    test = [("TARGET rocks", "Donald Trump", "FAVOR"), ("TARGET lies", "Donald Trump", "AGAINST")]
    unseen_target_scores(fit_generic, generic, train, test)
    trump, biden, bernie = seen[1:]
    assert pair not in trump and pair in biden and pair in bernie


def test_a_linear_fit_missing_a_label_still_scores_every_label():
    """A slice whose rows lack one of the labels (here NONE) gives a model that scores all
    three, the absent one never chosen, and ranks the two it saw as a two-label fit does."""
    from echoscope.ml.stance import TargetContextClassifier
    from echoscope.train.stance import _fit

    rows = [(f"TARGET is {w} {i}", "Ann Lee", lab) for i in range(12)
            for w, lab in (("great", "FAVOR"), ("awful", "AGAINST"))]
    clf, _, _ = _fit(rows, ["FAVOR", "AGAINST", "NONE"], 2**12, (1.0,), 0,
                     TargetContextClassifier)
    p = clf.predict_proba(["TARGET is great", "TARGET is awful"])
    assert p.shape == (2, 3) and np.allclose(p.sum(axis=1), 1) and p[:, 2].max() < 1e-6
    assert p[0, 0] > p[0, 1] and p[1, 1] > p[1, 0]
    pair, _, _ = _fit(rows, ["FAVOR", "AGAINST"], 2**12, (1.0,), 0, TargetContextClassifier)
    assert np.allclose(pair.predict_proba(["TARGET is great"])[0], p[0, :2], atol=1e-5)


def test_eval_social_json_and_floors(cli, shared_data):
    res = cli("eval", "social", "--data", shared_data, "--json")
    assert res.code == 0, res.err
    results = json.loads(res.out)
    for task, floor in FLOORS.items():
        assert results[task]["value"] >= floor, (task, results[task]["value"], floor)
        assert results[task]["baselines"]
        lo, hi = results[task]["ci95"]
        assert lo <= results[task]["value"] <= hi, (task, results[task])


def test_evaluate_social_needs_data(tmp_path):
    from echoscope.errors import ConfigError

    with pytest.raises(ConfigError, match="no training data"):
        evaluate_social(tmp_path)


def test_train_techniques_slice(cli, shared_data, tmp_path):
    from echoscope.doc import TECHNIQUES
    from echoscope.ml.techniques import TechniqueModel, lines

    out = tmp_path / "techniques"
    res = cli("train", "techniques-crf", "--data", shared_data, "--out", out, "--limit", "6")
    assert res.code == 0, res.err
    metrics = json.loads(res.out)
    assert metrics["train_articles"] == 6 and 0 <= metrics["si"]["f1"] <= 1
    assert 0 <= metrics["tc"]["micro_f1"] <= 1
    model = TechniqueModel.load(out)
    text = "They are corrupt, radical traitors!\nThe meeting is at noon."
    for t in model.predict(text, lines(text)):
        assert t.label in TECHNIQUES and 0 <= t.start < t.end <= len(text)
    card = (out / "MODEL_CARD.md").read_text()
    assert f"{metrics['si']['f1']:.3f}" in card


def test_eval_ptc_json_and_floors(cli, shared_data):
    res = cli("eval", "ptc", "--data", shared_data, "--split", "dev", "--json")
    assert res.code == 0, res.err
    r = json.loads(res.out)
    assert set(r["si"]) == {"p", "r", "f1"} and set(r["tc"]) == {"micro_f1"}
    assert r["si"]["f1"] >= PTC_FLOORS["si"], r["si"]
    assert r["tc"]["micro_f1"] >= PTC_FLOORS["tc"], r["tc"]
    assert 0 < r["semeval2023_en_dev"]["micro_f1"] < 1


# The shipped text heads on the small official test splits, as the analyzers run them
# (the averaged probabilities where a linear share was chosen). Raise when models improve.
TEXT_FLOORS = {"offensive": 80.0, "irony": 68.5, "hypocrisy": 66.0}
#: Precision on the test split of a label chosen for precision (irony).
LABEL_PRECISION = 0.8


def test_shipped_text_heads_floors(shared_data):
    from echoscope.ml.heads import TextHeads
    from echoscope.train.datasets import data_root
    from echoscope.train.metrics import score
    from echoscope.train.text_heads import TASKS

    heads = TextHeads.load()
    for name, floor in TEXT_FLOORS.items():
        task = TASKS[name]
        texts, gold = task.load(data_root(shared_data))["test"]
        probs = heads.probs(texts)[name]
        pred = [heads.decide(name, p) for p in probs]
        f1_threshold = heads.tasks[name].get("f1_threshold")
        if f1_threshold is None:
            assert score(task.metric, gold, pred, task.labels) >= floor, name
            continue
        # Labelled for precision (irony): the benchmark figure at the F1 threshold, and
        # the labels themselves mostly right.
        at_f1 = [task.labels[int(p[1] > f1_threshold)] for p in probs]
        assert score(task.metric, gold, at_f1, task.labels) >= floor, name
        said = [g for p, g in zip(pred, gold, strict=True) if p == task.labels[1]]
        if heads.threshold[name] >= 1.0:  # validation found no precise enough threshold
            assert not said, name
            continue
        assert said and sum(g == task.labels[1] for g in said) / len(said) >= LABEL_PRECISION


def test_label_precision_on_another_dataset_reads_the_labels_analysis_gives():
    """The cross-dataset label figures are those of the labels the analyzers give (the
    precise threshold), not of the F1 threshold: an insult is labelled, a council notice
    is not, whatever the dataset calls them."""
    from echoscope.ml.heads import TextHeads
    from echoscope.train.cross import label_precision

    heads = TextHeads.load()
    insult = "Shut up, you worthless lying idiot. Nobody wants your stupid garbage here."
    notice = "The council meets on Tuesday evening to discuss the library's opening hours."
    assert heads.judge([insult, notice], "offensive")[0].label == "offensive"
    right = label_precision(heads, ([insult, notice], ["offensive", "not-offensive"]),
                            "offensive")
    assert right == {"labelled_share": 50.0, "label_precision": 100.0, "positive_share": 50.0}
    wrong = label_precision(heads, ([insult, notice], ["not-offensive", "offensive"]),
                            "offensive")
    assert wrong["label_precision"] == 0.0 and wrong["positive_share"] == 50.0
    none = label_precision(heads, ([notice], ["not-offensive"]), "offensive")
    assert none["labelled_share"] == 0.0 and none["label_precision"] is None


def test_sentiment_labels_carry_over_to_tweeteval_emotion(shared_data):
    """The second-dataset check of the sentiment labels reads emotion by its own mapping
    (a label list out of order scored 63% and 22% precision), and the labels carry over."""
    from pathlib import Path

    from echoscope.ml.heads import TextHeads
    from echoscope.train.cross import EMOTION_POLARITY, sentiment_on_emotion
    from echoscope.train.datasets import data_root

    root = data_root(shared_data)
    mapping = (Path(root) / "social" / "tweeteval" / "datasets" / "emotion" / "mapping.txt")
    assert [line.split()[1] for line in mapping.read_text().splitlines()] == \
        list(EMOTION_POLARITY)
    out = sentiment_on_emotion(root, TextHeads.load())
    assert out is not None and out["examples"] > 1000
    assert out["negative"]["precision"] >= 80 and out["positive"]["precision"] >= 70, out


@pytest.mark.parametrize("n", [1000, 1601, 37])
def test_length_bucketed_passes_see_every_item_once_in_batches_of_one_length(n):
    from echoscope.train.encoder import Epochs

    rng = np.random.default_rng(n)
    lengths = [int(x) for x in rng.integers(5, 280, size=n)]
    feed = Epochs(n, 32, seed=1, lengths=lengths, pool=10)
    batches = [feed.next() for _ in range(-(-n // 32))]  # ceil: one pass
    seen = sorted(i for b in batches for i in b)
    assert seen == list(range(n))
    assert sum(len(b) < 32 for b in batches) <= 1 + n // (32 * 10)
    # Padding: a batch is padded to its longest item; bucketing must cut that waste.
    def padded(bs):
        return sum(max(lengths[i] for i in b) * len(b) for b in bs)
    plain = Epochs(n, 32, seed=1)
    plain_batches = [plain.next() for _ in range(-(-n // 32))]
    if n > 320:
        assert padded(batches) < 0.75 * padded(plain_batches)
    # The next pass is another order, and the same seed gives the same passes.
    again = Epochs(n, 32, seed=1, lengths=lengths, pool=10)
    assert [again.next() for _ in range(len(batches))] == batches
    assert [feed.next() for _ in range(len(batches))] != batches
    with pytest.raises(ValueError, match="lengths"):
        Epochs(n, 32, seed=1, lengths=lengths[:-1])


def test_bootstrap_interval_brackets_the_score_and_narrows_with_more_examples():
    from echoscope.train.metrics import score, score_ci

    labels = ["no", "yes"]
    gold = ["yes", "no", "no", "yes", "no", "no", "yes", "no"] * 25
    pred = ["yes", "no", "yes", "yes", "no", "no", "no", "no"] * 25
    value = score("macro_f1", gold, pred, labels)
    lo, hi = score_ci("macro_f1", gold, pred, labels)
    assert lo < value < hi
    lo4, hi4 = score_ci("macro_f1", gold * 4, pred * 4, labels)
    assert hi4 - lo4 < hi - lo
    assert score_ci("macro_f1", gold, gold, labels) == [100.0, 100.0]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_score_matches_scikit_learn(seed):
    from sklearn.metrics import f1_score, recall_score

    from echoscope.train.metrics import score

    rng = np.random.default_rng(seed)
    labels = ["FAVOR", "AGAINST", "NONE"]
    gold = list(rng.choice(labels, 300, p=[0.2, 0.5, 0.3]))
    pred = list(rng.choice(labels[:2] if seed == 2 else labels, 300))  # seed 2: NONE never predicted
    assert score("macro_f1", gold, pred, labels) == pytest.approx(
        f1_score(gold, pred, average="macro", labels=labels) * 100)
    assert score("f_avg", gold, pred, labels) == pytest.approx(
        f1_score(gold, pred, labels=["FAVOR", "AGAINST"], average="macro") * 100)
    assert score("f1_pos", gold, pred, ["NONE", "FAVOR"]) == pytest.approx(
        f1_score(gold, pred, labels=["FAVOR"], average="macro") * 100)
    assert score("macro_recall", gold, pred, labels) == pytest.approx(
        recall_score(gold, pred, average="macro", labels=labels) * 100)


@pytest.mark.parametrize(("labels", "weight"), [(2, None), (3, "balanced")])
def test_fitting_on_the_used_columns_finds_the_weights_a_fit_on_all_finds(labels, weight):
    """The linear models fit on the columns their rows use (hashed n-grams leave most of a
    million columns empty): the same weights and probabilities as a fit on every column,
    zero weight for the unused ones, and a model that scores matrices of the full width."""
    from scipy.sparse import random as sparse_random
    from sklearn.linear_model import LogisticRegression

    from echoscope.train.linear import fit_used_columns

    rng = np.random.default_rng(labels)
    x = sparse_random(60, 5000, density=0.002, format="lil", random_state=labels)
    x[:, 100] = rng.random((60, 1))  # one column every row uses
    x = x.tocsr()
    y = rng.integers(0, labels, 60)
    every = LogisticRegression(C=2.0, max_iter=3000, class_weight=weight).fit(x, y)
    used = fit_used_columns(LogisticRegression(C=2.0, max_iter=3000, class_weight=weight),
                            x, y)
    assert used.coef_.shape == every.coef_.shape
    assert np.abs(used.coef_ - every.coef_).max() < 1e-5
    assert not used.coef_[:, np.setdiff1d(np.arange(5000), x.indices)].any()
    other = sparse_random(10, 5000, density=0.01, format="csr", random_state=9)
    assert np.allclose(used.predict_proba(other), every.predict_proba(other), atol=1e-6)


# Seven checks share one trained slice (about 100 s on 2 idle cores, 40 s since the linear
# models fit on their used columns); on a busy machine it once ran past the 180 s hang
# guard, so it gets a longer one.
@pytest.mark.timeout(480)
def test_train_text_heads_slice_loads_and_runs_like_the_analyzers(cli, shared_data, tmp_path):
    """A seconds-long slice of `echoscope train text`: an artifact onnxruntime runs, with
    calibration, thresholds, the technique tagger and a model card."""
    pytest.importorskip("torch")
    from echoscope.ml.heads import TextHeads

    out = tmp_path / "text"
    # Inputs cut to 32 word pieces: a third less time, the same code path.
    res = cli("train", "text", "--data", shared_data, "--out", out, "--limit", "24",
              "--epochs", "1", "--max-tokens", "32")
    assert res.code == 0, res.err
    metrics = json.loads(res.out)
    assert json.loads((out / "model.json").read_text())["max_tokens"] == 32
    for task in ("sentiment", "offensive", "irony", "hypocrisy"):
        assert 0 <= metrics[task]["test"] <= 100
        assert 0 <= metrics[task]["test_ece_after"] <= 100
    assert 0 <= metrics["techniques_ptc_dev"]["si"]["f1"] <= 1
    heads = TextHeads.load(out)
    probs = heads.probs(["what a lovely day", "you are all idiots"])
    assert probs["sentiment"].shape == (2, 3) and abs(probs["sentiment"].sum() - 2) < 1e-5
    text = "They are corrupt, radical traitors who hate this country."
    (enc,) = heads.encoder.encode([text])
    for span in heads.tagger.spans(enc, text):
        assert 0 <= span.start < span.end <= len(text) and 0 <= span.p_label <= 1
    card = (out / "MODEL_CARD.md").read_text()
    assert "temperature" in card and "CC BY-NC-SA" in card and "linear share" in card
    _check_sure_tone(out, metrics)
    _check_fit_only_then_calibrate(cli, shared_data, out, metrics, tmp_path)
    _check_linear_shares(out)
    _check_warm_start(cli, shared_data, out, tmp_path)
    _check_calibrate_only_is_a_rerun(cli, shared_data, out)
    _check_precisions_only(cli, shared_data, out)
    _check_calibrate_only_some_tasks(cli, shared_data, out)
    _check_refit_head(cli, shared_data, out)
    _check_averaged_probabilities(cli, shared_data, out)
    _check_choose_precision(cli, shared_data, out)


def _check_sure_tone(out, metrics):
    """Sentiment's labels sure enough to show: a level per label chosen on validation, the
    same rule in the analyzers' code (``TextHeads.sure``) and in ``classify``; the test
    split says how many are given and how right."""
    from echoscope.ml.classify import classify
    from echoscope.ml.heads import TextHeads

    sure = json.loads((out / "model.json").read_text())["tasks"]["sentiment"]["sure_thresholds"]
    assert set(sure) == {"rule", "negative", "neutral", "positive"}
    assert all(0.4 <= sure[lab]["threshold"] <= 1.0 for lab in ("negative", "neutral", "positive"))
    assert set(metrics["sentiment"]["test_sure"]) == {"negative", "neutral", "positive"}
    assert 0 <= metrics["sentiment"]["test_sure_share"] <= 100
    heads = TextHeads.load(out)
    texts = ["what a lovely day", "you are all idiots", "the meeting is at noon"]
    probs = heads.probs(texts)["sentiment"]
    got = classify(texts, "sentiment", models_dir=out.parent)  # (out is <dir>/text)
    for p, row in zip(probs, got, strict=True):
        label = heads.decide("sentiment", p)
        expected = p[heads.labels["sentiment"].index(label)] > sure[label]["threshold"]
        assert heads.sure("sentiment", label, p) is bool(expected)
        assert row["sure"] is bool(expected)
    assert heads.sure("offensive", "offensive", probs[0][:2]) is None


def _without_seconds(metrics):
    return {k: v for k, v in metrics.items() if "seconds" not in k}


def _check_fit_only_then_calibrate(cli, shared_data, out, metrics, tmp_path):
    """Training split in two (`--fit-only` where the GPU is, `--calibrate-only` anywhere)
    gives the artifact one run gives: the same adapters and heads, the same decisions and
    scores; the uncalibrated artifact says it is not calibrated yet."""
    fit = tmp_path / "text_fit"
    res = cli("train", "text", "--data", shared_data, "--out", fit, "--limit", "24",
              "--epochs", "1", "--max-tokens", "32", "--fit-only")
    assert res.code == 0, res.err
    assert set(json.loads(res.out)) == {"seconds"} and not (fit / "MODEL_CARD.md").exists()
    raw = json.loads((fit / "model.json").read_text())
    assert all(task["temperature"] == 1.0 and "threshold" not in task
               for task in raw["tasks"].values())
    assert "techniques" in raw  # the tagger's decoding is chosen where the model is in memory
    with np.load(out / "weights.npz") as one, np.load(fit / "weights.npz") as two:
        # The int8 smoothing scales are measured where the artifact is finished.
        assert {k for k in one.files if not k.startswith("smooth.")} == set(two.files)
        assert all(np.array_equal(one[k], two[k]) for k in two.files)
    res = cli("train", "text", "--data", shared_data, "--out", fit, "--calibrate-only")
    assert res.code == 0, res.err
    with np.load(out / "weights.npz") as one, np.load(fit / "weights.npz") as two:
        assert set(one.files) == set(two.files)
        assert all(np.array_equal(one[k], two[k]) for k in one.files)
    assert _without_seconds(json.loads(res.out)) == _without_seconds(metrics)
    assert json.loads((fit / "model.json").read_text())["tasks"] == \
        json.loads((out / "model.json").read_text())["tasks"]
    for args in (("--calibrate-only",), ("--refit-head", "irony"), ("--trained", str(fit))):
        refused = cli("train", "text", "--data", shared_data, "--out", fit, "--fit-only", *args)
        assert refused.code != 0 and ("--fit-only" in refused.err or "--trained" in
                                      refused.err), args


def _check_refit_head(cli, shared_data, out):
    """`--refit-head` fits that task's output layer again (and chooses its decisions
    again); the adapters, the other heads and the other tasks' decisions stay as they are,
    and the card says what was done."""
    import numpy as np

    with np.load(out / "weights.npz") as stored:
        before = {k: stored[k] for k in stored.files}
    config = json.loads((out / "model.json").read_text())
    res = cli("train", "text", "--data", shared_data, "--out", out, "--refit-head", "irony")
    assert res.code == 0, res.err
    with np.load(out / "weights.npz") as stored:
        after = {k: stored[k] for k in stored.files}
    assert set(after) == set(before)
    changed = {k for k in before if not np.array_equal(before[k], after[k])}
    assert changed == {"head.irony.weight", "head.irony.bias"}
    assert after["head.irony.weight"].shape == before["head.irony.weight"].shape
    again = json.loads((out / "model.json").read_text())
    assert again["refit_heads"]["irony"]["rows"] > 0
    for name in ("sentiment", "offensive", "hypocrisy"):
        assert again["tasks"][name] == config["tasks"][name]
    assert again["techniques"]["blend"] == config["techniques"]["blend"]
    assert "fitted again" in (out / "MODEL_CARD.md").read_text()
    from echoscope.ml import heads as heads_module

    heads_module._load_text.cache_clear()
    assert "+irony-refit" in heads_module.TextHeads.load(out).version
    refused = cli("train", "stance", "--data", shared_data, "--out", out, "--refit-head",
                  "irony")
    assert refused.code != 0 and "refit-head" in refused.err


def _check_calibrate_only_some_tasks(cli, shared_data, out):
    """`--calibrate-only --only irony` chooses irony's decisions again (its label threshold
    for precision, its F1 threshold kept beside it) and no other task's; the card says so."""
    before = json.loads((out / "model.json").read_text())
    res = cli("train", "text", "--data", shared_data, "--out", out, "--calibrate-only",
              "--only", "irony")
    assert res.code == 0, res.err
    after = json.loads((out / "model.json").read_text())
    for name in ("sentiment", "offensive", "hypocrisy"):
        assert after["tasks"][name] == before["tasks"][name]
    irony = after["tasks"]["irony"]
    assert irony["threshold"] >= irony["f1_threshold"] and "label_rule" in irony
    assert after["calibrated_tasks"][-1]["tasks"] == ["irony"]
    assert "--only irony" in (out / "MODEL_CARD.md").read_text()
    refused = cli("train", "text", "--data", shared_data, "--out", out, "--only", "irony")
    assert refused.code != 0 and "--only" in refused.err
    refused = cli("train", "text", "--data", shared_data, "--out", out, "--calibrate-only",
                  "--max-tokens", "64")  # a rerun keeps the artifact's own
    assert refused.code != 0 and "--max-tokens" in refused.err


def _check_precisions_only(cli, shared_data, out):
    """`--precisions-only` measures the int8 smoothing scales again (the same: they depend
    on the adapters and a seeded draw of training rows), scores the artifact in mixed and
    int8 and changes nothing else."""
    with np.load(out / "weights.npz") as stored:
        weights = {k: stored[k] for k in stored.files}
    assert sum(k.startswith("smooth.") for k in weights) == 12  # 6 layers x 2 inputs
    before = json.loads((out / "model.json").read_text())
    res = cli("train", "text", "--data", shared_data, "--out", out, "--precisions-only")
    assert res.code == 0, res.err
    after = json.loads((out / "model.json").read_text())
    with np.load(out / "weights.npz") as stored:
        assert set(stored.files) == set(weights)
        assert all(np.array_equal(stored[k], weights[k]) for k in stored.files)
    assert after["int8_smoothing"]["texts"] > 0
    scored = ("metrics_mixed", "metrics_int8", "int8_smoothing")
    for key in scored[:2]:
        assert after[key]["precision"] == key.removeprefix("metrics_")
        assert 0 <= after[key]["sentiment"]["test"] <= 100
    assert after["metrics"]["precision"] == "float32"
    assert {k: v for k, v in after.items() if k not in scored} == \
        {k: v for k, v in before.items() if k not in scored}
    card = (out / "MODEL_CARD.md").read_text()
    assert "per token" in card and "| test | float32 | mixed (the default)" in card
    refused = cli("train", "stance", "--data", shared_data, "--out", out, "--precisions-only")
    assert refused.code != 0 and "precisions-only" in refused.err


def _check_choose_precision(cli, shared_data, out):
    """`--choose-precision` reads float32 and int8 on held-out rows and makes int8 the
    default exactly where every check of the rule holds on the figures it records; the
    card says what it read; nothing but the precision fields changes."""
    from echoscope.train.text_heads import PRECISION_RULE, TASKS

    before = json.loads((out / "model.json").read_text())
    res = cli("train", "text", "--data", shared_data, "--out", out, "--choose-precision")
    assert res.code == 0, res.err
    config = json.loads((out / "model.json").read_text())
    record = config["precision_rule"]
    base, new = record["float32"], record["int8"]
    assert set(TASKS) | {"mean", "held_si_f1", "paragraphs_ptc_dev"} <= set(base)
    expected = [new[t] >= base[t] - PRECISION_RULE["task_drop"] for t in TASKS]
    expected.append(new["mean"] >= base["mean"] - PRECISION_RULE["mean_drop"])
    if base["held_si_f1"] is not None:
        expected.append(new["held_si_f1"] >= base["held_si_f1"] - PRECISION_RULE["si_drop"]
                        - 1e-9)
    expected.append(record["time_vs_mixed"] <= PRECISION_RULE["time_vs_mixed"])
    assert record["passed"] == all(expected) == all(record["checks"].values())
    assert config.get("precision") == ("int8" if record["passed"] else None)
    assert "--choose-precision" in (out / "MODEL_CARD.md").read_text()
    changed = {k for k in set(config) | set(before) if config.get(k) != before.get(k)}
    assert changed <= {"precision", "precision_rule", "precision_choice"}
    refused = cli("train", "stance", "--data", shared_data, "--out", out,
                  "--choose-precision")
    assert refused.code != 0 and "--choose-precision" in refused.err


def _check_warm_start(cli, shared_data, out, tmp_path):
    """`--init` starts from an artifact's adapters and heads exactly, records the chain on
    the new artifact, and refuses what it cannot start from."""
    import torch

    from echoscope.errors import ModelError
    from echoscope.ml.encoder import load_artifact
    from echoscope.train.encoder import build_model
    from echoscope.train.text_heads import starting_point, warm_start

    config, arrays = load_artifact(out)
    model = build_model(config["lora_rank"], config["lora_alpha"])
    heads = torch.nn.ModuleDict({k.split(".")[1]: torch.nn.Linear(*arrays[k].shape[::-1])
                                 for k in arrays if k.startswith("head.") and
                                 k.endswith(".weight")})
    chain = warm_start(torch, model, heads, *starting_point(out, config["lora_rank"],
                                                             config["lora_alpha"]))
    assert chain["training"] == config["training"]
    for key, value in model.adapter().items():
        assert np.array_equal(value, arrays[key].astype(np.float32)), key
    for name, head in heads.items():
        assert np.array_equal(head.weight.detach().numpy(), arrays[f"head.{name}.weight"])
    for rank, alpha in ((config["lora_rank"] // 2, 8.0),  # another rank, another alpha
                        (config["lora_rank"], 2 * config["lora_alpha"])):
        with pytest.raises(ModelError, match="rank and alpha") as refused:
            starting_point(out, rank, alpha)
        assert refused.value.code == "E602"
    with pytest.raises(ModelError, match="rank"):  # factors of another shape: E602 too
        warm_start(torch, build_model(config["lora_rank"] // 2, 8.0), heads, config, arrays)
    further = tmp_path / "text_further"
    res = cli("train", "text", "--data", shared_data, "--out", further, "--limit", "24",
              "--epochs", "0.05", "--seed", "1", "--init", out, "--max-tokens", "32")
    assert res.code == 0, res.err
    trained = json.loads((further / "model.json").read_text())["training"]
    assert trained["started_from"]["training"] == config["training"] and trained["seed"] == 1
    assert "started from" in (further / "MODEL_CARD.md").read_text()
    res = cli("train", "stance", "--data", shared_data, "--init", out, "--limit", "24")
    assert res.code != 0 and "--init" in res.err
    stance = out.parent / "stance_artifact"  # not a text artifact: a clear error, no traceback
    stance.mkdir(exist_ok=True)
    (stance / "model.json").write_text(json.dumps({**config, "kind": "stance"}))
    (stance / "weights.npz").write_bytes((out / "weights.npz").read_bytes())
    res = cli("train", "text", "--data", shared_data, "--init", stance, "--limit", "24")
    assert res.code != 0 and "E602" in res.err and "not a text artifact" in res.err
    assert "Traceback" not in res.err


def _check_linear_shares(out):
    """Each task's linear share is one of the searched values; a task given one has its
    linear model beside the artifact, and only then."""
    from echoscope.train.encoder import LINEAR_WEIGHTS
    from echoscope.train.text_heads import LINEAR_TASKS

    config = json.loads((out / "model.json").read_text())
    for task, entry in config["tasks"].items():
        weight = entry.get("linear_weight", 0.0)
        assert weight in LINEAR_WEIGHTS and (weight == 0 or task in LINEAR_TASKS)
        assert (out / f"linear_{task}").exists() == bool(weight)
        if weight:
            assert entry["linear_model"] == f"linear_{task}"
            TextClassifier.load(out / f"linear_{task}")


def _check_calibrate_only_is_a_rerun(cli, shared_data, out):
    """`--calibrate-only` chooses the same decisions again (same data, same seed), leaves
    the adapters and heads untouched, and says so on the card."""
    weights = (out / "weights.npz").read_bytes()
    before = json.loads((out / "model.json").read_text())
    spoilt = json.loads(json.dumps(before))  # decisions no calibration would choose
    for entry in spoilt["tasks"].values():
        entry.update(temperature=9.0, threshold=0.99)
        entry.pop("linear_weight", None)
        entry.pop("linear_model", None)
    spoilt["techniques"].pop("blend", None)
    (out / "model.json").write_text(json.dumps(spoilt))
    res = cli("train", "text", "--data", shared_data, "--out", out, "--calibrate-only")
    assert res.code == 0, res.err
    after = json.loads((out / "model.json").read_text())
    assert (out / "weights.npz").read_bytes() == weights
    assert after["tasks"] == before["tasks"]
    assert after["techniques"]["blend"] == before["techniques"]["blend"]
    assert after["metrics"]["hypocrisy"]["test"] == before["metrics"]["hypocrisy"]["test"]
    assert "chosen again" in (out / "MODEL_CARD.md").read_text()


def _check_averaged_probabilities(cli, shared_data, out):
    """With a linear share, the head serves (1 - share) x its calibrated probabilities +
    share x the linear model's, in its own label order."""
    from echoscope.ml import heads as heads_module
    from echoscope.ml.heads import softmax
    from echoscope.ml.textclf import load_cached

    res = cli("train", "hypocrisy", "--data", shared_data, "--out", out / "linear_hypocrisy",
              "--limit", "300")
    assert res.code == 0, res.err
    config = json.loads((out / "model.json").read_text())
    config["tasks"]["hypocrisy"].update(linear_weight=0.3, linear_model="linear_hypocrisy")
    (out / "model.json").write_text(json.dumps(config))
    heads_module._load_text.cache_clear()
    load_cached.cache_clear()  # the linear model was just written again
    heads = heads_module.TextHeads.load(out)
    texts = ["What about his own expenses?", "The bridge opens on Monday.", ""]
    encoder = softmax(heads.logits(texts)["hypocrisy"] / heads.temperature["hypocrisy"])
    linear = TextClassifier.load(out / "linear_hypocrisy").predict_proba(texts)
    assert np.allclose(heads.probs(texts)["hypocrisy"], 0.7 * encoder + 0.3 * linear,
                       atol=1e-6)
    if not config["tasks"]["offensive"].get("linear_weight"):  # the others: the head alone
        assert np.allclose(heads.probs(texts)["offensive"], softmax(
            heads.logits(texts)["offensive"] / heads.temperature["offensive"]), atol=1e-6)
    assert "+hypocrisy-linear0.3" in heads.version
    heads_module._load_text.cache_clear()
    load_cached.cache_clear()


def test_train_technique_namer_slice(cli, shared_data, tmp_path):
    """A seconds-long slice of `echoscope train techniques-namer`: an artifact the
    analyzers load, its temperature and linear share chosen on the held-out articles, the
    linear model recorded, and a card."""
    pytest.importorskip("torch")
    from echoscope.errors import ModelError
    from echoscope.ml import heads as heads_module
    from echoscope.ml.techniques import MODEL_DIR, fingerprint
    from echoscope.train.encoder import LINEAR_WEIGHTS

    out = tmp_path / "namer"
    res = cli("train", "techniques-namer", "--data", shared_data, "--out", out, "--limit",
              "24", "--epochs", "1", "--max-tokens", "32")
    assert res.code == 0, res.err
    metrics = json.loads(res.out)
    for split in ("held", "dev"):
        assert metrics[split]["served"]["spans"] > 0
        for kind in ("served", "namer_only", "linear_only"):
            lo, hi = metrics[split][kind]["ci95"]
            assert 0 <= lo <= metrics[split][kind]["micro_f1"] <= hi <= 1
    config = json.loads((out / "model.json").read_text())
    assert config["kind"] == "technique_namer" and config["training"]["examples"] == 24
    assert config["linear_weight"] in LINEAR_WEIGHTS
    assert config["crf_sha256"] == fingerprint(str(MODEL_DIR))
    heads_module._load_namer.cache_clear()
    namer = heads_module.TechniqueNamer.load(out)
    p = namer.probs("They are traitors and cowards.", [(9, 17), (22, 29)])
    assert p.shape == (2, 14) and np.allclose(p.sum(axis=1), 1.0)
    card = (out / "MODEL_CARD.md").read_text()
    assert "## Test results" in card and "held-out" in card
    # --calibrate-only: chosen again as trained, with the linear model installed now (an
    # artifact chosen with another one is refused until then), the weights untouched.
    weights = (out / "weights.npz").read_bytes()
    spoilt = {**config, "temperature": 9.0, "linear_weight": 0.7, "crf_sha256": "0" * 64}
    (out / "model.json").write_text(json.dumps(spoilt))
    heads_module._load_namer.cache_clear()
    with pytest.raises(ModelError) as stale:
        heads_module.TechniqueNamer.load(out).probs("They are traitors.", [(9, 17)])
    assert stale.value.code == "E602"
    res = cli("train", "techniques-namer", "--data", shared_data, "--out", out,
              "--calibrate-only")
    assert res.code == 0, res.err
    again = json.loads((out / "model.json").read_text())
    assert (out / "weights.npz").read_bytes() == weights
    for key in ("temperature", "linear_weight", "crf_sha256"):
        assert again[key] == config[key], key
    assert "chosen again" in (out / "MODEL_CARD.md").read_text()
    heads_module._load_namer.cache_clear()


def test_train_stance_head_slice(cli, shared_data, tmp_path):
    pytest.importorskip("torch")
    from pathlib import Path

    from echoscope.doc import STANCE_LABELS as LABELS
    from echoscope.ml.heads import StanceHead
    from echoscope.train.datasets import PSTANCE_TARGETS
    from echoscope.train.encoder import LINEAR_WEIGHTS
    from echoscope.train.metrics import score, sides_said
    from echoscope.train.stance_head import may_say_none, stance_splits

    out = tmp_path / "stance"
    res = cli("train", "stance", "--data", shared_data, "--out", out, "--limit", "32",
              "--epochs", "1", "--max-tokens", "32")
    assert res.code == 0, res.err
    metrics = json.loads(res.out)
    assert 0 <= metrics["pstance_mean"] <= 100 and 0 <= metrics["semeval_f_avg"] <= 100
    head = StanceHead.load(out)
    config = json.loads((out / "model.json").read_text())
    # The head decides with what calibration chose (not the values written before it).
    assert (head.temperature, head.linear_weight, head.blend_temperature, head.min_side) == (
        config["temperature"], config["linear_weight"], config["blend_temperature"],
        config["min_side"])
    assert config["linear_weight"] in LINEAR_WEIGHTS
    p = head.predict_proba(["Vote her out", "She is great"], ["Maya Okafor", "Maya Okafor"])
    assert p.shape == (2, 3) and abs(float(p.sum()) - 2) < 1e-5
    assert head.decide(p[0], "Maya Okafor") in (0, 1, 2)
    # The seen people's sides at the level they are served: what someone new is matched to.
    seen = config["seen_precision"]
    assert set(seen) == {"coverage", "precision", "said", "right", "level"}
    assert seen["level"] == config["min_side"]
    assert config["training"]["batches"] == "random"  # as every shipped recipe
    # The side's level for seen targets is chosen for precision, never below macro-F1's.
    assert config["min_side"] >= config["min_side_f1"] == head.min_side_f1
    # The benchmark F_avg at the macro-F1 level; subtask B's sides at the level served.
    splits = stance_splits(Path(shared_data), 0, limit=32)
    test = splits["test_semeval"]
    scored = StanceHead.load(out, precision="float32")  # as the card's figures
    probs = scored.predict_proba([r[0] for r in test], [r[1] for r in test])
    assert metrics["semeval_f_avg"] == round(score("f_avg", [r[2] for r in test], [
        LABELS[scored.decide_with(p, head.min_side_f1)] for p in probs], LABELS), 1)
    b = metrics["semeval_trump"]
    assert (b["at_benchmark"]["level"], b["served"]["level"]) == (head.min_side_f1,
                                                                  head.min_side)
    assert config["side_rule"]["rows"] == len(
        stance_splits(Path(shared_data), 0, limit=32)["val_with_none"])
    # P-Stance's validation rows (not those of the data that may say NONE, whatever the
    # target: the multi-target set has tweets about P-Stance's people too).
    # The multi-target set's tweets about P-Stance's people may be NONE; P-Stance's never.
    rows = list(zip(splits["val"], may_say_none(splits), strict=True))
    assert any(k and r[1] in PSTANCE_TARGETS.values() for r, k in rows)
    assert all(r[1] in PSTANCE_TARGETS.values() for r, k in rows if not k)
    assert sorted(r for r, k in rows if k) == sorted(splits["val_with_none"])
    people = [r for r, k in rows if not k and scored.seen(r[1])]
    probs = scored.predict_proba([r[0] for r in people], [r[1] for r in people])
    assert {k: v for k, v in seen.items() if k != "level"} == sides_said(
        [LABELS[scored.decide_with(p, head.min_side)] for p in probs], [r[2] for r in people])
    assert "macro-F1 level" in (out / "MODEL_CARD.md").read_text()
    assert "People never seen in training" in (out / "MODEL_CARD.md").read_text()
    # --calibrate-only chooses the decisions again: the adapters untouched, the same choices.
    weights = (out / "weights.npz").read_bytes()
    res = cli("train", "stance", "--data", shared_data, "--out", out, "--calibrate-only")
    assert res.code == 0, res.err
    again = json.loads((out / "model.json").read_text())
    assert (out / "weights.npz").read_bytes() == weights
    for key in ("temperature", "linear_weight", "blend_temperature", "min_side",
                "min_side_f1", "side_rule"):
        assert again[key] == config[key], key
    assert "stance --calibrate-only" in (out / "MODEL_CARD.md").read_text()
    bad = cli("train", "stance", "--data", shared_data, "--out", out, "--calibrate-only",
              "--unseen")
    assert bad.code != 0 and "--calibrate-only" in bad.err
    _check_unseen_only(cli, shared_data, out)
    # Choosing the seen decisions again keeps what the level for someone new was matched to.
    before = json.loads((out / "model.json").read_text())
    res = cli("train", "stance", "--data", shared_data, "--out", out, "--calibrate-only")
    assert res.code == 0, res.err
    after = json.loads((out / "model.json").read_text())
    assert after["metrics"]["unseen"].get("matched_to") == before["metrics"]["unseen"].get(
        "matched_to")
    assert after.get("min_side_unseen") == before.get("min_side_unseen")


def test_stance_trained_elsewhere_is_finished_as_one_run_finishes_it(cli, shared_data,
                                                                     tmp_path):
    """`--fit-only --unseen` (the GPU's share: the adapters and head, and the held-out
    folds') then `--trained` (the rest, without torch) give what one `--unseen` run gives:
    the same weights, decisions, scores and people-never-seen figures."""
    pytest.importorskip("torch")
    args = ("--data", shared_data, "--limit", "12", "--epochs", "1", "--max-tokens", "32",
            "--unseen")
    whole, fit, done = tmp_path / "whole", tmp_path / "fit", tmp_path / "done"
    res = cli("train", "stance", *args, "--out", whole)
    assert res.code == 0, res.err
    expected = json.loads(res.out)
    res = cli("train", "stance", *args, "--out", fit, "--fit-only")
    assert res.code == 0, res.err
    for person in ("trump", "biden", "bernie"):
        fold = json.loads((fit / "unseen" / person / "model.json").read_text())
        assert fold["training"]["without"] and fold["temperature"] == 1.0
    assert not (fit / "MODEL_CARD.md").exists()
    res = cli("train", "stance", "--data", shared_data, "--trained", fit, "--unseen",
              "--out", done)
    assert res.code == 0, res.err
    got = json.loads(res.out)
    assert got["trained_seconds"] > 0
    strip = lambda m: {**_without_seconds(m), "unseen": {  # noqa: E731
        k: v for k, v in m["unseen"].items() if k != "measured_on"}}
    assert strip(got) == strip(expected)
    one, two = (json.loads((d / "model.json").read_text()) for d in (whole, done))
    for key in ("temperature", "linear_weight", "blend_temperature", "min_side",
                "linear_weight_unseen", "encoder_sha256", "lora_rank", "max_tokens"):
        assert one.get(key) == two.get(key), key
    with np.load(whole / "weights.npz") as a, np.load(done / "weights.npz") as b:
        assert all(np.array_equal(a[k], b[k]) for k in a.files)
    assert "People never seen in training" in (done / "MODEL_CARD.md").read_text()
    # --unseen-only --trained: the same folds, finished again, choose the same for people
    # never seen (the artifact's adapters and seen decisions untouched).
    res = cli("train", "stance", "--data", shared_data, "--unseen-only", "--trained", fit,
              "--out", done)
    assert res.code == 0, res.err
    again = json.loads(res.out)
    assert again.pop("limit") == 12  # the artifact's slice, the folds' own
    assert {k: v for k, v in again.items() if k != "measured_on"} == strip(expected)["unseen"]
    three = json.loads((done / "model.json").read_text())
    for key in ("temperature", "linear_weight", "min_side", "min_side_unseen",
                "linear_weight_unseen", "seen_precision"):
        assert three.get(key) == two.get(key), key
    assert "trained elsewhere with --fit-only" in three["calibrated"]["how"]
    # Folds of another recipe are refused, and nothing is rewritten.
    shutil.copytree(fit, tmp_path / "odd")
    fold = tmp_path / "odd" / "unseen" / "biden" / "model.json"
    fold.write_text(json.dumps({**json.loads(fold.read_text()), "lora_rank": 4}))
    refused = cli("train", "stance", "--data", shared_data, "--unseen-only", "--trained",
                  tmp_path / "odd", "--out", done)
    assert refused.code != 0 and "rank differ" in refused.err
    assert json.loads((done / "model.json").read_text()) == three
    refused = cli("train", "stance", "--data", shared_data, "--trained", fit, "--without",
                  "Donald Trump", "--out", tmp_path / "other")
    assert refused.code != 0 and "trained without" in refused.err
    for extra in (("--seed", "3"), ("--limit", "24"), ("--batches", "by-length")):
        refused = cli("train", "stance", "--data", shared_data, "--trained", fit, *extra,
                      "--out", tmp_path / "other")
        assert refused.code != 0 and "--trained" in refused.err, extra
    refused = cli("train", "stance", "--data", shared_data, "--trained", tmp_path / "none",
                  "--out", tmp_path / "other")
    assert refused.code != 0 and "no trained stance adapters" in refused.err


def _check_unseen_only(cli, shared_data, out):
    """`--unseen-only` keeps the trained adapters and head and chooses again, on held-out
    folds (sliced), what the artifact does for people never seen: the linear share, the
    sentiment member (recorded with the text heads it read) and the side's level, served
    as chosen; the card says so and shows the second dataset."""
    from echoscope.ml import heads as heads_module
    from echoscope.ml.heads import StanceHead, text_fingerprint
    from echoscope.train.metrics import exact_precision

    weights = (out / "weights.npz").read_bytes()
    # A slice's seen people may get no side at all (no precision to match): give it one.
    config = json.loads((out / "model.json").read_text())
    config["seen_precision"] = {"coverage": 100.0, "precision": 50.0, "said": 10, "right": 5}
    (out / "model.json").write_text(json.dumps(config))
    res = cli("train", "stance", "--data", shared_data, "--out", out, "--unseen-only",
              "--limit", "12", "--epochs", "0.5", "--batches", "by-length")
    assert res.code == 0, res.err
    unseen = json.loads(res.out)
    # --epochs, --batches: the folds' recipe, recorded where the card reads it.
    assert unseen["epochs"] == 0.5 and unseen["batches"] == "by-length"
    assert set(unseen["val"]) == {"trump", "biden", "bernie", "mean"}
    config = json.loads((out / "model.json").read_text())
    assert (out / "weights.npz").read_bytes() == weights
    assert config["metrics"]["unseen"] == unseen and "--unseen-only" in config["calibrated"]["how"]
    assert unseen["limit"] == 12 and "a slice of 12 rows" in config["calibrated"]["how"]
    assert config["linear_weight_unseen"] == unseen["weight"]
    if exact_precision(config["seen_precision"]) is None:
        # The unseen share moved and calibration, run again on the slice, left the seen
        # people no side to match: no stricter level, and none recorded.
        assert "min_side_unseen" not in config and "min_side_unseen" not in unseen
    else:
        assert config["min_side_unseen"] == unseen["min_side_unseen"] >= config["min_side"]
        assert set(unseen["second"]) >= {"trump", "bernie", "mean", "sides", "opposed"}
    # SemEval-2016 subtask B: scored by the fold that never saw Donald Trump alone, F_avg at
    # the seen people's macro-F1 level, sides at the level someone new gets.
    assert set(unseen["subtask_b"]) == {"trump"}
    b = unseen["subtask_b"]["trump"]
    assert b["served"]["level"] == config.get("min_side_unseen", config["min_side"])
    assert b["at_benchmark"]["level"] == config["min_side_f1"]
    assert "A third dataset" in (out / "MODEL_CARD.md").read_text()
    member = config.get("sentiment_unseen")
    assert member == unseen.get("sentiment")
    head = StanceHead.load(out)
    assert head.min_side_unseen == config.get("min_side_unseen", config["min_side"])
    assert head.sentiment == member
    if member:
        assert member["text_sha256"] == text_fingerprint(head.text_dir)
        assert f"+sentiment{member['share']:g}" in head.version
    card = (out / "MODEL_CARD.md").read_text()
    assert "People never seen in training" in card and f"{unseen['weight']}" in card
    assert "batches drawn by length (the shipped encoder's at random)" in card
    for args in (("text",), ("stance", "--seed", "3"), ("stance-linear", "--epochs", "2")):
        refused = cli("train", *args, "--data", shared_data, "--out", out, "--unseen-only")
        assert refused.code != 0 and "--unseen-only" in refused.err, args
    refused = cli("train", "text", "--data", shared_data, "--out", out, "--batches", "by-length")
    assert refused.code != 0 and "--batches" in refused.err
    sliced = cli("train", "stance", "--data", shared_data, "--unseen-only", "--limit", "32")
    assert sliced.code != 0 and "give it --out" in sliced.err  # never a slice over shipped
    heads_module._load_stance.cache_clear()


def test_gpu_script_trains_on_a_float16_copy_and_stamps_the_genuine_weights(tmp_path):
    """scripts/train_gpu.py's float16 copy of the base weights (for a machine that cannot
    receive the 91 MB file): rebuilt, it is the genuine weights rounded to float16, with the
    word pieces the data never uses left at zero; artifacts trained on it are stamped with
    the genuine weights' sha256 (those they are served with) and say how they were trained."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "train_gpu.py"
    data = tmp_path / "data"
    data.mkdir()
    (data / "story.txt").write_text("Maya Okafor voted against the harbour bill.\n")
    packing = (f"import sys; from pathlib import Path; sys.path.insert(0, {str(script.parent)!r}); "
               f"import train_gpu; train_gpu.pack(Path({str(tmp_path / 'base')!r}), "
               f"[Path({str(data / 'story.txt')!r})])")
    subprocess.run([sys.executable, "-c", packing], check=True, capture_output=True)
    probe = f"""
import json, sys
from pathlib import Path
import numpy as np
sys.path.insert(0, {str(script.parent)!r})
import train_gpu
train_gpu.import_training()
from echoscope.ml import encoder
genuine = encoder.WEIGHTS_SHA256
real = encoder.base_weights()
train_gpu.unpack(Path({str(tmp_path / "base")!r}))
encoder.base_weights.cache_clear()
copy = encoder.base_weights()
assert encoder.WEIGHTS_SHA256 != genuine
ids = encoder.tokenizer().encode("Maya Okafor voted against the harbour bill.").ids
words = "embeddings.word_embeddings.weight"
rounded = lambda a: a.astype(np.float16).astype(np.float32)
assert np.array_equal(copy[words][ids], rounded(real[words][ids]))
unused = encoder.tokenizer().token_to_id("volcano")
assert unused is not None and unused not in ids and not copy[words][unused].any()
for key in real:
    if key != words and not key.startswith("pooler."):
        assert np.array_equal(copy[key], rounded(real[key])), key
art = Path({str(tmp_path / "art")!r})
art.mkdir()
(art / "model.json").write_text(json.dumps({{"encoder_sha256": encoder.WEIGHTS_SHA256,
                                             "training": {{"device": "cuda"}}}}))
train_gpu.restamp(art, genuine)
config = json.loads((art / "model.json").read_text())
assert config["encoder_sha256"] == genuine and "float16" in config["training"]["base_weights"]
print("checked")
"""
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert res.returncode == 0 and "checked" in res.stdout, res.stderr


def test_train_paragraphs_slice_scores_as_the_analyzer_reads(cli, shared_data, tmp_path):
    """A seconds-long slice of `echoscope train paragraphs`: an artifact and card; the
    paragraph analyzer, reading an English dev article as echoscope reads any text (its
    sentences from the `sentences` analyzer, the encoder's passes), gets the features and
    probabilities the trainer scored; other text heads' adapters are refused."""
    from pathlib import Path

    from echoscope.analyzers.paragraphs import ParagraphTechniqueFinder, paragraphs_of
    from echoscope.analyzers.posts import PostExtractor
    from echoscope.analyzers.sentences import SentenceSplitter
    from echoscope.errors import ModelError
    from echoscope.ml import paragraphs as module
    from echoscope.ml.heads import TextHeads
    from echoscope.readers.text import parse_text
    from echoscope.train.metrics import PRECISE_GRID
    from echoscope.train.paragraphs import FOLDER, THRESHOLDS, encode_paragraphs, read_rows

    out = tmp_path / "paragraphs"
    res = cli("train", "paragraphs", "--data", shared_data, "--out", out, "--limit", "60")
    assert res.code == 0, res.err
    dev = json.loads(res.out)["paragraphs_semeval2023_en_dev"]
    lo, hi = dev["interval"]
    assert 0 <= lo <= dev["micro_f1"] <= hi <= 1 and dev["articles"] == 2
    config = json.loads((out / "model.json").read_text())
    assert config["threshold"] in THRESHOLDS
    assert all(t is None or t in PRECISE_GRID for t in config["label_thresholds"])
    assert "quick slice" in (out / "MODEL_CARD.md").read_text()
    # The check on a second dataset: every technique labelled everywhere is right far less
    # than 70% of the time on PTC dev's articles, so none keeps its threshold.
    from echoscope.train.paragraphs import check_labels

    assert config["label_check"]["articles"] == 2  # run by the trainer
    unchecked = {k: v for k, v in config.items() if k != "label_check"}
    (out / "model.json").write_text(json.dumps({**unchecked, "label_thresholds": [0.0] * len(
        config["labels"])}))
    checked = check_labels(Path(shared_data), out, limit=60)
    assert checked["label_thresholds"] == [None] * len(config["labels"])
    assert checked["label_check"]["thresholds_before"] == [0.0] * len(config["labels"])
    assert checked["label_check"]["articles"] == 2
    (out / "model.json").write_text(json.dumps(config))
    module._load.cache_clear()
    head = module.ParagraphHead.load(out)
    # A dev article as a user's text file: read, its posts found, its sentences split.
    rows = read_rows(Path(shared_data), "dev", 60)
    article = rows[0][0]
    raw = (Path(shared_data) / FOLDER / "dev-articles-subtask-3" / f"article{article}.txt")
    doc = SentenceSplitter()(PostExtractor()(parse_text(raw.read_text("utf-8"), "dev")))
    units = paragraphs_of(doc)
    lines = [r[2] for r in rows if r[0] == article]
    # Every labelled line the article's own prose holds (not its posts) is one paragraph.
    in_posts = [x for x in lines if any(x.strip() in doc.text[p.start:p.end]
                                        for p in doc.posts)]
    assert [doc.text[a:b] for a, b, _ in units] == [x.strip() for x in lines
                                                    if x not in in_posts]
    lines = [x for x in lines if x not in in_posts]
    expected = head.probs(encode_paragraphs(TextHeads.load().encoder, lines), lines)
    finder = ParagraphTechniqueFinder({"paragraph_dir": str(out)})
    found = finder(doc).paragraph_techniques
    assert found is not None and found.paragraphs == len(lines)
    assert len(found.labelled) == sum(bool(head.labelled(p)) for p in expected)
    # Every technique labelled everywhere: each probability as the trainer computed it.
    (out / "model.json").write_text(json.dumps({**config, "label_thresholds": [0.0] * len(
        config["labels"])}))
    module._load.cache_clear()
    found = finder(doc).paragraph_techniques
    assert found is not None and [x.start for x in found.labelled] == [a for a, _, _ in units]
    for i, labelled in enumerate(found.labelled):
        assert list(labelled.labels) == head.labels
        assert np.allclose(list(labelled.labels.values()), expected[i], atol=2e-3)
    assert ParagraphTechniqueFinder({"paragraph_dir": str(out), "min_labelled": len(
        units) + 1})(doc).paragraph_techniques.labelled == []
    # Fitted on other sentence vectors: a clear error, not other numbers.
    (out / "model.json").write_text(json.dumps({**config, "text_adapters": "0" * 64}))
    module._load.cache_clear()
    with pytest.raises(ModelError) as stale:
        finder(doc)
    assert stale.value.code == "E602"
    module._load.cache_clear()


def test_shipped_paragraph_model_floor(shared_data):
    """The shipped paragraph model on SemEval-2023 English dev (never trained on): its
    micro-F1 at the one threshold, and the labels echoscope gives mostly right."""
    from pathlib import Path

    from echoscope.ml.encoder import ENCODER_DIR
    from echoscope.ml.heads import TextHeads
    from echoscope.ml.paragraphs import ParagraphHead
    from echoscope.train.metrics import micro_f1_sets
    from echoscope.train.paragraphs import encode_paragraphs, read_rows

    rows = read_rows(Path(shared_data), "dev")
    head = ParagraphHead.load()
    head.check_text_heads(ENCODER_DIR / "text")  # fitted on the shipped text heads
    lines = [r[2] for r in rows]
    p = head.probs(encode_paragraphs(TextHeads.load().encoder, lines), lines)
    gold = {(r[0], r[1]): set(r[3]) for r in rows}
    keys = list(gold)
    at_one = {k: {lab for lab, v in zip(head.labels, p[i], strict=True)
                  if v > head.config["threshold"]} for i, k in enumerate(keys)}
    assert micro_f1_sets(gold, at_one)["micro_f1"] >= PARAGRAPH_FLOOR
    given = {k: set(head.labelled(p[i])) for i, k in enumerate(keys)}
    said = sum(len(v) for v in given.values())
    right = sum(len(given[k] & gold[k]) for k in keys)
    assert said and right / said >= 0.7  # the rule its label thresholds were chosen by


def test_a_multilabel_linear_model_scores_each_label_on_its_own(tmp_path):
    """The n-gram model of the paragraph techniques: one sigmoid per label (probabilities
    that need not sum to one), kept through save and load."""
    texts = ["they lie and lie", "a calm report", "lie after lie, shameful", "plain facts"]
    clf = TextClassifier(labels=["a", "b", "c"], n_features=2**12, char_ngrams=(1, 0),
                         multilabel=True)
    counts = clf.counts(texts)
    clf.fit_idf(counts)
    rng = np.random.default_rng(0)
    clf.coef = rng.normal(size=(3, 2**12)).astype(np.float32)
    clf.intercept = np.array([0.5, -1.0, 0.0], dtype=np.float32)
    p = clf.predict_proba(texts)
    assert p.shape == (4, 3) and not np.allclose(p.sum(axis=1), 1.0)
    x = clf.features(texts)
    assert np.allclose(p, 1 / (1 + np.exp(-(x @ clf.coef.T + clf.intercept))), atol=1e-5)
    clf.save(tmp_path / "m")
    again = TextClassifier.load(tmp_path / "m")
    assert again.multilabel and np.allclose(again.predict_proba(texts), p, atol=2e-3)
