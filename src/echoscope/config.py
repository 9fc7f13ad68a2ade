"""Settings: the shipped defaults, overlaid by a user file, overlaid by CLI options.

``load_settings()`` returns one :class:`Settings` object. Keys are validated against the
shipped ``defaults.toml``: an unknown key or a value of the wrong type is a
:class:`~echoscope.errors.ConfigError`, so a typo never silently does nothing.
"""

from __future__ import annotations

import contextlib
import copy
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

#: Help for every setting, by dotted key. A test checks this matches defaults.toml
#: and docs/configuration.md.
SETTINGS_HELP: dict[str, str] = {
    "input.max_bytes": "Largest input document in bytes; a larger one becomes an E302 error record.",
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
    "input.fields.content": "Record field holding the article body (text or HTML).",
    "input.fields.author": "Record field holding the author.",
    "input.fields.url": "Record field holding the article URL.",
    "input.fields.language": "Record field holding the language code.",
    "analysis.profile": "Name of the analyzer profile to run (see [profiles]).",
    "analysis.date_check.max_days_before": "A post dated more than this many days before the "
    "article gets a post_date_anomaly flag.",
    "analysis.date_check.max_days_after": "A post dated more than this many days after the "
    "article gets a post_date_anomaly flag.",
    "analysis.entities.model": "spaCy pipeline used for named entities (any installed "
    "package name, e.g. en_core_web_trf).",
    "analysis.quotes.max_scare_words": "Longest unattributed quotation (in words) still read as "
    "a scare quote.",
    "analysis.techniques.min_score": "Technique spans scoring below this (P(span) x "
    "P(label)) are dropped.",
    "analysis.hypocrisy.threshold": "Probability from which a sentence or post counts as "
    "hypocrisy framing (and the article as framed so).",
    "analysis.hypocrisy.sentence_threshold": "Probability from which a prose sentence counts "
    "as hypocrisy evidence (explicit cues such as 'double standard' always count).",
    "analysis.positions.min_confidence": "Positions (post, quote or reported stances) less "
    "confident than this are not kept.",
    "analysis.evidence.min_support": "A generalisation about reactions needs at least this "
    "many quoted posts after it, or it is flagged unsupported_generalisation.",
    "analysis.evidence.single_source_accounts": "Two or more quoted posts from at most this "
    "many accounts get a single_source flag.",
    "serve.host": "Address echoscope serve binds to; anything but loopback needs a token.",
    "serve.port": "Port echoscope serve listens on.",
    "serve.max_body_bytes": "Request bodies larger than this get 413.",
    "serve.analysis_timeout_s": "The web app stops waiting for one analysis after this many "
    "seconds (504).",
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
}


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
        section = self.data["analysis"].get(name, {})
        return dict(section) if isinstance(section, dict) else {}


def _defaults() -> dict[str, Any]:
    text = resources.files("echoscope").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], over: dict[str, Any], schema: dict[str, Any], path: str) -> None:
    for key, value in over.items():
        dotted = f"{path}{key}"
        if key not in schema:
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
        ok = isinstance(value, list)
    else:
        ok = isinstance(value, type(expected))
    if not ok:
        raise ConfigError(
            f"setting {dotted!r} must be of type {type(expected).__name__}, got {value!r}",
            code="E101",
        )
    choices = _CHOICES.get(dotted)
    if choices and value not in choices:
        raise ConfigError(
            f"setting {dotted!r} must be one of {', '.join(sorted(choices))}; got {value!r}",
            code="E101",
        )
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise ConfigError(f"setting {dotted!r} must not be negative", code="E101")
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
    config_file: str | Path | None = None, overrides: dict[str, Any] | None = None
) -> Settings:
    """Defaults, then ``config_file`` (TOML), then ``overrides`` (dotted keys, None skipped)."""
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
    if data["run"]["workers"] < 1:
        raise ConfigError("run.workers must be at least 1", code="E101")
    if data["input"]["max_bytes"] < 1:
        raise ConfigError("input.max_bytes must be at least 1", code="E101")
    return Settings(data)
