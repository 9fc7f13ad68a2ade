"""Analyzers: small, pure steps ``doc -> doc`` that declare what they require and assign.

Each is an :class:`~echoscope.analyzers.base.Analyzer`: ``name``, ``requires`` and
``assigns`` (layers of the data model), ``settings`` (declared once, with defaults and
help) and ``__call__(doc) -> doc``. One analyzer per module; helpers several of them need
live in :mod:`.common`. Register new ones in :data:`ANALYZERS`; profiles in
``defaults.toml`` name them in order.
"""

from __future__ import annotations

from .classify import EncoderClassifier
from .date_check import PostDateCheck
from .entities import EntityLinker, RuleEntityLinker
from .evidence import EvidenceChecks
from .hypocrisy import HypocrisyFramingFinder
from .paragraphs import ParagraphTechniqueFinder
from .positions import PositionFinder
from .posts import PostExtractor, extract_posts
from .quotes import QuoteFinder
from .reactions import ReactionSummary
from .sentences import SentenceSplitter
from .sentiment import SentimentScorer
from .social import SocialScorer
from .stance import LinearStanceDetector, StanceDetector
from .subjectivity import SubjectivityProfiler
from .techniques import CrfTechniqueFinder, TechniqueFinder

#: Analyzer name -> class. The pipeline builder looks names up here.
ANALYZERS = {
    cls.name: cls
    for cls in (PostExtractor, PostDateCheck, EntityLinker, RuleEntityLinker, QuoteFinder,
                SentenceSplitter, EncoderClassifier, SentimentScorer, SocialScorer,
                StanceDetector, LinearStanceDetector, ReactionSummary, SubjectivityProfiler,
                TechniqueFinder, CrfTechniqueFinder, ParagraphTechniqueFinder,
                HypocrisyFramingFinder, EvidenceChecks,
                PositionFinder)
}

__all__ = [
    "ANALYZERS",
    "CrfTechniqueFinder",
    "EncoderClassifier",
    "EntityLinker",
    "EvidenceChecks",
    "HypocrisyFramingFinder",
    "LinearStanceDetector",
    "ParagraphTechniqueFinder",
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
