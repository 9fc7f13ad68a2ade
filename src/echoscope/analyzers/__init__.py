"""Analyzers: small, pure steps ``doc -> doc`` that declare what they require and assign.

Each analyzer is a class with ``name``, ``requires``, ``assigns``, an ``__init__`` taking
its config section (``[analysis.<name>]``) and ``__call__(doc) -> doc``. Register new ones
in :data:`ANALYZERS`; profiles in ``defaults.toml`` name them in order.
"""

from __future__ import annotations

from .date_check import PostDateCheck
from .posts import PostExtractor, extract_posts

#: Analyzer name -> class. The pipeline builder looks names up here.
ANALYZERS = {
    PostExtractor.name: PostExtractor,
    PostDateCheck.name: PostDateCheck,
}

__all__ = ["ANALYZERS", "PostDateCheck", "PostExtractor", "extract_posts"]
