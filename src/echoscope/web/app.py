"""The application: shared state, and the FastAPI app that puts the routers together.

Safety: binds to loopback by default; bound anywhere else it refuses to start without a
token, and every request that writes (``POST``) must carry it (``Authorization: Bearer``,
checked before the body is read, or the form field ``token``). The outermost layer
(:class:`~echoscope.web.security.Guard`) refuses unknown Host names, cross-site form
posts and bodies over ``serve.max_body_bytes`` (413), and answers anything unhandled in
the one JSON error shape. Analyses run in worker processes (:mod:`echoscope.web.jobs`):
never on the event loop, never holding up reads, stopped for real after
``serve.analysis_timeout_s``, with a bounded queue (503 + ``Retry-After`` when full).
Every response carries a strict Content-Security-Policy (no scripts at all), and all
article and post text is escaped by the templates.
"""

from __future__ import annotations

import os
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request

from ..config import Settings
from ..doc import Doc, ErrorRecord
from ..errors import AnalysisError, ConfigError, InputError, RequestError, StoreError
from ..readers import RawInput
from ..readers._decode import scrub
from ..readers.fetch import fetch
from ..runners.analyze import new_dedupe_index, store_analysed
from ..runners.dedupe import Duplicate, NearDuplicateIndex
from ..store import Store, queries
from . import errors
from .jobs import AnalysisJobs
from .security import LOOPBACK_NAMES, Guard, check_token, is_loopback

T = TypeVar("T")


class App:
    """State shared by the handlers: settings, one database connection (one request at a
    time, held only for the query or the write), the analysis workers, the near-copy
    index, and the secret the analysis form carries against cross-site posts."""

    def __init__(self, settings: Settings, *, db: str | None, token: str | None,
                 timeout: float, max_body: int, create: bool = False,
                 read_only: bool | None = None) -> None:
        self.settings = settings
        self.db = db or settings.db
        self.token = token
        self.timeout = timeout
        self.max_body = max_body
        self.csrf = secrets.token_urlsafe(24)
        exists = self.db == ":memory:" or Path(self.db).exists()
        if not exists and not create:
            raise StoreError(f"database {self.db} does not exist; analyse into it first, or "
                             "pass --create to start an empty one", code="E501")
        if read_only is None:  # a file this process may not write is served read-only
            read_only = exists and self.db != ":memory:" and not (
                os.access(self.db, os.W_OK) and os.access(Path(self.db).parent, os.W_OK))
        self.read_only = read_only
        self.lock = threading.Lock()
        #: Links being fetched at once (serve.fetch): as many as analyses may wait.
        self._fetching = threading.BoundedSemaphore(
            max(1, int(settings.data["serve"]["max_queue"])))
        self._store: Store | None = None
        self._dedupe: NearDuplicateIndex | None = None
        serve = settings.data["serve"]
        self.jobs = AnalysisJobs(settings, workers=int(serve["analysis_workers"]),
                                 queue_size=int(serve["max_queue"]), timeout=timeout)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The database, for one request at a time."""
        with self.lock:
            if self._store is None:
                try:
                    # Locked to this database alone, like every read-only connection:
                    # no file access, no extensions, no setting changes.
                    self._store = Store(self.db, read_only=self.read_only, sandbox=True)
                except StoreError as exc:
                    raise StoreError(public_message(exc.reason, self.db), code=exc.code) \
                        from None
            yield self._store

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one of :mod:`echoscope.store.queries` (or ``positions``) on the database."""
        with self.store() as store:
            try:
                return query(store, *args, **kwargs)
            except StoreError as exc:
                raise StoreError(public_message(exc.reason, self.db), code=exc.code) from None

    def check_token(self, given: str | None) -> None:
        check_token(self.token, given)

    def check_form(self, csrf: str | None) -> None:
        """The analysis form carries this server's secret: a page on another site cannot
        read it, so it cannot post the form (E709)."""
        if not csrf or not secrets.compare_digest(csrf, self.csrf):
            raise RequestError("the form's check field is missing or out of date; reload "
                               "the page and submit again", code="E709")

    def analyze(self, data: str | bytes, *, html: bool, source: str, store: bool,
                meta: dict[str, Any] | None = None) -> dict[str, Any]:
        """Analyse one document (text, or the bytes of an uploaded file, which the readers
        decode) in a worker process within the time limit, then store it if asked through
        the same accounting as the CLI (run record, near-copy check)."""
        if store and self.read_only:
            raise RequestError("this server's database is read-only: nothing can be stored "
                               "(analyse without storing)", code="E711")
        raw_bytes = scrub(data).encode("utf-8") if isinstance(data, str) else data
        given = {k: scrub(v) for k, v in (meta or {}).items() if v}
        if not raw_bytes.strip() and given.get("url"):
            raw = self.fetch(given["url"])
            raw.meta.update({k: v for k, v in given.items() if k != "url"})
        elif not raw_bytes.strip():
            raise InputError("no text to analyse", code="E305")
        else:
            raw = RawInput(source, "html" if html else "text", raw_bytes, given)
        result = self.jobs.run(raw)
        if isinstance(result, ErrorRecord):
            kind = InputError if result.code.startswith("E3") else AnalysisError
            raise kind(result.reason, code=result.code)
        if store:
            with self.store() as db:
                if self._dedupe is None and self.settings.get("dedupe.enabled"):
                    self._dedupe = new_dedupe_index(self.settings, db)
                _, (outcome,) = store_analysed([result], self.settings, db,
                                               dedupe_index=self._dedupe,
                                               argv=["echoscope", "serve", "analyze", source])
            if isinstance(outcome, Duplicate):
                original = self.read(queries.article, outcome.original_id)
                if original is None:
                    raise AnalysisError("a near-copy of an article that is no longer stored",
                                        code="E401")
                return {**original, "near_copy_of": outcome.original_id}
        assert isinstance(result, Doc)
        return result.to_dict()

    @property
    def fetches(self) -> str | None:
        """``public`` or ``any`` when this server fetches links given instead of text."""
        mode = self.settings.get("serve.fetch")
        return None if mode == "off" else str(mode)

    def fetch(self, url: str) -> RawInput:
        """A link given instead of text, fetched when the server was started to (serve.fetch
        ``public``: only public addresses; ``any``); else a clear refusal."""
        mode = self.settings.get("serve.fetch")
        if mode == "off":
            raise InputError("no text to analyse: this server does not fetch links (start "
                             "it with echoscope serve --fetch), so paste the text or upload "
                             "the page", code="E305")
        # Fetches run in request threads, before an analysis queues: bounded like the
        # queue, so slow sites cannot take every thread that serves reads.
        if not self._fetching.acquire(blocking=False):
            raise RequestError("the server is busy fetching other links: try again shortly",
                               code="E707")
        try:
            result = fetch(url, self.settings, public_only=mode != "any")
        finally:
            self._fetching.release()
        if isinstance(result, ErrorRecord):
            raise InputError(result.reason, code=result.code)
        return result

    def close(self) -> None:
        self.jobs.close()
        with self.lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def public_message(message: str, db: str) -> str:
    """A database message fit for a web client: the file by its name only, no process
    ids, no absolute paths."""
    message = message.replace(str(Path(db).resolve()), Path(db).name).replace(db, Path(db).name)
    message = re.sub(r"\(PID \d+\)|PID \d+", "", message)
    return re.sub(r"(?<![\w.])/(?:[\w.-]+/)+([\w.-]+)", r"\1", message)


def state_of(request: Request) -> App:
    """FastAPI dependency: the app's shared state."""
    return request.app.state.echoscope


def allowed_hosts(settings: Settings, host: str | None) -> set[str] | None:
    """The Host names to answer to: ``serve.allowed_hosts``; else, bound to loopback (or
    not bound, as in tests), the loopback names; else any (None)."""
    names = {h.lower() for h in settings.get("serve.allowed_hosts")}
    if names:
        return names | ({host.lower()} if host else set())
    if host is None or is_loopback(host):
        return set(LOOPBACK_NAMES)
    return None


def create_app(settings: Settings, *, db: str | None = None, token: str | None = None,
               max_body: int | None = None, timeout: float | None = None,
               create: bool = False, read_only: bool | None = None,
               host: str | None = None) -> Any:
    """The FastAPI application, wrapped in the :class:`Guard`."""
    from . import api, pages

    serve = settings.data["serve"]
    limit = int(max_body or serve["max_body_bytes"])
    state = App(settings, db=db, token=token, create=create, read_only=read_only,
                timeout=float(timeout or serve["analysis_timeout_s"]), max_body=limit)
    app = FastAPI(title="echoscope", version=_version(), docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Articles, their embedded posts, and what echoscope found in "
                              "them. Errors: `{\"error\": {status, code, message}}`.")
    app.state.echoscope = state
    app.router.add_event_handler("shutdown", state.close)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    return Guard(app, limit=limit, token=token, hosts=allowed_hosts(settings, host))


def _version() -> str:
    from importlib import metadata

    return metadata.version("echoscope")


def serve(settings: Settings, *, db: str | None, host: str, port: int, token: str | None,
          max_body: int | None = None, timeout: float | None = None, create: bool = False,
          read_only: bool | None = None, announce: Callable[[App], None] | None = None
          ) -> None:
    """Run the app with uvicorn until interrupted; ``announce`` is called once the address
    is known to be free and the app is built."""
    import socket

    import uvicorn

    from .server import uvicorn_config

    if not is_loopback(host) and not token:
        raise ConfigError(f"refusing to bind to {host} without a token: pass --token or set "
                          "ECHOSCOPE_TOKEN (requests that write must carry it)", code="E110")
    try:  # a busy port is a clear error before anything starts
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                          code="E111") from None
    app = create_app(settings, db=db, token=token, max_body=max_body, timeout=timeout,
                     create=create, read_only=read_only, host=host)
    if announce is not None:
        announce(app.app.state.echoscope)
    uvicorn.Server(uvicorn_config(app, host=host, port=port, settings=settings)).run()
