"""The text's sentiment as a third member of stance toward people no model saw: how it
mixes, how it is fitted and chosen on held-out people, how it is served, and that it is
served only with the text heads it was fitted with."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from echoscope.doc import STANCE_LABELS

FAV, AG, NONE = (STANCE_LABELS.index(x) for x in ("FAVOR", "AGAINST", "NONE"))


def test_sentiment_moves_mass_between_the_sides_and_never_touches_none():
    from echoscope.ml.heads import with_sentiment

    rng = np.random.default_rng(0)
    p = rng.dirichlet([1, 1, 1], size=200)
    polarity = rng.uniform(-1, 1, 200)
    member = {"coef": 3.0, "intercept": 0.2, "share": 0.6}
    out = with_sentiment(p, polarity, member)
    assert np.allclose(out[:, NONE], p[:, NONE]) and np.allclose(out.sum(axis=1), 1)
    assert (out >= 0).all()
    assert np.allclose(with_sentiment(p, polarity, {**member, "share": 0.0}), p)
    # Of the sides, FAVOR's part is the mixture of the models' and the sentiment map's.
    q = 1 / (1 + np.exp(-(3.0 * polarity + 0.2)))
    sides = p[:, FAV] + p[:, AG]
    assert np.allclose(out[:, FAV] / sides, 0.4 * p[:, FAV] / sides + 0.6 * q)
    # A warmer text leans to FAVOR, a colder one to AGAINST, from the same probabilities.
    even = np.array([[0.4, 0.4, 0.2]] * 2)
    warm, cold = with_sentiment(even, np.array([0.9, -0.9]), member)
    assert warm[FAV] > warm[AG] and cold[AG] > cold[FAV]


def test_the_opposed_tweets_are_those_with_the_other_side_toward_another_target():
    from echoscope.train.stance_head import opposed_sides

    every = [("t1", "Ana Ruiz", "FAVOR"), ("t1", "Bo Lind", "AGAINST"),
             ("t2", "Ana Ruiz", "FAVOR"), ("t2", "Bo Lind", "FAVOR"),
             ("t3", "Ana Ruiz", "AGAINST"), ("t3", "Bo Lind", "NONE"),
             ("t4", "Ana Ruiz", "NONE"), ("t4", "Bo Lind", "FAVOR")]
    mine = [r for r in every if r[1] == "Ana Ruiz"]
    assert opposed_sides(mine, every) == [True, False, False, False]


def _fold(seed: int, sentiment_signal: float, n: int = 1500) -> dict:
    """Held-out tweets: two weak models and a polarity that carries ``sentiment_signal``
    about the side."""
    rng = np.random.default_rng(seed)
    gold = rng.choice(["FAVOR", "AGAINST", "NONE"], size=n, p=[0.45, 0.45, 0.1])
    side = np.select([gold == "FAVOR", gold == "AGAINST"], [1.0, -1.0], 0.0)

    def probs() -> np.ndarray:
        fav = 1 / (1 + np.exp(-(0.4 * side + rng.normal(0, 1, n))))
        return np.stack([0.85 * fav, 0.85 * (1 - fav), np.full(n, 0.15)], axis=1)

    polarity = np.tanh(sentiment_signal * side + rng.normal(0, 0.8, n))
    return {"gold": list(gold), "encoder": probs(), "linear": probs(), "polarity": polarity}


def test_the_member_is_fitted_and_given_a_share_only_where_sentiment_helps():
    from echoscope.train.stance_head import (
        choose_min_side_unseen,
        fit_sentiment_member,
        unseen_scores,
    )

    folds = {k: {"val": _fold(i, 1.5), "test": _fold(10 + i, 1.5)}
             for i, k in enumerate(("a", "b", "c"))}
    member = fit_sentiment_member(folds, 0.5, "f" * 64)
    assert member is not None and member["coef"] > 0 and 0 < member["share"] <= 1
    assert member["val_nll"]["chosen"] < member["val_nll"]["without"]
    assert member["text_sha256"] == "f" * 64
    # The test split plays no part in the fit.
    other = {k: {"val": f["val"], "test": _fold(20, 0.0)} for k, f in folds.items()}
    assert fit_sentiment_member(other, 0.5, "f" * 64) == member
    out = unseen_scores(folds, 0.6, 0.34, member={**member, "min_side_unseen": 0.55})
    assert out["mean"] > out["without_sentiment_mean"] + 2
    assert out["sentiment"]["coef"] == member["coef"]
    assert (out["min_side_unseen"], out["min_side_unseen_posts"]) == (0.6, 0.55)
    assert [r["min_side"] for r in out["by_confidence"] if r.get("shipped")] == [0.55]
    assert [r["min_side"] for r in out["by_confidence_without_sentiment"]
            if r.get("shipped")] == [0.6]
    # With the member the sides are more often right at a level, so a precision bar is met
    # lower: the level is chosen with what will be served.
    assert choose_min_side_unseen(folds, 0.5, 65.0, 0.34, member) <= \
        choose_min_side_unseen(folds, 0.5, 65.0, 0.34)
    useless = {k: {"val": _fold(i, 0.0), "test": _fold(10 + i, 0.0)}
               for i, k in enumerate(("a", "b", "c"))}
    assert fit_sentiment_member(useless, 0.5, "f" * 64) is None
    # Folds without polarity (measured before the member existed) fit none.
    bare = {k: {s: {x: v for x, v in f[s].items() if x != "polarity"} for s in f}
            for k, f in folds.items()}
    assert fit_sentiment_member(bare, 0.5, "f" * 64) is None


def test_the_second_dataset_counts_the_sides_said_on_opposed_tweets():
    """Two people's second datasets, each with its own opposed tweets: the counts are
    those of each person's own rows, flags kept with their rows."""
    from echoscope.train.stance_head import second_scores, side_precision

    a, b = _fold(3, 1.0, n=400), _fold(4, -1.0, n=300)
    a["opposed"] = [i % 3 == 0 for i in range(400)]
    b["opposed"] = [i % 2 == 1 for i in range(300)]
    folds = {"a": {"val": a, "test": a, "second": a}, "b": {"val": b, "test": b, "second": b},
             "c": {"val": a, "test": a}}
    out = second_scores(folds, 0.5, None, 0.5)
    assert set(out) == {"a", "b", "mean", "sides", "opposed"}
    assert out["mean"] == round((out["a"] + out["b"]) / 2, 1)
    probs, gold, opp_p, opp_g = [], [], [], []
    for f in (a, b):
        p = 0.5 * f["encoder"] + 0.5 * f["linear"]
        for i, g in enumerate(f["gold"]):
            if g != "NONE":
                probs.append(p[i])
                gold.append(g)
                if f["opposed"][i]:
                    opp_p.append(p[i])
                    opp_g.append(g)
    assert out["sides"] == side_precision(np.array(probs), gold, 0.5)
    assert out["opposed"] == side_precision(np.array(opp_p), opp_g, 0.5)
    assert out["opposed"]["said"] < out["sides"]["said"]
    assert second_scores({"c": folds["c"]}, 0.5, None, 0.5) == {}


@pytest.fixture
def stance_copy(tmp_path):
    """The shipped stance artifact copied, to give it a member of the test's making."""
    from echoscope.ml.encoder import ENCODER_DIR

    folder = tmp_path / "stance"
    shutil.copytree(ENCODER_DIR / "stance", folder)
    yield folder
    from echoscope.ml import heads

    heads._load_stance.cache_clear()


def _with_member(folder, **member) -> None:
    config = json.loads((folder / "model.json").read_text())
    config["sentiment_unseen"] = member
    (folder / "model.json").write_text(json.dumps(config))


def test_the_head_adds_sentiment_for_people_never_seen_only(stance_copy):
    from echoscope.ml.encoder import ENCODER_DIR
    from echoscope.ml.heads import (
        StanceHead,
        TextHeads,
        linear_stance_proba,
        rescaled,
        sentiment_polarity,
        softmax,
        text_fingerprint,
    )

    text_dir = str(ENCODER_DIR / "text")
    member = {"coef": 4.0, "intercept": 0.0, "share": 0.7,
              "text_sha256": text_fingerprint(text_dir)}
    _with_member(stance_copy, **member)
    head = StanceHead.load(stance_copy, precision="float32")
    assert head.text_dir == text_dir and "+sentiment0.7" in head.version
    texts = ["What a wonderful, generous thing to do for the town",
             "A disgraceful, cruel decision that hurts everyone"] * 2
    targets = ["Maya Okafor", "Maya Okafor", "Donald Trump", "Donald Trump"]
    p = head.predict_proba(texts, targets)
    enc = softmax(head.logits(texts, targets) / head.temperature)
    w = np.array([head.linear_weight_unseen] * 2 + [head.linear_weight] * 2)[:, None]
    base = (1 - w) * enc + w * linear_stance_proba(texts, targets)
    base[2:] = rescaled(base[2:], head.blend_temperature)  # seen: the average's temperature
    assert np.allclose(p[2:], base[2:], atol=1e-6)  # seen: no member
    heads = TextHeads.load(text_dir, precision="float32")
    d = sentiment_polarity(heads, heads.probs(texts[:2])["sentiment"])
    assert d[0] > 0.3 and d[1] < -0.3
    q = 1 / (1 + np.exp(-4.0 * d))
    sides = base[:2, FAV] + base[:2, AG]
    assert np.allclose(p[:2, FAV], 0.3 * base[:2, FAV] + 0.7 * sides * q, atol=1e-6)
    assert np.allclose(p[:2, NONE], base[:2, NONE], atol=1e-6)
    assert p[0, FAV] > base[0, FAV] and p[1, AG] > base[1, AG]
    # Only in posts: a quotation or the article's prose goes without it (it was measured
    # on tweets; a report of a win is positive without taking a side).
    prose = head.predict_proba(texts, targets, posts=[False, True, True, False])
    assert np.allclose(prose[[0, 2, 3]], base[[0, 2, 3]], atol=1e-6)
    assert np.allclose(prose[1], p[1], atol=1e-6)


def test_someone_new_needs_the_posts_level_in_a_post_and_the_other_elsewhere(stance_copy):
    from echoscope.ml.heads import StanceHead, text_fingerprint

    base = StanceHead.load(stance_copy)
    level = round(base.min_side_unseen - 0.05, 2)
    _with_member(stance_copy, coef=4.0, intercept=0.0, share=0.7, min_side_unseen=level,
                 text_sha256=text_fingerprint(base.text_dir))
    from echoscope.ml import heads

    heads._load_stance.cache_clear()
    head = StanceHead.load(stance_copy)
    assert head.min_side_unseen_posts == level < head.min_side_unseen
    between = (level + head.min_side_unseen) / 2
    p = np.array([between, 0.9 - between, 0.1])
    assert head.decide(p, "Maya Okafor") == FAV  # a post
    assert head.decide(p, "Maya Okafor", post=False) == NONE
    assert head.decide(p, "Maya Okafor", strict=False, post=False) == FAV


def test_the_member_applies_without_any_linear_share(stance_copy):
    """A head that averages with no linear model still reads sentiment for someone new
    (the level for posts was chosen with it)."""
    from echoscope.ml.heads import StanceHead, softmax, text_fingerprint, with_sentiment

    config = json.loads((stance_copy / "model.json").read_text())
    config.update(linear_weight=0.0, linear_weight_unseen=0.0)
    (stance_copy / "model.json").write_text(json.dumps(config))
    base = StanceHead.load(stance_copy)
    member = {"coef": 4.0, "intercept": 0.0, "share": 0.7,
              "text_sha256": text_fingerprint(base.text_dir)}
    _with_member(stance_copy, **member)
    from echoscope.ml import heads

    heads._load_stance.cache_clear()
    head = StanceHead.load(stance_copy)
    texts = ["A disgraceful, cruel decision that hurts everyone"]
    p = head.predict_proba(texts, ["Maya Okafor"])
    raw = softmax(head.logits(texts, ["Maya Okafor"]) / head.temperature)
    assert np.allclose(p, with_sentiment(raw, head.polarity(texts), member), atol=1e-6)
    assert not np.allclose(p, raw, atol=1e-3)
    with pytest.raises(ValueError):
        head.predict_proba(texts * 2, ["Maya Okafor"] * 2, posts=[True])


def test_the_fingerprint_reads_what_sentiment_depends_on(tmp_path):
    """Another task's head refitted, or the same arrays saved again, leave the sentiment
    member's fingerprint as it was; the sentiment head or its calibration changed do not."""
    from echoscope.ml.encoder import ENCODER_DIR
    from echoscope.ml.heads import text_fingerprint

    folder = tmp_path / "text"
    shutil.copytree(ENCODER_DIR / "text", folder)
    before = text_fingerprint(str(folder))
    assert before == text_fingerprint(str(ENCODER_DIR / "text"))
    with np.load(folder / "weights.npz") as stored:
        arrays = {k: stored[k] for k in stored.files}
    arrays["head.offensive.bias"] = arrays["head.offensive.bias"] + 1.0
    np.savez_compressed(folder / "weights.npz", **arrays)
    assert text_fingerprint(str(folder)) == before
    bias = arrays["head.sentiment.bias"]
    arrays["head.sentiment.bias"] = bias + 0.5
    np.savez_compressed(folder / "weights.npz", **arrays)
    assert text_fingerprint(str(folder)) != before
    arrays["head.sentiment.bias"] = bias
    np.savez_compressed(folder / "weights.npz", **arrays)
    assert text_fingerprint(str(folder)) == before
    config = json.loads((folder / "model.json").read_text())
    config["tasks"]["sentiment"]["temperature"] += 0.1
    (folder / "model.json").write_text(json.dumps(config))
    assert text_fingerprint(str(folder)) != before


def test_the_analyzer_reads_sentiment_in_posts_only(stance_copy):
    """With a member, toward someone new, a post's stance reads its sentiment; a
    quotation's and the article's prose do not, and decide at the level chosen without it."""
    from echoscope import build_pipeline, load_settings
    from echoscope.analyzers.stance import StanceDetector
    from echoscope.ml.heads import StanceHead, text_fingerprint
    from echoscope.readers.text import parse_text

    base = StanceHead.load(stance_copy)
    _with_member(stance_copy, coef=4.0, intercept=0.0, share=0.7,
                 min_side_unseen=round(base.min_side_unseen - 0.05, 2),
                 text_sha256=text_fingerprint(base.text_dir))
    from echoscope.ml import heads

    heads._load_stance.cache_clear()

    text = ("date 2023-05-02 Councillor Maya Okafor opens the new library\n\n"
            "Councillor Maya Okafor opened the new library on Monday. \"Maya Okafor has "
            "done a wonderful, generous thing for this town,\" said Tom Reyes, a "
            "neighbour.\n\n"
            "Maya Okafor did a wonderful, generous thing for our town today. "
            "— Lena Park (@lenapark) May 1, 2023\n\n"
            "The library opens daily from nine.\n")
    settings = load_settings()
    pipeline = build_pipeline(settings)
    names = [a.name for a in pipeline.analyzers]
    doc = build_pipeline(settings, names[:names.index("stance")])(parse_text(text, "t"))
    doc = StanceDetector({"model_dir": str(stance_copy)})(doc)
    head = StanceHead.load(stance_copy)
    assert head.sentiment and not head.seen("Maya Okafor")
    checked = set()
    for kind, items in (("post", doc.posts), ("quote", doc.quotes)):
        for item in items:
            for st in item.stance:
                if st.target != "Maya Okafor":
                    continue
                entity = next(e for e in doc.entities if e.id == st.target_id)
                want = head.predict_proba([item.text], [entity.name], [entity.aliases],
                                          [kind == "post"])[0]
                other = head.predict_proba([item.text], [entity.name], [entity.aliases],
                                           [kind != "post"])[0]
                got = np.array([st.probs[lab] for lab in STANCE_LABELS])
                assert np.allclose(got, want, atol=1e-4) and not np.allclose(got, other,
                                                                             atol=1e-3)
                assert st.label == STANCE_LABELS[head.decide(want, entity.name,
                                                             post=kind == "post")]
                checked.add(kind)
    assert checked == {"post", "quote"}


def test_a_member_fitted_with_other_text_heads_is_a_clear_error(stance_copy):
    from echoscope.errors import ModelError
    from echoscope.ml.heads import StanceHead

    _with_member(stance_copy, coef=4.0, intercept=0.0, share=0.7, text_sha256="0" * 64)
    head = StanceHead.load(stance_copy, precision="float32")
    assert head.predict_proba(["Proud of her"], ["Donald Trump"]).shape == (1, 3)
    with pytest.raises(ModelError) as err:
        head.predict_proba(["Proud of her"], ["Maya Okafor"])
    assert err.value.code == "E602" and "--unseen-only" in str(err.value)


def test_the_shipped_head_serves_no_sentiment_member_the_second_dataset_rejected():
    """The member was fitted on the held-out people's tweets and made the second dataset
    worse, so the shipped head reads no sentiment and says so in its card."""
    from echoscope.ml.encoder import ENCODER_DIR
    from echoscope.ml.heads import StanceHead

    head = StanceHead.load()
    assert head.sentiment is None and head.min_side_unseen_posts == head.min_side_unseen
    unseen = head.config["metrics"]["unseen"]
    rejected = unseen["sentiment_rejected"]
    assert rejected["reasons"] and rejected["member"]["share"] > 0
    assert rejected["with"]["mean"] < rejected["without"]["mean"]
    assert unseen["second"] == rejected["without"]
    assert "**not served**" in (ENCODER_DIR / "stance" / "MODEL_CARD.md").read_text()


def test_a_member_that_makes_the_second_dataset_worse_is_not_served():
    """`unseen_choices` fits the member on validation, then drops it where, on the second
    dataset, it is worse than the two models alone beyond the tolerance."""
    from echoscope.train.stance_head import member_fails_second, unseen_choices

    def second(seed: int, sign: float) -> dict:
        f = _fold(seed, 1.5 * sign)
        f["opposed"] = [i % 2 == 0 for i in range(len(f["gold"]))]
        return f

    config = {"min_side": 0.34, "seen_precision": {"coverage": 90.0, "precision": 60.0,
                                                   "said": 900, "right": 540}}
    folds = {k: {"val": _fold(i, 1.5), "test": _fold(10 + i, 1.5), "second": second(20 + i, 1)}
             for i, k in enumerate(("a", "b"))}
    kept = unseen_choices(folds, config)
    assert "sentiment_unseen" in config and "sentiment_rejected" not in kept
    # The same validation, a second dataset where sentiment points the other way.
    for i, k in enumerate(("a", "b")):
        folds[k]["second"] = second(20 + i, -1)
    out = unseen_choices(folds, config)
    assert "sentiment_unseen" not in config
    assert out["sentiment_rejected"]["reasons"]
    assert out["sentiment_rejected"]["val_sides_f1"]["with"]["mean"] > \
        out["sentiment_rejected"]["val_sides_f1"]["without"]["mean"]
    member = out["sentiment_rejected"]["member"]
    assert member_fails_second(folds, out["weight"], member, config["min_side_unseen"])
    assert member_fails_second(folds, out["weight"], None, config["min_side_unseen"]) is None
    # Nowhere to check it: not served either.
    bare = {k: {s: f[s] for s in ("val", "test")} for k, f in folds.items()}
    unchecked = unseen_choices(bare, config)
    assert "sentiment_unseen" not in config
    assert unchecked["sentiment_rejected"]["reasons"] == ["no second dataset to check it on"]


def test_rows_from_data_without_none_train_the_two_sides_alone():
    """`stance_loss`: for a row marked as from data without NONE (P-Stance), NONE's logit
    plays no part in its loss (any value, the same loss and no gradient to it); for any
    other row it does."""
    torch = pytest.importorskip("torch")
    from echoscope.train.stance_head import LABELS, stance_loss

    none = LABELS.index("NONE")
    gold = torch.tensor([LABELS.index("FAVOR"), LABELS.index("AGAINST")])
    base = torch.tensor([[1.0, -0.5, 0.3], [0.2, 0.9, -1.0]])
    louder = base.clone()
    louder[:, none] += 4.0
    for sides, moved in (([True, True], False), ([False, False], True)):
        a = stance_loss(torch, base, gold, sides)
        b = stance_loss(torch, louder, gold, sides)
        assert (abs(float(a - b)) > 1e-3) is moved, sides
    logits = base.clone().requires_grad_(True)
    stance_loss(torch, logits, gold, [True, False]).backward()
    assert float(logits.grad[0, none]) == 0.0 and float(logits.grad[1, none]) != 0.0


def test_the_rows_trained_on_sides_alone_are_p_stances_own(shared_data):
    from pathlib import Path

    from echoscope.train.datasets import PSTANCE_TARGETS, load_stance
    from echoscope.train.stance_head import sides_only_rows, stance_splits

    splits = stance_splits(Path(shared_data), 0)
    rows = sides_only_rows(splits)
    pstance = set(load_stance(Path(shared_data))["train"])
    assert rows and rows <= pstance
    assert all(r[1] in PSTANCE_TARGETS.values() and r[2] != "NONE" for r in rows)
    assert not rows & set(splits["train_extra"])
    # Every P-Stance training row is among them.
    assert {r for r in splits["train"] if r in pstance
            and r[1] in PSTANCE_TARGETS.values()} - set(splits["train_extra"]) == rows


def test_the_analyzer_renames_people_only_where_the_artifact_reads_them_so(stance_copy):
    """With ``unseen_stand_in`` on, the analyzer tells the head which targets are people:
    a post's stance toward a person without an expert is read under a made-up name, toward
    an organisation (a stance target type one can add) as written."""
    from echoscope.analyzers.stance import Job, StanceDetector
    from echoscope.doc import Entity
    from echoscope.ml import heads

    config = json.loads((stance_copy / "model.json").read_text())
    (stance_copy / "model.json").write_text(json.dumps({**config, "unseen_stand_in": True}))
    heads._load_stance.cache_clear()
    text = "Maya Okafor and the Harbour Trust let this town down again, a disgrace."
    people = [Entity("Maya Okafor", "person", aliases=["Okafor"]),
              Entity("Harbour Trust", "organization")]
    detector = StanceDetector({"model_dir": str(stance_copy),
                               "target_types": ["person", "organization"]})
    got, _ = detector.score([Job(e, text, post=0) for e in people])
    head = heads.StanceHead.load(stance_copy)
    args = ([text] * 2, [e.name for e in people], [e.aliases for e in people], [True] * 2)
    assert np.allclose(got, head.predict_proba(*args, persons=[True, False]), atol=1e-6)
    flipped = head.predict_proba(*args, persons=[False, True])
    assert not np.allclose(got[0], flipped[0], atol=1e-3)
    assert not np.allclose(got[1], flipped[1], atol=1e-3)
