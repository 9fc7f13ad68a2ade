from __future__ import annotations

import pytest

from echoscope import load_settings
from echoscope.doc import Doc
from echoscope.errors import AnalysisError, PipelineError
from echoscope.pipeline import Pipeline, build_pipeline


class Needs:
    name = "needs"
    requires = ("entities",)
    assigns = ("stance",)

    def __call__(self, doc):
        return doc


class Boom:
    name = "boom"
    requires = ("text",)
    assigns = ()

    def __call__(self, doc):
        raise ValueError("bad doc")


def test_unmet_requires_fail_when_built():
    with pytest.raises(PipelineError, match="requires entities"):
        Pipeline([Needs()])


def test_unknown_analyzer_and_duplicates():
    with pytest.raises(PipelineError, match="unknown analyzer"):
        build_pipeline(load_settings(), ["posts", "nope"])
    with pytest.raises(PipelineError, match="twice"):
        build_pipeline(load_settings(), ["posts", "posts"])


class Gives:
    name = "gives"
    requires = ("text",)
    assigns = ("entities",)

    def __call__(self, doc):
        return doc


def test_order_matters():
    with pytest.raises(PipelineError, match="requires entities"):
        Pipeline([Needs(), Gives()])
    assert Pipeline([Gives(), Needs()]).names == ["gives", "needs"]
    assert build_pipeline(load_settings()).names[:3] == ["posts", "date_check", "entities"]


def test_analyzer_failure_is_an_analysis_error():
    with pytest.raises(AnalysisError, match="boom"):
        Pipeline([Boom()])(Doc(text="x", source="s"))


def test_a_name_the_data_model_does_not_have_fails_when_built():
    class Typo:
        name = "typo"
        requires = ("text",)
        assigns = ("posts.scores.sarcasm",)

        def __call__(self, doc):
            return doc

    with pytest.raises(PipelineError, match="posts.scores.sarcasm"):
        Pipeline([Typo()])


def _layers(doc: Doc) -> dict[str, object]:
    """Every layer of the data model, by name, with its value (per post / per sentence)."""
    from dataclasses import fields

    from echoscope.doc import TextScores, layer_names

    out: dict[str, object] = {}
    for name in layer_names():
        parts = name.split(".")
        if len(parts) == 1:
            value = getattr(doc, name)
            out[name] = repr(value) if name not in ("posts", "sentences") else len(value)
        elif len(parts) == 2:  # posts.<field>, quotes.<field>
            out[name] = [repr(getattr(p, parts[1])) for p in getattr(doc, parts[0])]
        else:
            items = doc.posts if parts[0] == "posts" else doc.sentences
            out[name] = [getattr(i.scores, parts[2]) for i in items]
    assert {f.name for f in fields(TextScores)}  # the vocabulary is not empty
    return out


def test_each_analyzer_writes_only_what_it_declares():
    """Run the full profile one analyzer at a time; what changes must be declared."""
    from pathlib import Path

    from echoscope.readers.text import parse_text

    text = (Path(__file__).parent / "fixtures" / "hypocrisy_framing.txt").read_text("utf-8")
    pipeline = build_pipeline(load_settings())
    doc = parse_text("date 2020-04-30\n" + text, "h.txt")
    assert doc.published
    wrote = 0
    for analyzer in pipeline.analyzers:
        before = _layers(doc)
        doc = analyzer(doc)
        after = _layers(doc)
        changed = {k for k in after if after[k] != before[k]}
        # A layer covers what is inside it (posts covers posts.text); writing
        # posts.scores.<field> changes posts.scores as a whole too.
        declared = set(analyzer.assigns)
        undeclared = {k for k in changed if k not in declared
                      and not any(k.startswith(d + ".") or d.startswith(k + ".") for d in declared)}
        assert not undeclared, (analyzer.name, undeclared)
        wrote += bool(changed)
    assert wrote >= len(pipeline.analyzers) - 2  # the document exercises nearly all of them


class Picky:
    """Fails on the document named "bad"; its batch step fails always."""

    name = "picky"
    requires = ("text",)
    assigns = ()

    def prepare(self, docs):
        raise RuntimeError("batch step failed")

    def __call__(self, doc):
        if doc.source == "bad":
            raise ValueError("cannot read this one")
        return doc


def test_many_documents_fail_one_by_one():
    docs = [Doc(text="x", source=s) for s in ("a", "bad", "c")]
    docs.append(Doc(text="y" * 50, source="long"))
    out = Pipeline([Picky()], max_chars=10).many(docs)
    assert [type(o).__name__ for o in out] == ["Doc", "AnalysisError", "Doc", "AnalysisError"]
    assert out[1].code == "E401" and "cannot read this one" in out[1].reason
    assert out[3].code == "E402"


def _cold_encoders(pipeline: Pipeline) -> None:
    """Forget the recent results of every encoder the pipeline's analyzers use, so that
    texts are encoded again."""
    from echoscope.analyzers.classify import load_heads
    from echoscope.ml.heads import StanceHead

    for analyzer in pipeline.analyzers:
        config = analyzer.config
        if analyzer.name == "social":
            analyzer._prepared.clear()  # type: ignore[attr-defined]
        elif analyzer.name in ("classify", "techniques"):
            load_heads(config).encoder._recent.clear()
        elif analyzer.name == "stance":
            StanceHead.load(config["model_dir"] or None, precision=config["precision"],
                            threads=config["threads"]).encoder._recent.clear()


@pytest.mark.parametrize(("profile", "precision"),
                         [("full", "float32"), ("full", "auto"), ("fast", "float32")])
def test_many_documents_at_once_give_what_one_at_a_time_gives(profile, precision):
    """A profile over the fixtures together (in ``full`` the encoder batches across them,
    in float32 and in the default mixed precision, whose int8 activations are scaled per
    token; in ``fast`` the n-gram classifiers do) and one by one, each
    from cold caches: the same output for each."""
    import json
    from pathlib import Path

    from echoscope.analyzers.classify import EncoderClassifier, load_heads
    from echoscope.analyzers.common import scored_texts
    from echoscope.readers.text import parse_text

    folder = Path(__file__).parent / "fixtures"
    texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    assert len(texts) >= 5
    overrides = {"analysis.profile": profile}
    if profile == "full":
        overrides |= {"analysis.classify.precision": precision,
                      "analysis.techniques.precision": precision}
    pipeline = build_pipeline(load_settings(overrides=overrides))
    _cold_encoders(pipeline)
    alone = [pipeline(parse_text(t, f"f{i}")) for i, t in enumerate(texts)]
    _cold_encoders(pipeline)
    together = pipeline.many([parse_text(t, f"f{i}") for i, t in enumerate(texts)])
    for a, b in zip(together, alone, strict=True):
        assert isinstance(a, Doc)
        assert json.dumps(a.to_dict(), sort_keys=True) == json.dumps(b.to_dict(), sort_keys=True)
    # Reported stances were read from sentences parsed together (spaCy's batches).
    positions = next(a for a in pipeline.analyzers if a.name == "positions")
    assert any(positions._parsed.values())
    if profile != "full":
        return
    # The batch step runs the encoder over every post and sentence of all of them (int8
    # scales activations per token, so batch-mates cannot move a text's scores).
    classify = next(a for a in pipeline.analyzers if isinstance(a, EncoderClassifier))
    first = build_pipeline(load_settings(), ["posts", "sentences"])
    docs = [first(parse_text(t + " Fresh words.", f"g{i}")) for i, t in enumerate(texts[:3])]
    classify.prepare(docs)
    recent = load_heads(classify.config).encoder._recent
    wanted = [t for d in docs for t in scored_texts(d)[1]]
    assert wanted and all(t in recent for t in wanted)


def test_the_serial_runner_lets_what_needs_no_analysis_out_at_once(tmp_path):
    """Errors and copies do not wait for a batch of documents to fill; order is kept."""
    from echoscope.doc import ErrorRecord
    from echoscope.readers import RawInput
    from echoscope.runners.local import run_serial

    settings = load_settings(overrides={"analysis.profile": "fast"})
    pipeline = build_pipeline(settings)
    pulled: list[str] = []

    def items():
        for i in range(30):
            pulled.append(f"e{i}")
            yield ErrorRecord(f"e{i}", "E305", "empty")
        for i in range(3):
            pulled.append(f"d{i}")
            yield RawInput(f"d{i}", "text", f"Councillor Maya Okafor spoke on day {i}.".encode())
        pulled.append("bad")
        yield RawInput("bad", "text", b"")
    out = run_serial(items(), settings, pipeline)
    assert next(out).source == "e0" and len(pulled) == 1
    rest = list(out)
    assert [r.source for r in rest] == [f"e{i}" for i in range(1, 30)] + ["d0", "d1", "d2", "bad"]
    assert [type(r).__name__ for r in rest[-4:]] == ["Doc", "Doc", "Doc", "ErrorRecord"]
