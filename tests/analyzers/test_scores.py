"""Sentences, sentiment, offensive/irony scores, stance masking and the reactions summary."""

from __future__ import annotations

import random
import re

import pytest

from echoscope.analyzers.posts import extract_posts
from echoscope.analyzers.reactions import ReactionSummary
from echoscope.analyzers.sentences import SentenceSplitter
from echoscope.analyzers.sentiment import SentimentScorer
from echoscope.analyzers.social import SocialScorer
from echoscope.doc import Doc, Stance
from echoscope.ml.vader import sentiment
from echoscope.text.sentences import split_sentences
from echoscope.text.targets import mask_target, target_variants

TEXT = (
    "Dr. Lee opened the new library on Monday. Visitors were delighted! Was it worth the wait? "
    "Most said yes.\n\n"
    "What a wonderful, beautiful day for our city, thank you all! — Ann (@ann) May 1, 2021\n\n"
    "You are a disgusting idiot and a liar. — Bob (@bob) May 1, 2021"
)


def doc():
    d = Doc(text=TEXT, source="t")
    d.posts = extract_posts(TEXT)
    return SentenceSplitter()(d)


def test_sentences_are_prose_only_and_respect_abbreviations():
    d = doc()
    sents = [TEXT[s["start"]:s["end"]] for s in d.scores()["sentences"]]
    assert sents == ["Dr. Lee opened the new library on Monday.", "Visitors were delighted!",
                     "Was it worth the wait?", "Most said yes."]
    assert split_sentences("One. Two.") == [(0, 4), (5, 9)]


def test_vader_sentiment_labels():
    assert sentiment("What a wonderful day!")[1] == "positive"
    assert sentiment("This is awful and cruel.")[1] == "negative"
    assert sentiment("The meeting is on Monday.")[1] == "neutral"
    d = SentimentScorer()(doc())
    ann, bob = d.posts
    assert ann.scores.sentiment_label == "positive" and bob.scores.sentiment_label == "negative"
    assert all("sentiment" in s for s in d.scores()["sentences"])
    assert -1 <= d.scores()["sentiment"] <= 1


def test_offensive_and_irony_scores_come_from_the_shipped_models():
    d = SocialScorer()(SentimentScorer()(doc()))
    ann, bob = d.posts
    assert 0 <= ann.scores.offensive <= 1 and 0 <= ann.scores.irony <= 1
    assert bob.scores.offensive > ann.scores.offensive
    assert bob.scores.offensive_label is True
    assert all("offensive" in s and "irony" in s for s in d.scores()["sentences"])


@pytest.mark.parametrize(
    "text, masked",
    [("Vote Biden! #Biden2020 @JoeBiden", "Vote TARGET! #TARGET2020 @TARGET"),
     ("Joe Biden is done. #DumpBiden", "TARGET is done. #DumpTARGET"),
     ("realDonaldTrump", "realDonaldTrump")],
)
def test_target_masking(text, masked):
    assert mask_target(text, target_variants("Joe Biden", ["#JoeBiden"])) == masked


def test_implied_target_masks_second_person():
    assert mask_target("You lied to us.", [], you=True) == "TARGET lied to us."


def test_reactions_summary_counts_stance_and_shares():
    d = SocialScorer()(SentimentScorer()(doc()))
    d.posts[0].stance = [Stance("Lee", "x", "FAVOR", 0.8)]
    d.posts[1].stance = [Stance("Lee", "x", "AGAINST", 0.9)]
    r = ReactionSummary()(d).scores()["reactions"]
    assert r["posts"] == 2
    assert r["stance"]["Lee"] == {"target_id": "x", "FAVOR": 1, "AGAINST": 1, "NONE": 0,
                                  "unsure": 0}
    assert r["share_offensive"] == 0.5
    # A NONE that leans to a side (not sure enough to say it) is counted as unsure too;
    # a clear NONE is not.
    d.posts[0].stance = [Stance("Lee", "x", "NONE", 0.3, {"FAVOR": 0.1, "AGAINST": 0.6,
                                                          "NONE": 0.3})]
    d.posts[1].stance = [Stance("Lee", "x", "NONE", 0.8, {"FAVOR": 0.1, "AGAINST": 0.1,
                                                          "NONE": 0.8})]
    assert [s.leans for p in d.posts for s in p.stance] == ["AGAINST", None]
    assert d.posts[0].stance[0].to_dict()["leans"] == "AGAINST"
    assert "leans" not in d.posts[1].stance[0].to_dict()
    r = ReactionSummary()(d).scores()["reactions"]
    assert r["stance"]["Lee"] == {"target_id": "x", "FAVOR": 0, "AGAINST": 0, "NONE": 2,
                                  "unsure": 1}


def _fitted(labels: list[str], texts: list[str], gold: list[str]):
    """A small TextClassifier really fitted on ``texts`` (the decision rule is under test)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from echoscope.ml.textclf import TextClassifier

    clf = TextClassifier(labels=labels, n_features=2**12)
    clf.fit_idf(clf.counts(texts))
    model = LogisticRegression().fit(clf.features(texts), [labels.index(g) for g in gold])
    clf.coef = model.coef_.astype(np.float32)
    clf.intercept = model.intercept_.astype(np.float32)
    return clf


def test_experts_that_learned_none_decide_alone_and_near_ties_elsewhere_are_none():
    import numpy as np

    from echoscope.doc import STANCE_LABELS as LABELS
    from echoscope.ml.stance import StanceModel

    texts = ["love TARGET", "TARGET is great", "TARGET is awful", "hate TARGET", "it rained",
             "lunch at noon"]
    gold = ["FAVOR", "FAVOR", "AGAINST", "AGAINST", "NONE", "NONE"]
    generic = _fitted(list(LABELS), texts, gold)
    three = _fitted(list(LABELS), texts, gold)
    two = _fitted(["FAVOR", "AGAINST"], texts[:4], gold[:4])
    model = StanceModel(generic, {"topic with none": three, "person without none": two})
    near_tie = np.array([0.45, 0.40, 0.15])
    assert LABELS[model.decide(near_tie, "Topic With None")] == "FAVOR"
    assert LABELS[model.decide(near_tie, "Person Without None")] == "NONE"
    assert LABELS[model.decide(near_tie, "Someone Unseen")] == "NONE"
    clear = np.array([0.2, 0.7, 0.1])
    assert all(LABELS[model.decide(clear, t)] == "AGAINST"
               for t in ("Topic With None", "Person Without None", "Someone Unseen"))
    # Toward a target with no expert a side also needs min_side_unseen (unless not strict).
    model.min_side_unseen = 0.8
    assert LABELS[model.decide(clear, "Someone Unseen")] == "NONE"
    assert LABELS[model.decide(clear, "Someone Unseen", strict=False)] == "AGAINST"
    assert LABELS[model.decide(clear, "Person Without None")] == "AGAINST"
    assert LABELS[model.decide(np.array([0.05, 0.85, 0.1]), "Someone Unseen")] == "AGAINST"
    # A three-label expert's probabilities are its own; a two-label expert takes NONE
    # from the generic model.
    p = model.predict_proba(["hate TARGET"] * 3, ["topic with none", "person without none", "x"])
    assert np.allclose(p[0], three.predict_proba(["hate TARGET"])[0], atol=1e-6)
    assert np.isclose(p[1, 2], generic.predict_proba(["hate TARGET"])[0, 2], atol=1e-6)
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5)


def test_target_context_reads_the_words_beside_each_target():
    from echoscope.ml.stance import TargetContextClassifier

    clf = TargetContextClassifier(labels=["FAVOR", "AGAINST", "NONE"], window=2)
    ctx = clf.context("Honestly, lock TARGET up now! #TARGET2020").split()
    assert {"L_honestly", "L_lock", "R_up", "R_now", "L1_lock", "R1_up"} <= set(ctx)
    assert "R1_#target2020" not in ctx and "L1_!" in ctx  # second mention: its own window
    assert clf.context("no one is named here") == "NO_TARGET"


def test_target_context_classifier_round_trips_with_its_extra_features(tmp_path):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from echoscope.ml.stance import TargetContextClassifier, load_classifier

    texts = ["I love TARGET", "TARGET is wonderful", "vote for TARGET", "TARGET is a liar",
             "lock TARGET up", "TARGET must resign", "rain today", "nice lunch"]
    gold = [0, 0, 0, 1, 1, 1, 2, 2]
    clf = TargetContextClassifier(labels=["FAVOR", "AGAINST", "NONE"], n_features=2**12,
                                  window_features=2**10)
    clf.fit_idf(clf.counts(texts))
    x = clf.features(texts)
    assert x.shape == (8, 2**12 + 4 + 2**10)
    model = LogisticRegression(C=10).fit(x, gold)
    clf.coef, clf.intercept = model.coef_.astype(np.float32), model.intercept_.astype(np.float32)
    clf.save(tmp_path / "m")
    loaded = load_classifier(tmp_path / "m")
    assert isinstance(loaded, TargetContextClassifier) and loaded.window_features == 2**10
    probe = ["TARGET is a fraud", "so proud of TARGET", "it is sunny"]
    # float16 storage: probabilities agree to about three decimals
    assert np.allclose(loaded.predict_proba(probe), clf.predict_proba(probe), atol=2e-3)


def test_encoder_heads_label_irony_in_posts_only():
    """The irony head learnt from tweets: prose sentences keep its probability but get no
    label (on news prose it called most sentences ironic)."""
    from echoscope import build_pipeline, load_settings
    from echoscope.readers.text import parse_text

    text = ("date 2022-05-01 The council met on Tuesday and approved the budget for the new "
            "library wing.\n\nOh great, another library wing we will never be allowed to use. "
            "— Pat Quinn (@patquinn) May 1, 2022\n")
    doc = build_pipeline(load_settings(), ["posts", "sentences", "classify"])(
        parse_text(text, "t.txt"))
    assert doc.posts and doc.sentences
    assert all(p.scores.irony_label in (True, False) for p in doc.posts)
    assert all(s.scores.irony is not None and s.scores.irony_label is None
               for s in doc.sentences)


ABOUT_NEW = (
    "date 2022-05-10 Council row\n\nCouncillor Maya Okafor voted to close the library.\n\n"
    "Maya Okafor is a liar and a disgrace, vote her out! — Ann Lee (@annlee) May 9, 2022\n\n"
    "So proud of Maya Okafor, she fights for us every day. — Bo Roe (@boroe) May 9, 2022\n\n"
    "Maya Okafor closed our library. Shame. — Cy Dee (@cydee) May 9, 2022\n\n"
    "Not sure what Maya Okafor was thinking today. — Di Fox (@difox) May 9, 2022\n\n"
    "Maya Okafor has my vote, mostly. — Ed Gray (@edgray) May 9, 2022\n"
)


@pytest.mark.parametrize("analyzer", ["stance", "stance_linear"])
def test_sides_toward_someone_new_need_the_stricter_level_unless_asked(analyzer):
    """With `unseen = strict` (the default) a side toward a person no model saw is said
    only at `min_side_unseen`; `as_seen` says the sides the seen people's rule would. The
    probabilities are the same either way."""
    from echoscope import load_settings
    from echoscope.ml.heads import StanceHead
    from echoscope.ml.stance import load_model
    from echoscope.pipeline import build_pipeline
    from echoscope.readers.text import parse_text

    names = ["posts", "entities_rules", "quotes", "sentences", analyzer]

    def run(rule: str) -> list[Stance]:
        settings = load_settings(overrides={f"analysis.{analyzer}.unseen": rule})
        doc = build_pipeline(settings, names)(parse_text(ABOUT_NEW, "new.txt"))
        return [s for p in doc.posts for s in p.stance if s.target == "Maya Okafor"]

    strict, lenient = run("strict"), run("as_seen")
    assert len(strict) == len(lenient) == 5
    assert [s.probs for s in strict] == [s.probs for s in lenient]
    level = (StanceHead.load().min_side_unseen if analyzer == "stance"
             else load_model().min_side_unseen)
    assert level > 0.5
    for a, b in zip(strict, lenient, strict=True):
        if a.label != "NONE":
            assert a.label == b.label and a.score >= level - 1e-4
        elif b.label != "NONE":
            assert b.score < level  # said only by the lenient rule: below the level
    assert sum(s.label != "NONE" for s in lenient) > sum(s.label != "NONE" for s in strict)


@pytest.mark.parametrize("analyzer", ["stance", "stance_linear"])
def test_the_articles_own_prose_is_read_only_when_asked_and_says_no_side_unless_asked(
        analyzer):
    """The article's own stance (its prose) is not read by default (`article`); asked, it
    gives probabilities and the side it leans to, never a side; with `prose_sides` too the
    same probabilities are decided as a quotation's would be (the seen people's rule
    as_seen, so that sides can appear). The post's stance is the same either way."""
    from echoscope import load_settings
    from echoscope.pipeline import build_pipeline
    from echoscope.readers.text import parse_text

    text = ("date 2022-05-10 Council row\n\nCouncillor Maya Okafor heroically saved the "
            "library. Maya Okafor is a wonderful, brave leader. Maya Okafor deserves our "
            "thanks and praise.\n\nGreat news, Maya Okafor! — Ann Lee (@annlee) May 9, 2022\n")
    names = ["posts", "entities_rules", "quotes", "sentences", analyzer]

    def run(**options: bool):
        settings = load_settings(overrides={
            **{f"analysis.{analyzer}.{k}": v for k, v in options.items()},
            f"analysis.{analyzer}.unseen": "as_seen"})
        return build_pipeline(settings, names)(parse_text(text, "prose.txt"))

    off, on, asked = run(), run(article=True), run(article=True, prose_sides=True)
    assert off.stance == []
    assert [p.stance for p in off.posts] == [p.stance for p in on.posts]
    assert [s.target for s in off.posts[0].stance] == ["Maya Okafor"]
    default, asked_ = on.stance, asked.stance
    assert [s.target for s in default] == [s.target for s in asked_] == ["Maya Okafor"]
    assert [s.probs for s in default] == [s.probs for s in asked_]
    assert all(s.label == "NONE" for s in default)
    (s,) = default
    side = max(("FAVOR", "AGAINST"), key=s.probs.get)
    assert s.leans == (side if s.probs[side] > s.probs["NONE"] else None)
    assert s.score == s.probs["NONE"]
    # Asked, the plainly favourable prose gets a side (the seen people's rule, as_seen).
    assert asked_[0].label != "NONE" and asked_[0].score == max(asked_[0].probs.values())


@pytest.mark.parametrize("analyzer", ["stance", "stance_linear"])
def test_stance_is_asked_only_toward_people_the_article_establishes(analyzer):
    """A lone capitalised word met once (a dish, "bacalhau à Brás") is no stance target;
    a quotation that is only a name ("Vantage Points", named after Ana Vantage) is not read
    for a stance toward her; a full name, a single name used twice and a quotation that
    says something (two words besides the name will do: "Vantage must go") are."""
    from echoscope import load_settings
    from echoscope.analyzers import ANALYZERS
    from echoscope.doc import Entity, Mention, Quote

    said = "Ana Vantage and Mira beat Brás at every turn this year"
    text = (f"Ana Vantage thanked the fans. The fan club \"Vantage Points\" met. Tiago said "
            f"\"{said}\". Tonight: bacalhau. Mira came late. Rivals said \"Vantage must go\". "
            "Fans chanted \"Vantage's Army\" and \"Ana Vantage Fan Club\".")
    doc = Doc(text=text, source="t")

    def person(name: str, *surfaces: str) -> Entity:
        spans = sorted((m.start(), m.end()) for w in surfaces for m in re.finditer(w, text))
        return Entity(name=name, type="person",
                      mentions=[Mention(s, e, text[s:e], None) for s, e in spans])

    doc.entities = [person("Ana Vantage", r"Ana Vantage(?! Fan)", r"(?<!Ana )Vantage(?! Fan)"),
                    person("Brás", "Brás"), person("Mira", "Mira")]
    doc.quotes = [Quote("direct", q, text.index(q), text.index(q) + len(q))
                  for q in ("Vantage Points", said, "Vantage must go", "Vantage's Army",
                            "Ana Vantage Fan Club")]
    cls = ANALYZERS[analyzer]
    cls(load_settings().analyzer_config(analyzer))(doc)
    assert [[s.target for s in q.stance] for q in doc.quotes] == [
        [], ["Ana Vantage", "Mira"], ["Ana Vantage"], [], []]


def test_irony_is_labelled_only_above_the_models_precise_threshold(tmp_path):
    """The fast irony model's label needs its precise threshold (chosen for precision where
    irony is rare), not p > 0.5: the same probabilities, labelled by the threshold the
    model folder carries."""
    import json
    import shutil

    from echoscope.ml import MODELS_DIR
    from echoscope.ml.textclf import load_cached

    shipped = load_cached(str(MODELS_DIR / "irony"))
    assert shipped.label_threshold is not None and shipped.label_threshold > 0.5
    labels = {}
    for cut in (0.0, 1.0):
        folder = tmp_path / str(cut)
        shutil.copytree(MODELS_DIR / "irony", folder / "irony")
        config = json.loads((folder / "irony" / "model.json").read_text())
        config["label_threshold"] = cut
        (folder / "irony" / "model.json").write_text(json.dumps(config))
        d = SocialScorer({"tasks": ["irony"], "models_dir": str(folder)})(doc())
        labels[cut] = [p.scores.irony_label for p in d.posts]
        probs = [p.scores.irony for p in d.posts]
    assert all(labels[0.0]) and not any(labels[1.0])
    assert all(0 < p < 1 for p in probs)


def test_vader_tone_is_sure_only_far_from_neutral():
    """The `fast` profile's VADER tone: sure enough to show only beyond the compound levels
    measured for 80% precision (strong words), never for a mild or a neutral label."""
    from echoscope.analyzers.sentiment import SentimentScorer
    from echoscope.ml.vader import sentiment, sure

    assert sure(*sentiment("I absolutely love this, best day ever, wonderful and amazing!!"))
    assert sure(*sentiment("This is horrible, disgusting and evil. I hate it, awful people."))
    assert sentiment("Not bad.")[1] == "positive" and not sure(*sentiment("Not bad."))
    assert sentiment("The meeting is at noon.")[1] == "neutral"
    assert not sure(*sentiment("The meeting is at noon."))
    assert not sure(-0.74, "negative") and sure(-0.75, "negative")  # the level, strictly
    d = SentimentScorer()(doc())
    ann, bob = d.posts
    assert ann.scores.sentiment_sure is sure(ann.scores.sentiment, ann.scores.sentiment_label)
    assert all(s.scores.sentiment_sure is not None for s in d.sentences)


def test_the_encoders_tone_is_sure_by_the_shipped_levels():
    """The `full` profile's `classify` marks each tone sure or not by the levels in the
    shipped model (chosen on validation data); a plainly glad post is sure, and every
    text's mark follows its own probability."""
    from echoscope.analyzers.classify import EncoderClassifier, load_heads
    from echoscope.analyzers.common import scored_texts

    analyzer = EncoderClassifier()
    d = analyzer(doc())
    heads = load_heads(analyzer.config)
    levels = heads.sure_thresholds["sentiment"]
    assert levels and set(levels) == {"negative", "neutral", "positive"}
    assert all(0.4 <= t <= 1.0 for t in levels.values())
    probs = heads.probs(scored_texts(d)[1])["sentiment"]  # unrounded, as served
    scored = [p.scores for p in d.posts] + [s.scores for s in d.sentences]
    assert len(scored) == len(probs)
    labels = heads.labels["sentiment"]
    for s, p in zip(scored, probs, strict=True):
        assert s.sentiment_sure is bool(p[labels.index(s.sentiment_label)]
                                        > levels[s.sentiment_label])
    ann = d.posts[0].scores
    assert ann.sentiment_label == "positive" and ann.sentiment_sure is True
    assert any(s.sentiment_sure is False for s in scored)  # the level says no somewhere


def test_a_stand_in_renames_every_mention_of_a_person_the_same_way_each_time():
    """The stance head reads someone no model saw under a made-up name, as training showed
    it people: every mention renamed (hashtags and handles glued), the same name for the
    same person in every text, never a made-up name the text already has."""
    from echoscope.text.targets import FIRST_NAMES, LAST_NAMES, anonymise, stand_in

    aliases = ["@Alyssa_Milano", "#AlyssaMilano"]
    text = "Alyssa Milano again. #AlyssaMilano @Alyssa_Milano, and Milano said so"
    out, name = stand_in(text, "Alyssa Milano", aliases)
    first, last = name.split()
    assert first in FIRST_NAMES and last in LAST_NAMES
    assert "Milano" not in out and "Alyssa" not in out
    assert f"#{first}{last}" in out and f"@{first}{last}" in out
    assert out.count(last) == 4 and out.endswith(" said so")
    assert stand_in(text, "Alyssa Milano", aliases) == (out, name)
    assert stand_in("Milano lied to us", "alyssa  milano")[1] == name
    clash = stand_in(f"{first} says Milano lied", "Alyssa Milano")
    assert clash[1] != name and clash[0].startswith(f"{first} says ")
    assert stand_in("Nothing about her here.", "Alyssa Milano")[0] == "Nothing about her here."
    # Training draws the name and each mention's form from its own generator.
    a = anonymise(text, "Alyssa Milano", random.Random(3), aliases)
    assert a == anonymise(text, "Alyssa Milano", random.Random(3), aliases)
    assert "Milano" not in a[0] and a[1].split()[0] in FIRST_NAMES


@pytest.mark.parametrize("profile", ["fast", "full"])
def test_a_post_of_links_only_gets_no_scores_and_one_with_words_does(profile):
    """An image-only tweet ("pic.twitter.com/…") says nothing to score: no tone, no irony
    (the audit found one badged "neutral tone (0.88)"); a post with words is scored."""
    from echoscope import analyze_text, load_settings

    text = ("Dunmore won the derby on Saturday, and the club posted a photo of the team.\n\n"
            "pic.twitter.com/Vb7mKq2ZxL — Dunmore Athletic (@DunmoreFC) March 7, 2026\n\n"
            "Fans were delighted with the result.\n\n"
            "What a win, what a team! pic.twitter.com/Xy12Ab — Sam Hale (@samhale) "
            "March 7, 2026\n")
    doc = analyze_text(text, load_settings(overrides={"analysis.profile": profile}))
    by = {p.handle: p.scores for p in doc.posts}
    assert by["DunmoreFC"].sentiment_label is None and by["DunmoreFC"].irony is None
    assert by["samhale"].sentiment_label is not None and by["samhale"].irony is not None


def test_a_post_has_words_unless_only_links_and_punctuation_are_left():
    from echoscope.analyzers.common import has_words

    for said in ("Great win!", "🔥🔥", ":(", "pic.twitter.com/AbCdEf :-)", "#WexleyVotes",
                 "Москва", "24/7"):
        assert has_words(said), said
    for nothing in ("pic.twitter.com/Vb7mKq2ZxL", "https://t.co/abc pic.twitter.com/x",
                    "“https://t.co/x”", "\xa0https://t.co/x …", "..."):
        assert not has_words(nothing), nothing
