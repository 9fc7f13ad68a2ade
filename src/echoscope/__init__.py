"""echoscope: news articles and the social-media posts quoted inside them, as evidence.

The public API is what ``__all__`` lists; everything else may change between releases.
"""

from .config import Settings
from .doc import Doc, ErrorRecord, Flag, Post
from .errors import (
    AnalysisError,
    ConfigError,
    EchoscopeError,
    InputError,
    PipelineError,
    StoreError,
)
from .ml.classify import classify
from .pipeline import Pipeline, build_pipeline, load_settings
from .readers import read
from .runners import RunSummary, analyze, analyze_text, iter_docs
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "AnalysisError",
    "ConfigError",
    "Doc",
    "EchoscopeError",
    "ErrorRecord",
    "Flag",
    "InputError",
    "Pipeline",
    "PipelineError",
    "Post",
    "RunSummary",
    "Settings",
    "Store",
    "StoreError",
    "analyze",
    "analyze_text",
    "build_pipeline",
    "classify",
    "iter_docs",
    "load_settings",
    "read",
]
