"""Exceptions raised by echoscope, each with a stable code from one table.

Exception tree (the first digit of a code names its family)::

    EchoscopeError           E000
    ├── ConfigError          E1xx  a setting, option, config file or data folder is invalid
    ├── PipelineError        E2xx  a pipeline cannot be built (unknown analyzer, unmet requires)
    ├── InputError           E3xx  one input record cannot become a Doc
    ├── AnalysisError        E4xx  an analyzer failed on one document
    ├── StoreError           E5xx  the database cannot be opened or queried
    ├── ModelError           E6xx  a shipped model is missing, altered or incompatible
    └── RequestError         E7xx  an HTTP request to ``echoscope serve`` is refused

Every code is defined once, in :data:`ERRORS`, with what it means; docs/errors.md lists the
same table (a test compares both ways). The library raises; only the CLI and the web layer
turn exceptions into exit codes or error bodies. Per-document errors (``InputError``,
``AnalysisError``) are recorded as :class:`echoscope.doc.ErrorRecord` by the runners and
never stop a batch.
"""

from __future__ import annotations

#: Every error code and what it means.
ERRORS: dict[str, str] = {
    "E000": "an echoscope error",
    "E100": "invalid configuration",
    "E101": "a setting is unknown, of the wrong type or out of range",
    "E102": "unknown analyzer profile",
    "E103": "the config file is missing or is not valid TOML",
    "E104": ("the configured spaCy model is not installed, or needs torch after spaCy was "
             "imported without it in the same process (import torch first)"),
    "E105": "a training data file is malformed",
    "E106": "unknown training task",
    "E107": "no training data (or no gold labels) where it was expected",
    "E108": "unknown evaluation metric",
    "E109": "training the encoder needs torch (pip install 'echoscope[train]')",
    "E110": "echoscope serve would listen beyond loopback without a token",
    "E111": "echoscope serve cannot listen on that address and port (in use, or not allowed)",
    "E112": ("no trained stance adapters to finish where --trained points, or ones trained "
             "without other targets than --without names"),
    "E200": "the pipeline cannot be built",
    "E201": "unknown analyzer",
    "E202": "an analyzer requires something no earlier analyzer assigns",
    "E203": "an analyzer appears twice in the pipeline",
    "E204": "an analyzer declares a name the data model does not have",
    "E300": "an input cannot be read",
    "E301": "no such file or directory, or it cannot be read",
    "E302": "the input is larger than input.max_bytes",
    "E303": "the input is binary, not text",
    "E304": "the input cannot be decoded (or its compression is corrupt)",
    "E305": "the input is empty",
    "E306": "a malformed record (JSON Lines or CSV)",
    "E307": "the HTML cannot be parsed",
    "E308": "an unsupported input format",
    "E309": "a link cannot be fetched (DNS, connection, TLS, timeout or too many redirects)",
    "E310": "a link's server answered with an error status (4xx or 5xx)",
    "E311": "a link is not a web page (its content type is not HTML or plain text)",
    "E312": "fetching that link is refused (not http/https, or, in the web app, not a public address)",
    "E400": "an internal error while analysing one document",
    "E401": "an analyzer failed on one document",
    "E402": "the text is longer than analysis.max_chars",
    "E500": "a database error",
    "E501": "the database does not exist",
    "E502": "the database cannot be opened",
    "E503": "a query failed",
    "E504": "full-text search needs the duckdb-extension-fts package",
    "E505": "the search index is out of date and the database is open read-only",
    "E506": "no such table",
    "E507": "an invalid memory size (store.memory_limit)",
    "E508": "no such article",
    "E509": "only one reading statement runs as SQL from outside (SELECT, WITH, EXPLAIN)",
    "E510": "the database cannot be written (the disk is full, or the file is read-only)",
    "E511": "the database file is damaged",
    "E512": "a malformed search query or filter (an unclosed quote, a lone OR, only "
             "exclusions, a date not YYYY-MM-DD, an unknown kind)",
    "E600": "a model error",
    "E601": "a model's files are missing or unreadable",
    "E602": ("a model was built by an incompatible version of echoscope or on another base "
             "encoder, or its parts do not match: a text head with a linear share and no "
             "linear model beside it, a technique blend chosen with another "
             "`models/techniques` (run `echoscope train text --calibrate-only`), a "
             "technique namer chosen with another (run `echoscope train "
             "techniques-namer --calibrate-only`), a stance head whose sentiment member "
             "for people never seen was fitted with other text heads (run `echoscope "
             "train stance --unseen-only`), a paragraph model fitted on other text heads' "
             "sentence vectors, or with a linear share and no linear model (run `echoscope "
             "train paragraphs`), an artifact `echoscope train text --init` cannot start "
             "from"),
    "E603": "a model was used before it was fitted",
    "E604": "the encoder's files are not the genuine ones (their sha256 differs)",
    "E700": "the request was refused",
    "E701": "a token is required for requests that write, and it is missing or wrong",
    "E702": "no such page",
    "E703": "the method is not allowed here",
    "E704": "the request body is larger than serve.max_body_bytes",
    "E705": "the request is invalid (a parameter or field is missing or malformed)",
    "E706": "the analysis took longer than serve.analysis_timeout_s (it was stopped)",
    "E707": "the server is busy: every analysis worker and queue place is taken",
    "E708": "the server does not answer to that Host name (serve.allowed_hosts)",
    "E709": "a form posted from another site, or without the form's own check field",
    "E710": "the server failed on this request (an internal error)",
    "E711": "the server's database is read-only: nothing can be stored",
}


class EchoscopeError(Exception):
    """Base class; ``code`` is stable and appears at the start of the message."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            if code not in ERRORS:
                raise KeyError(f"error code {code} is not in echoscope.errors.ERRORS")
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


class RequestError(EchoscopeError):
    code = "E700"


# Input error codes by name (the readers record them on ErrorRecords).
READ_FAILED = "E300"
NOT_FOUND = "E301"
TOO_LARGE = "E302"
BINARY = "E303"
UNDECODABLE = "E304"
EMPTY = "E305"
BAD_RECORD = "E306"
BAD_HTML = "E307"
UNSUPPORTED = "E308"
FETCH_FAILED = "E309"
HTTP_STATUS = "E310"
NOT_A_PAGE = "E311"
FETCH_REFUSED = "E312"
