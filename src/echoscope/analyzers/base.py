"""What every analyzer is: a name, what it requires and assigns, its settings, ``__call__``.

An analyzer declares its settings once, as :class:`~echoscope.config.Setting` objects
(default, help, allowed values), in ``settings``; ``__init__`` validates the section of
``[analysis.<name>]`` it is given against them and fills in the defaults, so nothing else
repeats a default. ``requires`` and ``assigns`` name layers of the data model
(:func:`echoscope.doc.layer_names`): the pipeline checks them when it is built, and the
tests check that an analyzer writes nothing it does not declare.

Analyzers compute from the Doc and write their own fields of it; they do no I/O and keep
no state besides models, which load once per process (and what ``prepare`` computed for
the documents about to be analysed).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from ..config import Setting, validate_section
from ..doc import Doc


class Analyzer:
    """Base class of the pipeline's components."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()
    settings: ClassVar[dict[str, Setting]] = {}
    #: Whether it reads text in any language (a post's signature, its date). The others
    #: read English (models, lexicons, grammar): the pipeline skips them for a document in
    #: a language ``analysis.languages`` does not name.
    any_language: ClassVar[bool] = False

    def __init__(self, config: Mapping[str, Any] | None = None) -> None:
        self.config: dict[str, Any] = validate_section(f"analysis.{self.name}", self.settings,
                                                       config or {})

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def prepare(self, docs: list[Doc]) -> None:
        """Optional: work cheaper done for several documents at once (the encoder batches
        the sentences of all of them), before each is analysed by ``__call__``. What an
        analyzer writes must not depend on it: ``__call__`` alone gives the same Doc."""
