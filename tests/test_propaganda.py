"""Technique spans: official scoring semantics, decoding, the shipped model, exports."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from echoscope import load_settings
from echoscope.doc import TECHNIQUES, Doc
from echoscope.ml.techniques import decode
from echoscope.pipeline import build_pipeline
from echoscope.readers.text import parse_text
from echoscope.train.metrics import merge_spans, micro_f1_sets, si_scores, tc_micro_f1
from echoscope.train.techniques import TO_SEMEVAL2023, bio_tags


def test_si_partial_overlap_as_defined_by_the_task():
    # Predicted span half inside a gold span: P = 5/10, R = 5/20.
    r = si_scores({"a": [(0, 20)]}, {"a": [(15, 25)]})
    assert r["p"] == pytest.approx(0.5) and r["r"] == pytest.approx(0.25)
    assert r["f1"] == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    # Overlapping gold spans are merged first: one gold span (0, 30), fully covered.
    r = si_scores({"a": [(0, 20), (10, 30)]}, {"a": [(0, 30)]})
    assert (r["p"], r["r"], r["gold_spans"]) == (1.0, 1.0, 1)
    # Spans only count within their own article; an article with no prediction costs recall.
    r = si_scores({"a": [(0, 10)], "b": [(0, 10)]}, {"b": [(0, 10)], "c": [(0, 5)]})
    assert r["p"] == pytest.approx(0.5) and r["r"] == pytest.approx(0.5)
    assert si_scores({"a": [(0, 5)]}, {})["f1"] == 0.0
    assert merge_spans([(5, 8), (0, 3), (2, 6)]) == [(0, 8)]


def test_tc_micro_f1_handles_spans_with_several_techniques():
    gold = [("a", "Doubt", 0, 5), ("a", "Loaded_Language", 0, 5), ("a", "Slogans", 9, 12)]
    assert tc_micro_f1(gold, [("a", "Loaded_Language", 0, 5), ("a", "Doubt", 0, 5),
                              ("a", "Slogans", 9, 12)]) == 1.0
    assert tc_micro_f1(gold, [("a", "Doubt", 0, 5), ("a", "Doubt", 0, 5),
                              ("a", "Repetition", 9, 12)]) == pytest.approx(1 / 3)


def test_paragraph_micro_f1():
    r = micro_f1_sets({1: {"A", "B"}, 2: set()}, {1: {"A"}, 2: {"C"}})
    assert (r["p"], r["r"]) == (0.5, 0.5)
    assert set(TO_SEMEVAL2023) == set(TECHNIQUES)


def test_decode_bridges_gaps_and_needs_a_peak():
    toks = [(i * 2, i * 2 + 1, "w") for i in range(8)]
    p = np.array([0.0, 0.6, 0.3, 0.0, 0.3, 0.0, 0.3, 0.3])
    assert decode(toks, p, lo=0.2, hi=0.5, gap=0) == [(2, 5, 0.6)]
    assert decode(toks, p, lo=0.2, hi=0.5, gap=1) == [(2, 15, 0.6)]
    assert decode(toks, p, lo=0.2, hi=0.7, gap=5) == []


def test_gold_tags_name_the_technique_of_the_shortest_span():
    toks = [(0, 3, "You"), (4, 7, "are"), (8, 14, "idiots"), (15, 18, "and"), (19, 23, "liars")]
    spans = [(0, 23, "Doubt"), (8, 14, "Loaded_Language")]
    assert bio_tags(toks, spans) == ["B-Doubt", "I-Doubt", "B-Loaded_Language", "I-Doubt",
                                     "I-Doubt"]
    assert bio_tags(toks[:1], [(0, 3, "Name_Calling,Labeling")]) == ["B-Name_Calling_Labeling"]
    assert bio_tags(toks, []) == ["O"] * 5


ARTICLE = (Path(__file__).parent / "fixtures" / "budget_techniques.txt").read_text("utf-8")


def analysed() -> Doc:
    names = ["posts", "entities_rules", "quotes", "sentences", "techniques_crf"]
    return build_pipeline(load_settings(), names)(parse_text(ARTICLE, "budget.txt"))


def test_shipped_model_finds_loaded_language_in_an_article_written_for_it():
    doc = analysed()
    assert doc.techniques, "no technique found in an article full of them"
    for t in doc.techniques:
        assert t.label in TECHNIQUES and 0 <= t.score <= 1 and 0 <= t.start < t.end
    found = " ".join(doc.text[t.start:t.end].lower() for t in doc.techniques)
    assert any(w in found for w in ("radical", "corrupt", "disastrous", "shameful", "insanity"))
    labels = {t.label for t in doc.techniques}
    assert labels & {"Loaded_Language", "Name_Calling,Labeling", "Exaggeration,Minimisation"}
    # The plain logistics sentence carries no technique.
    plain = doc.text.index("The council meets")
    assert not [t for t in doc.techniques if t.start >= plain]
    assert doc.to_dict()["techniques"][0].keys() == {"label", "start", "end", "score"}


def test_techniques_are_stored_queryable_and_exported(cli, write, tmp_path, all_techniques):
    path = write("budget.txt", ARTICLE)
    db = tmp_path / "t.duckdb"
    assert cli("analyze", path, "--db", db, "--profile", "full",
               "--config", all_techniques).code == 0
    r = cli("sql", "SELECT label, char_start, char_end FROM techniques ORDER BY char_start",
            "--db", db, "--format", "json")
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert rows and all(row["label"] in TECHNIQUES for row in rows)

    assert cli("export", "--format", "ptc", "-o", tmp_path / "ptc", "--db", db).code == 0
    lines = (tmp_path / "ptc" / "techniques.labels").read_text("utf-8").splitlines()
    assert len(lines) == len(rows)
    (article,) = (tmp_path / "ptc" / "articles").glob("article*.txt")
    stored = json.loads(cli("sql", "SELECT id, text FROM articles", "--db", db,
                            "--format", "json").out)
    text = article.read_text("utf-8")
    assert text == stored["text"] and article.name == f"article{stored['id']}.txt"
    aid, label, s, e = lines[0].split("\t")
    assert aid == stored["id"] and label in TECHNIQUES
    assert (int(s), int(e)) == (rows[0]["char_start"], rows[0]["char_end"])

    assert cli("export", "--format", "labelstudio", "-o", tmp_path / "ls", "--db", db).code == 0
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text("utf-8"))
    (task,) = tasks
    result = task["predictions"][0]["result"]
    assert len(result) == len(rows)
    # Label Studio counts UTF-16 code units: the emoji before every span counts twice.
    units = task["data"]["text"].encode("utf-16-le")
    for r in result:
        v = r["value"]
        assert units[2 * v["start"]:2 * v["end"]].decode("utf-16-le") == v["text"]
    assert result[0]["value"]["start"] == rows[0]["char_start"] + 1
    config = (tmp_path / "ls" / "labelstudio_config.xml").read_text("utf-8")
    assert all(f'"{t}"' in config for t in TECHNIQUES)


def test_numpy_crf_marginals_match_brute_force():
    import itertools

    from echoscope.ml.crf import LinearChainCRF

    rng = np.random.default_rng(0)
    labels = ["B-X", "I-X", "O"]
    attrs = ["w=a", "w=b", "w=c", "sh=Cap"]
    hashes = np.repeat(LinearChainCRF.attr_hash(attrs), 3)
    label_idx = np.tile(np.arange(3), len(attrs)).astype(np.uint8)
    weights = rng.normal(size=len(hashes)).astype(np.float16)
    trans = rng.normal(size=(3, 3))
    crf = LinearChainCRF(labels, hashes, label_idx, weights, trans)
    items = [{"w=a": 1.0, "sh=Cap": 1.0}, {"w=b": 1.0, "unseen": 1.0}, {"w=c": 0.5}]
    e = crf.emissions(items)
    w = {(a, lab): float(weights[i]) for i, (a, lab) in enumerate(
        (a, lab) for a in attrs for lab in range(3))}
    assert e[0, 1] == pytest.approx(w[("w=a", 1)] + w[("sh=Cap", 1)], abs=1e-6)
    assert e[2, 2] == pytest.approx(0.5 * w[("w=c", 2)], abs=1e-6)
    brute = np.zeros((3, 3))
    for seq in itertools.product(range(3), repeat=3):
        score = sum(e[t, y] for t, y in enumerate(seq)) + sum(
            trans[a, b] for a, b in zip(seq, seq[1:], strict=False))
        for t, y in enumerate(seq):
            brute[t, y] += np.exp(score)
    brute /= brute.sum(axis=1, keepdims=True)
    assert np.allclose(crf.marginals(items), brute, atol=1e-9)


def test_cached_emissions_are_those_of_the_features_they_skip_building():
    """The shipped CRF's emissions from per-word rows (what inference runs) equal the
    sparse product over the feature dicts (what the CRF was trained on), whatever the
    sentence: one word, two, quotes, repeats, unseen words, non-Latin text, a word that
    ends up in a bigram with a padding marker, a sentence long enough to grow the row table —
    from rows computed in an earlier call, and after the row cache is cleared."""
    from echoscope.ml.techniques import Emissions, lines, load_model

    model = load_model(None)
    text = "\n".join([
        "Outrageous",
        "Disgraceful.",
        "Total disaster",
        'The senator called it a "hoax" — a HOAX — and nobody, nobody believed him!',
        "Kwiatkowska's zxqvbnm plan: 2,000 jobs, 3.5% growth, ¿really?",
        "Ελληνικά κείμενα και 日本語 mixed with English words.",
        "'Single-quoted' words and it's, don't, won't.",
        "a a a a a a a a a a",
        " ".join(f"word{i} and, again," for i in range(300)),  # 1,200 tokens: rows grow
    ])
    sentences = [model.featurizer.unit_tokens(text, a, b) for a, b in lines(text)]
    assert len(sentences[0]) == 1 and len(sentences[-1]) > 1024
    kept = Emissions(model.featurizer, model.crf)  # rows kept across calls
    tiny = Emissions(model.featurizer, model.crf, limit=5)  # cleared before most calls
    for round_ in range(2):  # the second round reads the rows the first computed
        for toks in sentences:
            want = model.crf.emissions(model.featurizer.features(toks))
            for emissions in (kept, tiny):
                assert np.allclose(emissions(toks), want, atol=1e-5), (round_, toks)
    both = model.in_span(sentences)
    for toks, p in zip(sentences, both, strict=True):
        assert np.allclose(p, 1.0 - model.crf.marginals(model.featurizer.features(toks))[
            :, model.crf.o], atol=1e-9)


def test_word_clusters_survive_their_cache_starting_again():
    """A sentence's features are the same when the word-cluster cache fills up and starts
    again in the middle of a run (the words it already held are looked up again)."""
    from echoscope.ml.techniques import Featurizer, WordClusters, lines, load_model

    model = load_model(None)
    text = ("The radical mob wants chaos.\nThe mob, again, wants chaos and ruin.\n"
            "Nobody voted for this radical ruin of our towns.")
    sentences = [model.featurizer.unit_tokens(text, a, b) for a, b in lines(text)]
    want = [model.featurizer.features(toks) for toks in sentences]
    small = WordClusters(model.featurizer.clusters.centroids)  # its own, empty cache
    small.CACHE_WORDS = 3  # full after the first sentence: starts again on each later one
    featurizer = Featurizer(small)
    for _ in range(2):
        assert [featurizer.features(toks) for toks in sentences] == want


def test_the_document_gate_withholds_scattered_spans_and_counts_them():
    from echoscope.analyzers.techniques import gate
    from echoscope.doc import Technique

    config = {"min_spans": 3, "min_rate": 8.0}
    three = [Technique("Loaded_Language", i * 10, i * 10 + 5, 0.6) for i in range(3)]
    assert gate(three, 300, config) == (three, 0)  # 10 per 1,000 words: shown
    assert gate(three, 500, config) == ([], 3)  # 6 per 1,000 words: too sparse
    assert gate(three[:2], 100, config) == ([], 2)  # 20 per 1,000 but only two
    assert gate([], 100, config) == ([], 0)


ORDINARY = """Ferry timetable changes from Monday

The harbour ferry will leave ten minutes earlier on weekday mornings from Monday, the
operator said, so that it meets the first train of the day at the north station.

Evening sailings are unchanged. Tickets bought before Monday remain valid, and the
operator said season passes would be extended by a week to make up for a day of
cancelled sailings during last month's storm.

The crossing takes about twenty minutes. Bicycles are carried free of charge outside the
morning and evening peaks, and the upper deck has been repainted over the winter.
"""


def test_the_encoder_tagger_finds_spans_and_the_shipped_gate_decides_what_is_reported():
    """Without thresholds the tagger finds the techniques of an article written full of
    them, and none of a timetable notice; with the shipped thresholds the timetable
    reports nothing, and whatever the article does not report is counted as withheld."""
    names = ["posts", "sentences", "techniques"]
    open_ = build_pipeline(load_settings(overrides={
        "analysis.techniques.min_score": 0.25, "analysis.techniques.min_spans": 1,
        "analysis.techniques.min_rate": 0.0}), names)
    found = open_(parse_text(ARTICLE, "budget.txt"))
    assert len(found.techniques) >= 3 and found.technique_rate.withheld == 0
    assert open_(parse_text(ORDINARY, "ferry.txt")).techniques == []
    shipped = build_pipeline(load_settings(), names)
    dense = shipped(parse_text(ARTICLE, "budget.txt"))
    rate = dense.to_dict()["scores"]["techniques"]
    assert rate["spans"] == len(dense.techniques)
    assert dense.techniques or rate["withheld"] > 0  # reported, or said to be held back
    plain = shipped(parse_text(ORDINARY, "ferry.txt"))
    assert plain.techniques == [] and plain.to_dict()["scores"]["techniques"]["spans"] == 0
