"""Analyzers: small, pure steps ``doc -> doc`` that declare what they require and assign.

Each analyzer is a class with ``name``, ``requires``, ``assigns``, an ``__init__`` taking
its config section (``[analysis.<name>]``) and ``__call__(doc) -> doc``. Register new ones
in :data:`ANALYZERS`; profiles in ``defaults.toml`` name them in order.
"""

from __future__ import annotations

from .date_check import PostDateCheck
from .entities import EntityLinker, RuleEntityLinker
from .evidence import EvidenceChecks
from .hypocrisy import HypocrisyFraming
from .positions import PositionFinder
from .posts import PostExtractor, extract_posts
from .quotes import QuoteFinder
from .reactions import ReactionSummary
from .sentences import SentenceSplitter
from .sentiment import SentimentScorer
from .social import SocialScorer
from .stance import StanceDetector
from .subjectivity import SubjectivityProfiler
from .techniques import TechniqueFinder

#: Analyzer name -> class. The pipeline builder looks names up here.
ANALYZERS = {
    cls.name: cls
    for cls in (PostExtractor, PostDateCheck, EntityLinker, RuleEntityLinker, QuoteFinder,
                SentenceSplitter,
                SentimentScorer, SocialScorer, StanceDetector, ReactionSummary,
                SubjectivityProfiler, TechniqueFinder, HypocrisyFraming, EvidenceChecks,
                PositionFinder)
}

__all__ = [
    "ANALYZERS",
    "EntityLinker",
    "EvidenceChecks",
    "HypocrisyFraming",
    "PostDateCheck",
    "PositionFinder",
    "PostExtractor",
    "QuoteFinder",
    "ReactionSummary",
    "RuleEntityLinker",
    "SentenceSplitter",
    "SentimentScorer",
    "SocialScorer",
    "StanceDetector",
    "SubjectivityProfiler",
    "TechniqueFinder",
    "extract_posts",
]
