"""Exceptions raised by echoscope, each with a stable code.

Exception tree::

    EchoscopeError
    ├── ConfigError          E1xx  a setting, option or config file is invalid
    │     E110 serve: a non-loopback address without a token
    ├── PipelineError        E2xx  a pipeline cannot be built (unknown analyzer, unmet requires)
    ├── InputError           E3xx  one input record cannot become a Doc
    │     E301 not found      E302 too large       E303 binary content
    │     E304 undecodable    E305 empty           E306 malformed record (JSON/CSV)
    │     E307 HTML could not be parsed           E308 unsupported input
    ├── AnalysisError        E4xx  an analyzer failed on one document
    └── StoreError           E5xx  the database cannot be opened or queried
          E508 no such article

The library raises; only the CLI and the web layer turn exceptions into exit codes or
error bodies. Per-document errors (``InputError``, ``AnalysisError``) are recorded as
:class:`echoscope.doc.ErrorRecord` by the runners and never stop a batch.
"""

from __future__ import annotations


class EchoscopeError(Exception):
    """Base class; ``code`` is stable and appears at the start of the message."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        self.reason = message
        super().__init__(f"[{self.code}] {message}")


class ConfigError(EchoscopeError):
    code = "E100"


class PipelineError(EchoscopeError):
    code = "E200"


class InputError(EchoscopeError):
    code = "E300"


class AnalysisError(EchoscopeError):
    code = "E400"


class StoreError(EchoscopeError):
    code = "E500"


class ModelError(EchoscopeError):
    code = "E600"


# Stable input error codes (see the tree above).
NOT_FOUND = "E301"
TOO_LARGE = "E302"
BINARY = "E303"
UNDECODABLE = "E304"
EMPTY = "E305"
BAD_RECORD = "E306"
BAD_HTML = "E307"
UNSUPPORTED = "E308"
