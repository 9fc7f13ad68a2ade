"""Settings: the shipped defaults, overlaid by a user file, overlaid by CLI options.

``load_settings()`` returns one :class:`Settings` object. Keys are validated against the
shipped ``defaults.toml``: an unknown key or a value of the wrong type is a
:class:`~echoscope.errors.ConfigError`, so a typo never silently does nothing.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

#: Help for every setting, by dotted key. A test checks this matches defaults.toml
#: and docs/configuration.md.
SETTINGS_HELP: dict[str, str] = {
    "input.max_bytes": "Largest input document in bytes; a larger one becomes an E302 error record.",
    "input.max_expansion": "A gzip-compressed corpus or archive (.jsonl.gz, .csv.gz, .warc.gz) "
    "may decompress to at "
    "most this many times its size (and at least 20 x input.max_bytes); past that it stops "
    "with an E302 error record as a likely decompression bomb.",
    "input.format": "Input format: auto (by extension, then by content), text, html, jsonl, csv "
    "or warc.",
    "input.content_format": "How a JSONL/CSV record's content is read: auto, text or html.",
    "input.text_extensions": "File extensions read as plain text when scanning folders.",
    "input.html_extensions": "File extensions read as HTML pages when scanning folders.",
    "input.jsonl_extensions": "File extensions read as JSON Lines corpora (gzip allowed).",
    "input.csv_extensions": "File extensions read as CSV/TSV corpora (gzip allowed).",
    "input.warc_extensions": "File extensions read as web archives (WARC, plain or gzip).",
    "input.fields.id": "Record field holding the publisher's article id (kept as meta.record_id).",
    "input.fields.date": "Record field holding the publication date.",
    "input.fields.source": "Record field holding the outlet name (becomes site_name).",
    "input.fields.title": "Record field holding the title.",
    "input.fields.content": "Record field holding the article body (text or HTML). Where a "
    "record lacks a default field name, the usual alternatives are read instead (content: "
    "text, body, article; date: published, published_at, pubDate; title: headline; url: "
    "link; ...), and meta.fields says which.",
    "input.fields.author": "Record field holding the author.",
    "input.fields.url": "Record field holding the article URL.",
    "input.fields.language": "Record field holding the language code.",
    "fetch.timeout_s": "A link's server must connect and answer each read within this many "
    "seconds, else the link is an E309 error record.",
    "fetch.deadline_s": "The most seconds one page's whole fetch may take, name lookup "
    "included (a server that trickles bytes, or a resolver that does not answer, is cut "
    "off: E309).",
    "fetch.max_redirects": "Redirects followed for one link (each hop checked like the "
    "first); more is an E309 error record.",
    "fetch.concurrency": "Links fetched at once (results stay in input order).",
    "fetch.public_only": "Refuse links to private, loopback, link-local and other non-public "
    "addresses (E312), checked before connecting and on the address connected to.",
    "analysis.profile": "Name of the analyzer profile to run (see [profiles]). Each "
    "analyzer's own settings live in [analysis.<analyzer>] (see the analyzers' table).",
    "analysis.max_chars": "Longest text analysed, in characters (after reading); a longer one "
    "becomes an E402 error record. At the default, the full profile takes at most 25 s "
    "and 1.1 GB on one core, whatever the text (benchmarks/bench_limits.py).",
    "analysis.languages": "Languages the analysis reads (ISO 639-1 codes; \"*\": any). "
    "Its models, lexicons and grammar read English: a document whose own words are clearly "
    "another language's gets only its posts extracted, and meta.not_analysed says why; a "
    "text in no clear language is read.",
    "serve.host": "Address echoscope serve binds to; anything but loopback needs a token.",
    "serve.port": "Port echoscope serve listens on.",
    "serve.max_body_bytes": "Request bodies larger than this get 413.",
    "serve.analysis_timeout_s": "An analysis in the web app that runs longer than this many "
    "seconds is stopped (its worker process is killed and replaced) and answered 504.",
    "serve.analysis_workers": "Worker processes the web app analyses in (each loads the "
    "models once); reads never wait for them.",
    "serve.max_queue": "Analyses that may wait for a free worker; beyond, the web app "
    "answers 503 with Retry-After at once.",
    "serve.header_timeout_s": "A connection must finish sending a request's headers within "
    "this many seconds (from the connection or the previous response), else it is closed.",
    "serve.max_connections": "Open connections the web app serves at once; beyond, 503.",
    "serve.allowed_hosts": "Host names the web app answers to (DNS-rebinding defence). "
    "Empty: loopback names when bound to loopback, any name otherwise (the token guards "
    "writes).",
    "serve.fetch": "Whether the web app fetches a link given instead of text: off, public "
    "(only public addresses: no private, loopback or link-local ones; echoscope serve "
    "--fetch) or any (an intranet deployment that trusts its users).",
    "report.hidden_layers": "Layers reports and the web app leave out unless asked "
    "(echoscope report --show-all, ?show=all): those a hand audit found below their "
    "precision target. Any of: flags, hypocrisy, positions, "
    "quote_speakers, entity_types, techniques, paragraph_techniques, badges, scare_quotes.",
    "profiles": "Named pipelines: profile name -> ordered list of analyzer names.",
    "dedupe.enabled": "Detect near-duplicate articles (syndicated copies) and analyse each story "
    "once; a copy is linked to its original in the duplicates table.",
    "dedupe.threshold": "Estimated Jaccard similarity of word 5-shingles (MinHash) from which an "
    "article counts as a copy of an earlier one.",
    "dedupe.window": "How many of the most recent articles near-copies are looked for among "
    "(bounds memory: about 5 KB each).",
    "run.workers": "Worker processes for analysis; 1 runs in-process. Output is identical.",
    "run.progress": "Progress bar on stderr: auto (only on a terminal), always or never.",
    "run.batch_size": "Results written to the database per transaction; a killed run keeps "
    "every complete batch.",
    "store.db": "DuckDB file that analyze writes to and the query commands read.",
    "store.memory_limit": "DuckDB memory limit while analyze writes (e.g. 64MB, 1GB); keeps "
    "memory flat on long runs.",
}

_CHOICES = {
    "input.format": {"auto", "text", "html", "jsonl", "csv", "warc"},
    "input.content_format": {"auto", "text", "html"},
    "run.progress": {"auto", "always", "never"},
    "serve.fetch": {"off", "public", "any"},
}
#: Allowed elements of list settings.
_LIST_CHOICES = {
    "report.hidden_layers": {"flags", "hypocrisy", "positions", "quote_speakers",
                             "entity_types", "techniques", "paragraph_techniques", "badges",
                             "scare_quotes"},
}
#: Patterns each element of a list setting must match.
_LIST_PATTERNS = {"analysis.languages": re.compile(r"[a-z]{2}|\*")}
#: Inclusive ranges of numeric settings (every other int must only not be negative).
_RANGES: dict[str, tuple[float, float]] = {
    "input.max_bytes": (1, 2**40),
    "input.max_expansion": (1, 10**6),
    "run.workers": (1, 1024),
    "analysis.max_chars": (1_000, 10**9),
    "run.batch_size": (1, 10**6),
    "dedupe.threshold": (0.05, 1.0),
    "dedupe.window": (1, 10**8),
    "fetch.timeout_s": (0.1, 3600.0),
    "fetch.deadline_s": (0.1, 86400.0),
    "fetch.max_redirects": (0, 30),
    "fetch.concurrency": (1, 64),
    "serve.port": (1, 65535),
    "serve.max_body_bytes": (1, 2**40),
    "serve.analysis_timeout_s": (0.001, 86400.0),
    "serve.analysis_workers": (1, 64),
    "serve.max_queue": (0, 10_000),
    "serve.header_timeout_s": (0.1, 3600.0),
    "serve.max_connections": (1, 100_000),
}


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting of an analyzer: its default (whose type values must have), what it does,
    and optionally the values (``choices``; for a list, of each element) or the inclusive
    range (``min``/``max``) it accepts."""

    default: Any
    help: str
    choices: tuple[Any, ...] | None = None
    min: float | None = None
    max: float | None = None


def validate_section(prefix: str, specs: Mapping[str, Setting], values: Mapping[str, Any]
                     ) -> dict[str, Any]:
    """``values`` checked against ``specs`` (unknown keys, types, choices, ranges: E101),
    with every missing setting at its default."""
    out = {key: copy.deepcopy(spec.default) for key, spec in specs.items()}
    for key, value in values.items():
        dotted = f"{prefix}.{key}"
        spec = specs.get(key)
        if spec is None:
            known = ", ".join(sorted(specs)) or "none"
            raise ConfigError(f"unknown setting {dotted!r} (known: {known})", code="E101")
        value = _coerce(dotted, value, spec.default)
        items = value if isinstance(value, list) else [value]
        if spec.choices is not None and any(v not in spec.choices for v in items):
            raise ConfigError(f"setting {dotted!r} must be one of "
                              f"{', '.join(map(str, spec.choices))}; got {value!r}", code="E101")
        _check_range(dotted, value, spec.min, spec.max)
        out[key] = value
    return out


def _check_range(dotted: str, value: Any, lo: float | None, hi: float | None) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ConfigError(f"setting {dotted!r} must be between {lo:g} and {hi:g}; got {value!r}",
                          code="E101")


@dataclass(frozen=True, slots=True)
class Settings:
    """All settings, as a validated nested mapping with typed accessors."""

    data: dict[str, Any]

    def get(self, dotted: str) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            node = node[part]
        return node

    @property
    def max_bytes(self) -> int:
        return self.data["input"]["max_bytes"]

    @property
    def workers(self) -> int:
        return self.data["run"]["workers"]

    @property
    def profile(self) -> str:
        return self.data["analysis"]["profile"]

    @property
    def db(self) -> str:
        return self.data["store"]["db"]

    def analyzer_names(self) -> list[str]:
        profiles = self.data["profiles"]
        if self.profile not in profiles:
            raise ConfigError(
                f"unknown profile {self.profile!r}; known: {', '.join(sorted(profiles))}",
                code="E102",
            )
        return list(profiles[self.profile])

    def analyzer_config(self, name: str) -> dict[str, Any]:
        """The ``[analysis.<name>]`` section (complete when loaded with the analyzers'
        settings, as :func:`echoscope.load_settings` does)."""
        section = self.data["analysis"].get(name, {})
        return dict(section) if isinstance(section, dict) else {}


def _defaults() -> dict[str, Any]:
    text = resources.files("echoscope").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def shipped_default(dotted: str) -> Any:
    """A setting's value as ``defaults.toml`` ships it (a copy), e.g.
    ``shipped_default("input.fields")``."""
    node: Any = _shipped()
    for part in dotted.split("."):
        node = node[part]
    return copy.deepcopy(node)


@functools.lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    return _defaults()


def _merge(base: dict[str, Any], over: dict[str, Any], schema: dict[str, Any], path: str) -> None:
    for key, value in over.items():
        dotted = f"{path}{key}"
        if key not in schema:
            if path == "analysis." and isinstance(value, dict):
                # An analyzer's section: checked against its settings (validate_section).
                base.setdefault(key, {}).update(value)
                continue
            if path == "profiles.":
                # Users may define new profiles.
                if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                    raise ConfigError(f"profile {key!r} must be a list of analyzer names", code="E101")
                base[key] = list(value)
                continue
            raise ConfigError(f"unknown setting {dotted!r}", code="E101")
        expected = schema[key]
        if isinstance(expected, dict):
            if not isinstance(value, dict):
                raise ConfigError(f"setting {dotted!r} must be a table", code="E101")
            _merge(base[key], value, expected, dotted + ".")
            continue
        base[key] = _coerce(dotted, value, expected)


def _coerce(dotted: str, value: Any, expected: Any) -> Any:
    if isinstance(expected, bool):
        ok = isinstance(value, bool)
    elif isinstance(expected, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value)
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(expected, float):
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = float(value)
        ok = isinstance(value, float | int) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif isinstance(expected, list):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    else:
        ok = isinstance(value, type(expected))
    if not ok:
        raise ConfigError(
            f"setting {dotted!r} must be of type {type(expected).__name__}, got {value!r}",
            code="E101",
        )
    allowed = _LIST_CHOICES.get(dotted)
    if allowed and isinstance(value, list) and not set(value) <= allowed:
        raise ConfigError(
            f"setting {dotted!r} takes {', '.join(sorted(allowed))}; got "
            f"{', '.join(sorted(set(value) - allowed))}", code="E101")
    pattern = _LIST_PATTERNS.get(dotted)
    if pattern and isinstance(value, list) and (
            not value or not all(pattern.fullmatch(v) for v in value)):
        raise ConfigError(f"setting {dotted!r} takes one or more two-letter language codes "
                          f"(ISO 639-1) or \"*\"; got {value!r}", code="E101")
    choices = _CHOICES.get(dotted)
    if choices and value not in choices:
        raise ConfigError(
            f"setting {dotted!r} must be one of {', '.join(sorted(choices))}; got {value!r}",
            code="E101",
        )
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise ConfigError(f"setting {dotted!r} must not be negative", code="E101")
    if dotted in _RANGES:
        _check_range(dotted, value, *_RANGES[dotted])
    return value


def _nest(dotted: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in dotted.items():
        node = out
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out


def load_settings(
    config_file: str | Path | None = None, overrides: dict[str, Any] | None = None,
    analyzers: Mapping[str, Mapping[str, Setting]] | None = None,
) -> Settings:
    """Defaults, then ``config_file`` (TOML), then ``overrides`` (dotted keys, None skipped).

    With ``analyzers`` (name -> its settings), every ``[analysis.<name>]`` section is
    checked and completed with its defaults, and a section for an unknown analyzer is an
    error; :func:`echoscope.load_settings` always passes them.
    """
    defaults = _defaults()
    data = copy.deepcopy(defaults)
    if config_file is not None:
        path = Path(config_file)
        try:
            user = tomllib.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}", code="E103") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}", code="E103") from None
        _merge(data, user, defaults, "")
    if overrides:
        _merge(data, _nest({k: v for k, v in overrides.items() if v is not None}), defaults, "")
    if analyzers is not None:
        analysis = data["analysis"]
        for name in [k for k, v in analysis.items() if isinstance(v, dict)]:
            if name not in analyzers:
                raise ConfigError(f"unknown analyzer section [analysis.{name}]; analyzers: "
                                  f"{', '.join(sorted(analyzers))}", code="E101")
        for name, specs in analyzers.items():
            analysis[name] = validate_section(f"analysis.{name}", specs, analysis.get(name, {}))
    return Settings(data)
