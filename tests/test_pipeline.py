from __future__ import annotations

import pytest

from echoscope.config import load_settings
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
