"""Decision rules chosen on validation data: class weights for the three-way sentiment head."""

from __future__ import annotations

import json

import numpy as np
import pytest

from echoscope.train.metrics import score
from echoscope.train.text_heads import TASKS, _decide, choose_class_weights


def _skewed(n: int = 600, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """Probabilities from a model that leans to 'neutral': the middle class wins too often."""
    rng = np.random.default_rng(seed)
    gold = rng.choice(3, size=n, p=[0.3, 0.4, 0.3])
    logits = rng.normal(0, 1, (n, 3))
    logits[np.arange(n), gold] += 1.5
    logits[:, 1] += 1.2  # the lean
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    labels = TASKS["sentiment"].labels
    return p, [labels[g] for g in gold]


def test_class_weights_chosen_on_one_sample_help_on_another():
    task = TASKS["sentiment"]
    val_p, val_gold = _skewed(seed=0)
    weights = choose_class_weights(task, val_p, val_gold)
    assert weights is not None and weights[0] == 1.0
    assert weights[1] < 1.0  # the leaning class is weighed down
    test_p, test_gold = _skewed(seed=1)
    plain = score(task.metric, test_gold, _decide(task, test_p, None), task.labels)
    tuned = score(task.metric, test_gold, _decide(task, test_p, None, weights), task.labels)
    assert tuned > plain + 2  # macro-recall, 0-100


def test_no_weights_when_argmax_is_already_best():
    task = TASKS["sentiment"]
    labels = task.labels
    p = np.eye(3)[[0, 1, 2] * 20] * 0.9 + 0.1 / 3
    assert choose_class_weights(task, p, [labels[i] for i in [0, 1, 2] * 20]) is None


def test_the_shipped_heads_decide_with_their_class_weights():
    from echoscope.ml.heads import TextHeads

    heads = TextHeads.load()
    weights = heads.class_weights["sentiment"]
    p = np.array([0.34, 0.33, 0.33])
    expected = heads.labels["sentiment"][int(np.argmax(p * (weights if weights is not None
                                                            else 1.0)))]
    assert heads.decide("sentiment", p) == expected
    for task in ("offensive", "irony", "hypocrisy"):
        assert heads.class_weights[task] is None  # binary tasks use their threshold


def _two_models(n: int = 900, seed: int = 0, linear_noise: float = 1.0
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stance probabilities from two models that each see the gold label through their
    own noise (the second one's noise scaled by ``linear_noise``)."""
    rng = np.random.default_rng(seed)
    gold = rng.choice(3, size=n)

    def model(noise: float) -> np.ndarray:
        z = rng.normal(0, noise, (n, 3))
        z[np.arange(n), gold] += 1.0
        return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)

    return model(1.0), model(linear_noise), gold


def test_the_linear_share_is_chosen_where_it_helps_and_helps_elsewhere():
    from echoscope.ml.heads import blend
    from echoscope.train.encoder import choose_linear_weight

    enc, lin, gold = _two_models(seed=0)
    weight, nll = choose_linear_weight(enc, lin, gold)
    assert 0.2 <= weight <= 0.8 and nll["chosen"] < nll["encoder_only"]
    enc2, lin2, gold2 = _two_models(seed=1)
    right = (blend(enc2, lin2, weight).argmax(axis=1) == gold2).mean()
    assert right > (enc2.argmax(axis=1) == gold2).mean() + 0.02


def test_a_useless_linear_model_gets_no_share():
    from echoscope.train.encoder import choose_linear_weight

    enc, _, gold = _two_models(seed=2)
    noise = np.random.default_rng(3).dirichlet(np.ones(3), size=len(gold))
    weight, _ = choose_linear_weight(enc, noise, gold)
    assert weight == 0.0


def test_the_linear_share_reads_two_sides_where_the_data_has_no_none():
    """Rows from data that never says NONE (P-Stance) judge the share on FAVOR vs AGAINST
    alone: an encoder that all but never says NONE is not rewarded there for it, so a
    linear model that is better at the sides gets its share."""
    from echoscope.ml.heads import blend
    from echoscope.train.encoder import choose_linear_weight

    rng = np.random.default_rng(4)
    n = 600
    gold = rng.integers(0, 2, n)  # every row a side, as P-Stance's
    right = np.where(gold == 0, 0, 1)

    def sides(sharp: float, none: float) -> np.ndarray:
        p = np.empty((n, 3))
        good = rng.random(n) < sharp
        side = np.where(good, right, 1 - right)
        p[np.arange(n), side] = (1 - none) * 0.8
        p[np.arange(n), 1 - side] = (1 - none) * 0.2
        p[:, 2] = none
        return p

    enc, lin = sides(0.70, 0.02), sides(0.85, 0.45)
    three, _ = choose_linear_weight(enc, lin, gold)
    two, nll = choose_linear_weight(enc, lin, gold, sides_only=np.ones(n, dtype=bool))
    assert two > three  # its NONE mass no longer counts against it
    assert (two, nll) == choose_linear_weight(enc, lin, gold, sides_only=True)
    p = blend(enc, lin, two)
    q = p[:, :2] / p[:, :2].sum(axis=1, keepdims=True)
    assert nll["chosen"] == round(float(-np.mean(np.log(q[np.arange(n), gold]))), 4)
    # Per row: rows whose data may say NONE keep the three-way measure.
    mask = np.arange(n) < n // 2
    _, mixed = choose_linear_weight(enc, lin, gold, sides_only=mask)
    whole = -np.log(enc[np.arange(n), gold])
    pair = -np.log(enc[np.arange(n), gold] / enc[:, :2].sum(axis=1))
    assert mixed["encoder_only"] == round(float(np.where(mask, pair, whole).mean()), 4)


def test_the_shipped_stance_head_averages_its_two_models():
    from echoscope.ml.heads import StanceHead, linear_stance_proba, softmax, with_sentiment
    from echoscope.ml.stance import load_model

    head = StanceHead.load()
    texts = ["Vote them out, they lied to us again", "Proud to stand with them today"] * 2
    targets = ["Maya Okafor", "Maya Okafor", "Donald Trump", "Donald Trump"]
    assert "maya okafor" not in load_model().experts and "donald trump" in load_model().experts
    p = head.predict_proba(texts, targets)
    enc = softmax(head.logits(texts, targets) / head.temperature)
    w = np.array([head.linear_weight_unseen] * 2 + [head.linear_weight] * 2)[:, None]
    expected = (1 - w) * enc + w * linear_stance_proba(texts, targets)
    # The average for a target with an expert gets its own temperature on its logarithms;
    # the one for someone new stays as averaged.
    z = np.log(expected[2:]) / head.blend_temperature
    expected[2:] = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    if head.sentiment:  # people never seen: the text's sentiment too (test_stance_sentiment)
        expected[:2] = with_sentiment(expected[:2], head.polarity(texts[:2]), head.sentiment)
    assert np.allclose(p, expected, atol=1e-6) and np.allclose(p.sum(axis=1), 1, atol=1e-5)
    assert ("+linear" in head.version) == bool(head.linear_weight or head.linear_weight_unseen)
    assert (f"+T{head.blend_temperature:g}" in head.version) == (head.blend_temperature != 1)


def test_the_average_gets_its_own_temperature_where_it_is_too_unsure():
    """Two models each calibrated (exact posteriors, each from its own noisy view of the
    label) average to probabilities less sure than they should be: a temperature on the
    average's logarithms, fitted by the same (sides-only where there is no NONE) measure,
    sharpens it, keeps each row's order, and lowers the calibration error."""
    from echoscope.ml.heads import averaged, blend, rescaled
    from echoscope.train.encoder import expected_calibration_error, fit_temperature

    rng = np.random.default_rng(7)
    n, k, sigma = 6000, 1.0, 1.0
    gold = rng.integers(0, 3, n)

    def posterior() -> np.ndarray:
        # A view s = k * onehot(gold) + N(0, sigma^2): P(gold | s) = softmax(k s / sigma^2).
        s = rng.normal(0, sigma, (n, 3))
        s[np.arange(n), gold] += k
        z = k * s / sigma**2
        return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)

    a, b = posterior(), posterior()
    for one in (a, b):  # each calibrated: no temperature to gain
        assert abs(fit_temperature(np.log(one), gold) - 1.0) < 0.08
    avg = blend(a, b, 0.5)
    t = fit_temperature(np.log(avg), gold)
    assert t < 0.85  # the average is less sure than it should be
    sharp = rescaled(avg, t)
    assert np.allclose(sharp.sum(axis=1), 1) and (sharp.argmax(1) == avg.argmax(1)).all()
    assert expected_calibration_error(sharp, gold) < expected_calibration_error(avg, gold) - 1
    assert rescaled(avg, 1.0) is avg
    # As served: the rows of seen targets rescaled, the others averaged at their own share.
    seen = np.arange(n) % 2 == 0
    both = averaged(a, b, seen, 0.5, 0.3, t)
    assert np.allclose(both[seen], sharp[seen]) and np.allclose(both[~seen],
                                                                blend(a, b, 0.3)[~seen])
    # Per row, sides only: a row whose data has no NONE is judged on FAVOR vs AGAINST.
    two = gold < 2
    t_two = fit_temperature(np.log(avg[two]), gold[two], sides_only=True)
    q = avg[two][:, :2] / avg[two][:, :2].sum(axis=1, keepdims=True)
    assert abs(t_two - fit_temperature(np.log(q), gold[two])) < 1e-3
    with pytest.raises(ValueError, match="past them"):
        fit_temperature(np.log(avg), gold, sides_only=True)  # NONE rows among them


def test_the_share_for_unseen_people_is_chosen_on_their_validation_rows():
    from echoscope.train.stance_head import choose_unseen_weight, unseen_scores

    def fold(seed: int, encoder_sign: float) -> dict:
        """Held-out tweets where the linear model is informative and the encoder leans
        the wrong way (as a model that learnt one side's slogans does on the other side)."""
        rng = np.random.default_rng(seed)
        gold = rng.choice(["FAVOR", "AGAINST"], size=400)
        side = np.where(gold == "FAVOR", 1.0, -1.0)

        def probs(signal: np.ndarray) -> np.ndarray:
            fav = 1 / (1 + np.exp(-(signal + rng.normal(0, 1, len(gold)))))
            return np.stack([0.9 * fav, 0.9 * (1 - fav), np.full(len(gold), 0.1)], axis=1)

        return {"gold": list(gold), "encoder": probs(encoder_sign * side),
                "linear": probs(1.5 * side)}

    folds = {k: {"val": fold(i, -0.5), "test": fold(10 + i, -0.5)}
             for i, k in enumerate(("a", "b", "c"))}
    assert choose_unseen_weight(folds) >= 0.7
    out = unseen_scores(folds)
    assert out["mean"] > out["encoder_only_mean"] + 10
    assert set(out) >= {"weight", "a", "b", "c", "linear_only_mean"}
    good = {k: {"val": fold(i, 2.0), "test": fold(10 + i, 2.0)}
            for i, k in enumerate(("a", "b", "c"))}
    assert choose_unseen_weight(good) <= 0.6  # a better encoder keeps a larger share


def test_trust_by_confidence_counts_the_sides_said_and_how_many_are_right():
    """`by_confidence` counts, at each level, the FAVOR/AGAINST tweets whose side reaches
    it and how many of those are right — checked against rows built by hand, and on
    probabilities that are informative, where a higher level says fewer sides, better."""
    from echoscope.train.stance_head import CONFIDENCE_LEVELS, by_confidence

    hand = {"gold": ["FAVOR", "AGAINST", "FAVOR", "AGAINST", "NONE"],
            "encoder": np.array([[0.9, 0.05, 0.05],   # FAVOR at 0.9: right
                                 [0.75, 0.2, 0.05],   # FAVOR at 0.75: wrong
                                 [0.55, 0.4, 0.05],   # FAVOR at 0.55: right
                                 [0.3, 0.65, 0.05],   # AGAINST at 0.65: right
                                 [0.95, 0.0, 0.05]])}  # gold NONE: not counted
    hand["linear"] = hand["encoder"]
    rows = by_confidence({"x": {"val": hand, "test": hand}}, 0.5)
    assert [r["min_side"] for r in rows] == list(CONFIDENCE_LEVELS)
    want = {0.5: (4, 3), 0.6: (3, 2), 0.7: (2, 1), 0.8: (1, 1)}  # (said, right)
    for r in rows:
        said, right = want[r["min_side"]]
        assert r["test"]["said"] == said and r["test"]["coverage"] == 100 * said / 4
        assert r["test"]["precision"] == round(100 * right / said, 1)

    noise = {"gold": hand["gold"], "encoder": hand["encoder"][:, [1, 0, 2]]}
    for weight, enc, lin in ((0.0, hand["encoder"], noise["encoder"]),
                             (1.0, noise["encoder"], hand["encoder"])):
        mixed = {"gold": hand["gold"], "encoder": enc, "linear": lin}  # the share is read
        assert by_confidence({"x": {"val": mixed, "test": mixed}}, weight) == rows

    rng = np.random.default_rng(0)
    gold = rng.choice(["FAVOR", "AGAINST"], size=2000)
    signal = np.where(gold == "FAVOR", 1.0, -1.0) + rng.normal(0, 1.5, len(gold))
    fav = 1 / (1 + np.exp(-signal))
    p = np.stack([0.95 * fav, 0.95 * (1 - fav), np.full(len(gold), 0.05)], axis=1)
    t = {"gold": list(gold), "encoder": p, "linear": p}
    rows = by_confidence({"a": {"val": t, "test": t}}, 0.3)
    coverage = [r["val"]["coverage"] for r in rows]
    precision = [r["val"]["precision"] for r in rows]
    assert coverage == sorted(coverage, reverse=True) and precision == sorted(precision)


def _graded_fold(seed: int, n: int = 3000) -> dict:
    """Held-out tweets whose side is more often right the more probable it is."""
    rng = np.random.default_rng(seed)
    gold = rng.choice(["FAVOR", "AGAINST"], size=n)
    signal = np.where(gold == "FAVOR", 1.0, -1.0) * 0.6 + rng.normal(0, 1.5, n)
    fav = 1 / (1 + np.exp(-signal))
    p = np.stack([0.95 * fav, 0.95 * (1 - fav), np.full(n, 0.05)], axis=1)
    return {"gold": list(gold), "encoder": p, "linear": p}


def test_the_side_needed_about_someone_new_is_the_lowest_as_precise_as_the_seen():
    """`choose_min_side_unseen` reads validation only: the lowest level at which the held-out
    people's sides are right as often as the seen people's; `min_side` when they already
    are; the highest level when they never are. The chosen level is in the trust table."""
    from echoscope.train.stance_head import (
        UNSEEN_LEVELS,
        by_confidence,
        choose_min_side_unseen,
        side_precision,
    )

    val = _graded_fold(0)
    folds = {"a": {"val": val, "test": _graded_fold(1)}}
    probs, gold = val["encoder"], val["gold"]
    at_floor = side_precision(probs, gold, 0.34)["precision"]
    target = at_floor + 8.0
    chosen = choose_min_side_unseen(folds, 0.5, target, 0.34)
    assert chosen in UNSEEN_LEVELS and chosen > 0.34
    assert side_precision(probs, gold, chosen)["precision"] >= target
    below = [t for t in UNSEEN_LEVELS if t < chosen]
    assert all((side_precision(probs, gold, t)["precision"] or 0) < target for t in below)
    # The test split plays no part: another test split, the same choice.
    other = {"a": {"val": val, "test": _graded_fold(7)}}
    assert choose_min_side_unseen(other, 0.5, target, 0.34) == chosen
    assert choose_min_side_unseen(folds, 0.5, at_floor - 1, 0.34) == 0.34
    assert choose_min_side_unseen(folds, 0.5, 100.1, 0.34) == UNSEEN_LEVELS[-1]
    rows = by_confidence(folds, 0.5, chosen)
    shipped = [r for r in rows if r.get("shipped")]
    assert [r["min_side"] for r in shipped] == [chosen]
    assert shipped[0]["val"]["precision"] >= target


def test_the_linear_models_level_for_someone_new_reads_validation_only():
    """`choose_linear_level`: the lowest level at which the held-out generic models' sides
    on validation tweets are as often right as the seen reference; the test split plays no
    part; none needed when they already are; the highest when never."""
    from echoscope.train.metrics import exact_precision
    from echoscope.train.stance import choose_linear_level, linear_sides
    from echoscope.train.stance_head import UNSEEN_LEVELS

    def held(seed: int) -> tuple[list, list]:
        f = _graded_fold(seed)
        return list(f["encoder"]), f["gold"]

    val = held(0)
    at_none = exact_precision(linear_sides({"val": val}, "val", 0.0))
    target = at_none + 8.0
    chosen = choose_linear_level({"val": val, "test": held(1)}, target)
    assert chosen in UNSEEN_LEVELS
    assert exact_precision(linear_sides({"val": val}, "val", chosen)) >= target
    assert all(exact_precision(linear_sides({"val": val}, "val", t)) < target
               for t in UNSEEN_LEVELS if t < chosen)
    assert choose_linear_level({"val": val, "test": held(7)}, target) == chosen
    assert choose_linear_level({"val": val, "test": held(1)}, at_none - 1) == 0.0
    assert choose_linear_level({"val": val, "test": held(1)}, 100.1) == UNSEEN_LEVELS[-1]
    assert choose_linear_level({"val": val, "test": held(1)}, None) == 0.0


def test_the_held_out_scores_show_the_seen_level_and_each_person_at_the_shipped_one():
    from echoscope.train.stance_head import side_precision, unseen_scores

    folds = {k: {"val": _graded_fold(i), "test": _graded_fold(10 + i)}
             for i, k in enumerate(("trump", "biden"))}
    out = unseen_scores(folds, 0.7, 0.34, epochs=1.0)
    rows = {r["min_side"]: r for r in out["by_confidence"]}
    assert rows[0.34].get("seen_rule") and rows[0.7].get("shipped")
    assert out["min_side_unseen"] == 0.7 and out["epochs"] == 1.0
    w = out["weight"]
    for key, fold in folds.items():
        t = fold["test"]
        p = (1 - w) * t["encoder"] + w * t["linear"]
        assert out["by_person"][key] == side_precision(p, t["gold"], 0.7)


def test_the_shipped_stance_head_says_less_about_someone_it_never_saw():
    """A side as probable as the seen people's `min_side` asks, but under
    `min_side_unseen`, is said about a person in the training data and not about a new one;
    `classify` decides the same way for its target."""
    from echoscope.ml.classify import classify
    from echoscope.ml.heads import StanceHead

    head = StanceHead.load()
    assert head.seen("Donald Trump") and not head.seen("Maya Okafor")
    assert head.min_side_unseen > head.min_side
    middle = (head.min_side + head.min_side_unseen) / 2
    p = np.array([middle, (1 - middle) / 2, (1 - middle) / 2])
    assert head.decide(p, "Donald Trump") == 0
    assert head.decide(p, "Maya Okafor") == 2
    strong = np.array([head.min_side_unseen, 1 - head.min_side_unseen - 0.01, 0.01])
    assert head.decide(strong, "Maya Okafor") == 0
    texts = ["Vote them out, they lied to us again", "Proud to stand with them today",
             "What a week for the city council"]
    for target in ("Maya Okafor", "Donald Trump"):
        out = classify(texts, "stance", target=target)
        probs = head.predict_proba(texts, [target] * len(texts))
        assert [r["label"] for r in out] == [head.labels[head.decide(q, target)]
                                             for q in probs]


def test_a_text_card_tells_the_chain_of_runs_even_when_an_earlier_one_says_little():
    from echoscope.train.text_heads import _chain

    assert _chain({"epochs": 1.0}) == ""
    full = _chain({"epochs": 1.0, "started_from": {"trained_on": "2026-12-01", "training": {
        "epochs": 1.0, "seed": 0, "lr": 5e-4, "started_from": None}}})
    assert "1.0 epochs, seed 0" in full and "In all, 2 epochs" in full
    sparse = _chain({"epochs": 1.0, "started_from": {"training": None}})
    assert "? epochs" in sparse and "In all" not in sparse


def test_the_linear_stance_model_masks_people_but_not_topics():
    from echoscope.ml.heads import linear_stance_proba
    from echoscope.ml.stance import load_model

    model = load_model()
    assert "atheism" in model.topics and "joe biden" not in model.topics
    text = "Atheism is the honest answer, and Joe Biden should say so #atheism"
    assert model.mask(text, "Atheism") == text
    assert "Biden" not in model.mask(text, "Joe Biden") and "TARGET" in model.mask(text, "Joe Biden")
    p = linear_stance_proba([text, text], ["Atheism", "Joe Biden"])
    assert np.allclose(p[0], model.predict_proba([text], ["Atheism"])[0])
    assert np.allclose(p[1], model.predict_proba([model.mask(text, "Joe Biden")], ["Joe Biden"])[0])


def test_the_trainer_records_which_experts_read_unmasked_topics(tmp_path):
    from echoscope.ml.stance import StanceModel
    from echoscope.train.stance import fit_stance_model

    rng = np.random.default_rng(0)
    good, bad = ["great", "honest", "brave", "wise"], ["awful", "corrupt", "weak", "cruel"]
    rows = []
    for target, name in (("Joe Biden", "Biden"), ("Atheism", "atheism")):
        for i in range(240):
            label = ("FAVOR", "AGAINST")[i % 2]
            word = rng.choice(good if label == "FAVOR" else bad)
            rows.append((f"{name} is {word} today {i}", target, label))
    model, _ = fit_stance_model(rows, [], grid=(1.0,))
    assert model.topics == frozenset({"atheism"}) and set(model.experts) == {"joe biden", "atheism"}
    model.save(tmp_path / "m")
    assert StanceModel.load(tmp_path / "m").topics == model.topics
    # Its levels travel with it, whatever else the meta holds.
    model.min_side, model.min_side_unseen = 0.66, 0.89
    model.save(tmp_path / "m", meta={"metrics": {"task": "stance"}})
    again = StanceModel.load(tmp_path / "m")
    assert (again.min_side, again.min_side_unseen) == (0.66, 0.89)
    assert again.generic.meta["metrics"] == {"task": "stance"}


def test_runs_that_leave_people_out_average_with_their_own_linear_model():
    from echoscope.train.stance_head import uses_own_linear

    assert uses_own_linear(None, ("Donald Trump",), None)  # the shipped one saw Trump
    assert uses_own_linear("out", ("semeval",), None)
    assert uses_own_linear(False, (), None)  # an experiment run
    assert not uses_own_linear(None, (), None)  # the shipped recipe: the shipped model
    assert not uses_own_linear("out", ("Donald Trump",), False)  # asked for explicitly


def test_the_linear_share_is_chosen_with_a_model_that_never_saw_the_validation_rows():
    from echoscope.ml.heads import linear_stance_proba
    from echoscope.train.stance_head import linear_on

    # The same texts carry opposite labels in train and in validation: a model fitted on
    # the validation rows would agree with them; one fitted on train alone disagrees.
    words = ["rally", "speech", "vote", "debate", "plan", "bill", "tour", "ad"]
    texts = [f"the {a} and the {b} of Maya Okafor" for a in words for b in words]
    train = [(t, "Maya Okafor", ("FAVOR", "AGAINST")[i % 2]) for i, t in enumerate(texts)]
    val = [(t, "Maya Okafor", ("AGAINST", "FAVOR")[i % 2]) for i, t in enumerate(texts)]
    neutral = [(f"weather report number {k} for the coast", "Maya Okafor", "NONE")
               for k in range(20)]
    train, val = train + neutral, val + neutral
    model = linear_on({"train": train, "val": val, "train_extra": []}, seed=0)
    p = linear_stance_proba(texts, ["Maya Okafor"] * len(texts), model=model)
    said = np.where(p[:, 0] >= p[:, 1], "FAVOR", "AGAINST")
    assert (said == np.array([r[2] for r in train[:len(texts)]])).mean() > 0.75


def test_a_precise_label_threshold_holds_at_the_assumed_base_rate_and_not_below_it():
    """On balanced held-out rows the precise threshold is the lowest whose precision, were
    only a tenth of texts positive, reaches the target; an F1 threshold is far lower; a
    head that cannot separate the classes never labels."""
    from echoscope.train.metrics import PRECISE_GRID, precise_threshold, precision_at_prior

    rng = np.random.default_rng(0)
    y = np.repeat([0, 1], 500)
    p = np.clip(np.where(y == 1, rng.normal(0.7, 0.15, y.size), rng.normal(0.4, 0.15, y.size)),
                0, 1)
    t = precise_threshold(p, y, prior=0.1, min_precision=0.7)
    assert 0.4 < t < 1.0
    precision, hits = precision_at_prior(p, y, t, 0.1)
    assert precision >= 0.7 and hits >= 20
    below = PRECISE_GRID[PRECISE_GRID.index(t) - 1]
    assert precision_at_prior(p, y, below, 0.1)[0] < 0.7
    # At a base rate of one half the same threshold is far more precise than asked.
    assert precision_at_prior(p, y, t, 0.5)[0] > 0.9
    noise = rng.uniform(0, 1, y.size)
    assert precise_threshold(noise, y, prior=0.1, min_precision=0.7) == 1.0


def test_the_shipped_irony_head_labels_at_its_precise_threshold():
    """The shipped irony labels use the precise threshold, not the F1 one."""
    from echoscope.ml.heads import TextHeads

    heads = TextHeads.load()
    irony = heads.tasks["irony"]
    t, f1 = irony["threshold"], irony["f1_threshold"]
    assert t > f1 and irony["label_rule"]["prior"] <= 0.2
    between = (f1 + t) / 2
    assert heads.decide("irony", np.array([1 - between, between])) == "not-irony"
    if t < 0.99:
        assert heads.decide("irony", np.array([0.99 - t, t + 0.01])) == "irony"


def _may_take_none(seed: int, none: int, none_side: tuple[float, float]) -> tuple[np.ndarray,
                                                                                  list[str]]:
    """Held-out rows that may take no side: graded sided rows, and ``none`` rows whose gold
    is NONE but whose more probable side lies in ``none_side`` (a model that reads a side
    into tweets that take none)."""
    rng = np.random.default_rng(seed)
    gold = rng.choice(["FAVOR", "AGAINST"], size=1500)
    signal = np.where(gold == "FAVOR", 1.0, -1.0) * 1.5 + rng.normal(0, 1.5, len(gold))
    fav = 1 / (1 + np.exp(-signal))
    sided = np.stack([0.95 * fav, 0.95 * (1 - fav), np.full(len(gold), 0.05)], axis=1)
    side = rng.uniform(*none_side, none)
    other = (1 - side) * 0.8
    p_none = np.stack([side, other, 1 - side - other], axis=1)
    return np.concatenate([sided, p_none]), list(gold) + ["NONE"] * none


def test_a_side_is_said_only_where_sides_are_right_often_enough_on_rows_that_may_take_none():
    """`precise_min_side`: the lowest level (the macro-F1 one, then UNSEEN_LEVELS) at which
    the sides said on rows that may be NONE are right SIDE_RULE's share of the time; a side
    given to a NONE tweet is wrong, so such tweets raise the level; too few sides said: the
    highest level."""
    from echoscope.train.metrics import SIDE_RULE
    from echoscope.train.stance_head import UNSEEN_LEVELS, precise_min_side, side_precision

    target = SIDE_RULE["min_precision"]
    probs, gold = _may_take_none(0, 300, (0.35, 0.6))
    level, rule = precise_min_side(probs, gold, 0.34)
    at = side_precision(probs, gold, level)
    assert at["precision"] >= target and at["said"] >= SIDE_RULE["min_said"]
    assert rule["val_precision"] == at["precision"] and rule["rows"] == len(gold)
    for lower in [0.34, *(t for t in UNSEEN_LEVELS if t < level)]:
        below = side_precision(probs, gold, lower)
        assert below["precision"] < target or below["said"] < SIDE_RULE["min_said"], lower
    # NONE tweets the model reads a strong side into: the level must rise.
    louder, gold2 = _may_take_none(0, 300, (0.6, 0.85))
    assert precise_min_side(louder, gold2, 0.34)[0] > level
    # Never below where it starts; nothing to go on: the highest level.
    assert precise_min_side(probs, gold, 0.9)[0] >= 0.9
    assert precise_min_side(probs[:10], gold[:10], 0.34)[0] == UNSEEN_LEVELS[-1]


def test_subtask_b_scores_the_benchmark_and_the_sides_said_from_the_same_probabilities():
    from echoscope.doc import STANCE_LABELS
    from echoscope.ml.heads import StanceHead
    from echoscope.train.stance_head import subtask_b

    probs, gold = _may_take_none(3, 400, (0.35, 0.8))
    out = subtask_b(probs, gold, 0.34, 0.6)
    bench = [STANCE_LABELS[StanceHead.decide_with(p, 0.34)] for p in probs]
    assert out["f_avg"] == round(score("f_avg", gold, bench, STANCE_LABELS), 1)
    served = [STANCE_LABELS[StanceHead.decide_with(p, 0.6)] for p in probs]
    none = [s for s, g in zip(served, gold, strict=True) if g == "NONE"]
    assert out["served"]["none_given_side"] == round(
        100 * sum(s != "NONE" for s in none) / len(none), 1)
    assert out["served"]["said"] == sum(s != "NONE" for s in served)
    assert out["served"]["coverage"] < out["at_benchmark"]["coverage"]
    assert out["served"]["level"] == 0.6 and out["examples"] == len(gold)


def test_the_shipped_stance_head_says_a_side_only_at_its_precise_level():
    """The shipped head's side level for people it was trained on is the one chosen for
    precision (right at least SIDE_RULE's share on validation rows that may be NONE), above
    the macro-F1 level that gives its benchmark figure; a side between the two is NONE."""
    import json

    from echoscope.ml.heads import StanceHead
    from echoscope.train.metrics import SIDE_RULE
    from echoscope.train.stance_head import OUT_DIR

    config = json.loads((OUT_DIR / "model.json").read_text())
    head = StanceHead.load()
    assert head.min_side == config["min_side"] and head.min_side_f1 == config["min_side_f1"]
    assert config["side_rule"]["val_precision"] >= SIDE_RULE["min_precision"]
    assert head.min_side_f1 < head.min_side <= head.min_side_unseen
    middle = (head.min_side_f1 + head.min_side) / 2
    p = np.array([middle, (1 - middle) * 0.6, (1 - middle) * 0.4])
    assert head.decide(p, "Donald Trump") == 2
    assert head.decide_with(p, head.min_side_f1) == 0


def test_the_rule_records_when_no_level_met_it():
    from echoscope.train.stance_head import UNSEEN_LEVELS, precise_min_side

    probs, gold = _may_take_none(0, 300, (0.35, 0.6))
    assert precise_min_side(probs, gold, 0.34)[1]["met"] is True
    level, rule = precise_min_side(probs[:10], gold[:10], 0.34)
    assert level == UNSEEN_LEVELS[-1] and rule["met"] is False


def test_held_out_subtask_b_is_scored_at_the_benchmark_and_the_new_persons_levels():
    """`unseen_scores`: the fold with subtask B's rows (the one that never saw Trump) is
    scored with F_avg at the seen people's macro-F1 level and sides at the level someone
    new gets; folds without them are not."""
    from echoscope.train.stance_head import unseen_scores

    probs, gold = _may_take_none(5, 200, (0.35, 0.8))
    part = {"gold": gold, "encoder": probs, "linear": probs}
    folds = {"trump": {"val": _graded_fold(0), "test": _graded_fold(1), "subtask_b": part},
             "biden": {"val": _graded_fold(2), "test": _graded_fold(3)}}
    out = unseen_scores(folds, 0.74, 0.6, benchmark=0.34)
    assert set(out["subtask_b"]) == {"trump"}
    b = out["subtask_b"]["trump"]
    assert (b["at_benchmark"]["level"], b["served"]["level"]) == (0.34, 0.74)
    assert out["subtask_b"]["trump"]["at_benchmark"]["coverage"] > b["served"]["coverage"]
    # No level for someone new chosen: the seen people's.
    assert unseen_scores(folds, None, 0.6, benchmark=0.34)["subtask_b"]["trump"][
        "served"]["level"] == 0.6


def test_the_rows_that_may_take_no_side_and_subtask_b_are_what_they_say(shared_data):
    """`val_with_none`: the held-out SemEval-2016 and multi-target rows of validation, no
    P-Stance row among them; subtask B: every labelled tweet of its file, the task's
    hashtag removed as from subtask A's, and none of its tweets trained on."""
    from pathlib import Path

    from echoscope.train.datasets import load_semeval_trump, load_stance
    from echoscope.train.stance_head import stance_splits

    root = Path(shared_data)
    data = load_stance(root)
    splits = stance_splits(root, 0)
    rows = splits["val_with_none"]
    pstance_val = set(data["val"])
    assert rows and set(rows) <= set(splits["val"]) and not set(rows) & pstance_val
    assert set(splits["val"]) - set(rows) == set(splits["val"]) & pstance_val
    assert {r[2] for r in rows} == {"FAVOR", "AGAINST", "NONE"}
    trump = load_semeval_trump(root)
    path = root / "social" / "semeval2016_task6" / "subtaskB-trump-testdata-gold.txt"
    lines = path.read_bytes().decode("cp1252").splitlines()[1:]
    assert len(trump) == sum(line.rsplit("\t", 1)[-1].strip() in ("FAVOR", "AGAINST", "NONE")
                             for line in lines)
    assert all("#SemST" not in t and target == "Donald Trump" for t, target, _ in trump)
    trained = {r[0] for r in splits["train"]}
    assert not {t for t, _, _ in trump} & trained
    assert splits["test_semeval_trump"] == trump


def test_eval_encoder_scores_subtask_b_at_the_benchmark_level_and_shows_the_sides(
        shared_data):
    """`stance_on_trump` (in `echoscope eval encoder`'s cross-dataset figures): F_avg with
    NONE below the shipped head's macro-F1 level, as the task's systems were scored; the
    sides at the level the analyzers use, right or wrong against every tweet."""
    from pathlib import Path

    from echoscope.doc import STANCE_LABELS
    from echoscope.ml.heads import StanceHead
    from echoscope.train.cross import stance_on_trump
    from echoscope.train.datasets import load_semeval_trump

    root = Path(shared_data)
    out = stance_on_trump(root)
    head = StanceHead.load()
    rows = load_semeval_trump(root)
    probs = head.predict_proba([r[0] for r in rows], [r[1] for r in rows])
    gold = [r[2] for r in rows]
    bench = [STANCE_LABELS[head.decide_with(p, head.min_side_f1)] for p in probs]
    assert out["echoscope"] == round(score("f_avg", gold, bench, STANCE_LABELS), 1)
    said = [STANCE_LABELS[head.decide(p, "Donald Trump")] for p in probs]
    given = [i for i, s in enumerate(said) if s != "NONE"]
    assert out["served"]["level"] == head.min_side
    assert out["served"]["said"] == len(given)
    assert out["served"]["right"] == sum(said[i] == gold[i] for i in given)
    assert 0 <= out["in_domain_tfidf"] <= 100 and out["examples"] == len(rows)


def test_the_card_says_no_side_rather_than_a_missing_precision():
    """A level that leaves a dataset no side at all is said in words, never as 'None%'."""
    from echoscope.train.stance_head import _subtask_b_unseen

    b = {"f_avg": 59.3, "f_avg_ci95": [54.4, 63.6], "sides_macro_f1": 72.3,
         "at_benchmark": {"level": 0.34},
         "served": {"level": 0.84, "coverage": 0.0, "precision": None, "said": 0, "right": 0,
                    "none_given_side": 0.0}}
    text = _subtask_b_unseen({"trump": b})
    assert "no side at all" in text and "None" not in text
    b["served"] = {**b["served"], "coverage": 3.0, "precision": 81.0, "said": 21, "right": 17}
    assert "3.0% of the tweets, 81.0% right" in _subtask_b_unseen({"trump": b})


def test_the_card_says_what_the_level_for_someone_new_was_matched_to():
    """The sentence on the level for someone new names the seen people's figure it was
    matched to (``matched_to``), and says so when the seen decisions have moved since or
    when what it was matched to was never recorded."""
    from echoscope.train.stance_head import _unseen_rule

    seen = {"coverage": 81.0, "precision": 82.7, "said": 1776, "right": 1469, "level": 0.62}
    base = {"min_side": 0.62, "min_side_f1": 0.34, "min_side_unseen": 0.84,
            "seen_precision": seen}
    now = _unseen_rule({**base, "metrics": {"unseen": {"matched_to": dict(seen)}}})
    assert "82.7% of the" in now and "at the level they are served, 0.62" in now
    assert "--unseen-only" not in now
    moved = {**seen, "precision": 80.0, "said": 100, "right": 80, "level": 0.6}
    text = _unseen_rule({**base, "metrics": {"unseen": {"matched_to": moved}}})
    assert "80.0% of the" in text and "at 0.6, their level then" in text
    assert "now gives them 82.7% of 81.0% at 0.62" in text and "--unseen-only" in text
    old = {k: v for k, v in seen.items() if k != "level"}  # before levels were recorded
    text = _unseen_rule({**base, "seen_precision": old, "metrics": {"unseen": {}}})
    assert "at their macro-F1 level 0.34" in text and "--unseen-only" not in text
    text = _unseen_rule({**base, "metrics": {"unseen": {}}})  # a level, nothing matched
    assert "was not recorded" in text and "--unseen-only" in text


def test_the_linear_model_needs_its_level_toward_targets_it_knows():
    """The linear stance model says a side toward a target with an expert only from its own
    ``min_side``; toward someone new (strict) from the stricter of its two levels, and with
    ``as_seen`` from the seen level; ``level=0`` is the likeliest label (the benchmark)."""
    import copy

    from echoscope.ml.stance import load_model

    model = copy.copy(load_model())
    fav, ag, none = (model.labels.index(x) for x in ("FAVOR", "AGAINST", "NONE"))
    p = np.zeros(3)
    p[[fav, ag, none]] = (0.62, 0.28, 0.10)
    known = next(k for k in model.experts if k in ("donald trump", "joe biden"))
    model.min_side, model.min_side_unseen = 0.7, 0.8
    assert model.decide(p, known) == none and model.decide(p, known, level=0.0) == fav
    model.min_side = 0.6
    assert model.decide(p, known) == fav
    assert model.decide(p, "Maya Okafor") == none  # someone new: 0.8
    assert model.decide(p, "Maya Okafor", strict=False) == fav  # as_seen: 0.6
    model.min_side_unseen = 0.0  # never below the seen level
    model.min_side = 0.7
    assert model.decide(p, "Maya Okafor") == none


def test_the_shipped_linear_model_serves_the_level_its_card_chose():
    from echoscope.ml.stance import load_model

    model = load_model()
    rule = model.generic.meta["metrics"]["seen_rule"]
    assert rule["met"] and model.min_side == rule["level"] > 0
    assert model.min_side_unseen >= model.min_side


def test_the_made_up_name_is_adopted_only_where_it_helps_the_people_held_out():
    """`choose_stand_in` reads each held-out person both ways: it adopts the made-up name
    when their validation macro-F1 rises by the rule's margin and no second dataset falls
    past its tolerance, and then every part's encoder is the made-up name's reading."""
    from echoscope.train.stance_head import STAND_IN_GAIN, choose_stand_in

    def part(seed: int, plain: float, stood: float) -> dict:
        rng = np.random.default_rng(seed)
        gold = rng.choice(["FAVOR", "AGAINST"], size=500)
        side = np.where(gold == "FAVOR", 1.0, -1.0)

        def probs(signal: float) -> np.ndarray:
            fav = 1 / (1 + np.exp(-(signal * side + rng.normal(0, 1, len(gold)))))
            return np.stack([0.9 * fav, 0.9 * (1 - fav), np.full(len(gold), 0.1)], axis=1)

        return {"gold": list(gold), "encoder": probs(plain), "encoder_stand_in": probs(stood),
                "linear": probs(1.0)}

    def folds(val: tuple[float, float], second: tuple[float, float]) -> dict:
        return {k: {"val": part(i, *val), "test": part(10 + i, *val),
                    "second": part(20 + i, *second)} for i, k in enumerate("abc")}

    better = folds((0.3, 1.5), (0.3, 1.5))
    stood = {k: f["test"]["encoder_stand_in"].copy() for k, f in better.items()}
    out = choose_stand_in(better)
    assert out["adopted"] and out["val_gain"] >= STAND_IN_GAIN and not out["worse"]
    assert set(out["val"]) == {"a", "b", "c", "mean"} and set(out["weight"]) == {
        "as_written", "stand_in"}
    assert all(v["stand_in"] > v["as_written"] for v in out["val"].values())
    assert all(v["stand_in"] > v["as_written"] for v in out["encoder_val"].values())
    for k, fold in better.items():
        assert np.array_equal(fold["test"]["encoder"], stood[k])
        assert all("encoder_stand_in" not in p for p in fold.values())
    # Better on validation, worse on the second dataset as served: not adopted, nothing
    # replaced.
    mixed = folds((0.3, 1.5), (1.5, 0.0))
    plain = {k: f["test"]["encoder"].copy() for k, f in mixed.items()}
    out = choose_stand_in(mixed)
    assert not out["adopted"] and out["worse"] == ["second"] and out["val_gain"] > 0.5
    assert all(np.array_equal(f["test"]["encoder"], plain[k]) for k, f in mixed.items())
    # No better than as written: no reason to read anyone under another name.
    same = folds((1.0, 1.0), (1.0, 1.0))
    for fold in same.values():
        for part_ in fold.values():
            part_["encoder_stand_in"] = part_["encoder"]
    out = choose_stand_in(same)
    assert not out["adopted"] and out["val_gain"] == 0 and not out["worse"]
    # Folds read one way only (some parts without the second reading): as written.
    partly = folds((0.3, 1.5), (0.3, 1.5))
    del partly["b"]["second"]["encoder_stand_in"]
    kept = partly["a"]["val"]["encoder"].copy()
    assert choose_stand_in(partly) == {"adopted": False}
    assert np.array_equal(partly["a"]["val"]["encoder"], kept)
    assert all("encoder_stand_in" not in p for f in partly.values() for p in f.values())


def test_the_card_says_whether_someone_new_is_read_under_a_made_up_name():
    from echoscope.train.stance_head import _stand_in

    def pair(a: float, b: float) -> dict:
        return {"as_written": a, "stand_in": b}

    stood = {"gain": 0.5, "tolerance": 1.0, "weight": pair(0.5, 0.4),
             "val": {"a": pair(60.0, 63.0), "mean": pair(60.0, 63.0)},
             "encoder_val": {"a": pair(55.0, 61.0), "mean": pair(55.0, 61.0)},
             "second": {"a": pair(57.0, 57.5), "mean": pair(57.0, 57.5)},
             "subtask_b": {"trump": pair(70.0, 68.0), "mean": pair(70.0, 68.0)},
             "val_gain": 3.0, "worse": ["subtask_b"], "adopted": False}
    text = _stand_in(stood)
    assert "a 60.0 → 63.0" in text and "0.5 → 0.4" in text and "a 55.0 → 61.0" in text
    assert "Not adopted" in text and "(subtask B fell too far)" in text
    adopted = _stand_in({**stood, "worse": [], "adopted": True})
    assert "Adopted: the shipped head reads every person" in adopted
    assert "fell too far" not in adopted
    assert _stand_in(None) == "" and _stand_in({"adopted": False}) == ""


def test_someone_new_is_read_under_a_made_up_name_where_the_artifact_says_so(tmp_path):
    """With ``unseen_stand_in`` the head reads a person no model saw as it read a made-up
    name in training (the linear model's half still masks the real one); a person it knows,
    and a topic, keep their words."""
    import shutil

    from echoscope.ml import heads
    from echoscope.ml.encoder import ENCODER_DIR
    from echoscope.text.targets import stand_in

    folder = tmp_path / "stance"
    shutil.copytree(ENCODER_DIR / "stance", folder)
    config = json.loads((folder / "model.json").read_text())
    try:
        for flag in (False, True):
            config["unseen_stand_in"] = flag
            (folder / "model.json").write_text(json.dumps(config))
            heads._load_stance.cache_clear()
            head = heads.StanceHead.load(folder, precision="float32")
            assert ("+standin" in head.version) == flag
            texts = ["Vote Maya Okafor out, #MayaOkafor lied to us again",
                     "Proud to stand with Joe Biden today", "Climate action cannot wait"]
            targets = ["Maya Okafor", "Joe Biden", "climate action"]
            assert head.stands_in(targets) == [False, False, False]  # no flags, no renaming
            assert head.stands_in(targets, [True, True, True]) == [flag, False, flag]
            assert head.stands_in(targets, [True, True, False]) == [flag, False, False]
            p = head.predict_proba(texts, targets, persons=[True, True, False])
            topic = head.predict_proba(texts, targets, persons=[False, True, False])
            assert np.allclose(p[1:], topic[1:]) and np.allclose(p[0], topic[0]) != flag
            assert np.allclose(head.predict_proba(texts, targets), topic)
        z = head.logits(texts, targets, None, [True, False, False])
        renamed, name = stand_in(texts[0], "Maya Okafor")
        assert "Okafor" not in renamed
        assert np.allclose(z[0], head.logits([renamed], [name])[0], atol=1e-5)
        assert np.allclose(z[1:], head.logits(texts[1:], targets[1:]), atol=1e-5)
        assert not np.allclose(z[0], head.logits(texts[:1], targets[:1])[0], atol=1e-3)
        with pytest.raises(ValueError, match="person flags"):
            head.predict_proba(texts, targets, persons=[True])
    finally:
        heads._load_stance.cache_clear()
