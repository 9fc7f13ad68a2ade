"""The application: shared state, and the FastAPI app that puts the routers together.

Safety: binds to loopback by default; bound anywhere else it refuses to start without a
token, and every request that writes (``POST``) must carry it (``Authorization: Bearer``
or the form field ``token``). Request bodies over ``serve.max_body_bytes`` get 413;
analysis stops waiting after ``serve.analysis_timeout_s`` (504). Every response carries a
strict Content-Security-Policy (no scripts at all), and all article and post text is
escaped by the templates.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from fastapi import FastAPI, Request

from ..config import Settings
from ..doc import Doc
from ..errors import AnalysisError, ConfigError, InputError, RequestError
from ..readers import RawInput
from ..runners import analyze
from ..runners.analyze import new_dedupe_index
from ..runners.dedupe import Duplicate, NearDuplicateIndex
from ..store import Store, queries
from . import errors
from .security import BodyLimit, check_token, is_loopback

T = TypeVar("T")


class App:
    """State shared by the handlers: settings, one database connection (used by one
    request at a time), one analysis worker, the near-copy index."""

    def __init__(self, settings: Settings, *, db: str | None, token: str | None,
                 timeout: float, max_body: int) -> None:
        self.settings = settings
        self.db = db or settings.db
        self.token = token
        self.timeout = timeout
        self.max_body = max_body
        self.lock = threading.Lock()
        self._store: Store | None = None
        self._dedupe: NearDuplicateIndex | None = None
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The database, for one request at a time."""
        with self.lock:
            if self._store is None:
                self._store = Store(self.db)
            yield self._store

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one of :mod:`echoscope.store.queries` (or ``positions``) on the database."""
        with self.store() as store:
            return query(store, *args, **kwargs)

    def check_token(self, given: str | None) -> None:
        check_token(self.token, given)

    def analyze(self, data: str | bytes, *, html: bool, source: str, store: bool,
                meta: dict[str, Any] | None = None) -> dict[str, Any]:
        """Analyse one document (text, or the bytes of an uploaded file, which the readers
        decode) through the same ``analyze()`` the CLI runs (run record, near-copy check,
        accounting), within the time limit; store it if asked."""
        raw_bytes = data.encode("utf-8") if isinstance(data, str) else data
        if not raw_bytes.strip():
            raise InputError("no text to analyse", code="E305")
        raw = RawInput(source, "html" if html else "text", raw_bytes,
                       {k: v for k, v in (meta or {}).items() if v})
        results: list[Doc | Duplicate] = []

        def work() -> Any:
            with self.store() as db:
                target = db if store else None
                if store and self._dedupe is None and self.settings.get("dedupe.enabled"):
                    self._dedupe = new_dedupe_index(self.settings, db)
                return analyze([raw], self.settings, store=target, on_doc=results.append,
                               on_copy=results.append, dedupe_index=self._dedupe if store else None,
                               argv=["echoscope", "serve", "analyze", source])

        future = self.pool.submit(work)
        try:
            summary = future.result(timeout=self.timeout)
        except concurrent.futures.TimeoutError:
            raise RequestError(f"analysis took longer than {self.timeout:g} s",
                               code="E706") from None
        if summary.errors:
            e = summary.errors[0]
            kind = InputError if e.code.startswith("E3") else AnalysisError
            raise kind(e.reason, code=e.code)
        (result,) = results
        if isinstance(result, Duplicate):
            original = self.read(queries.article, result.original_id)
            if original is None:
                raise AnalysisError("a near-copy of an article that is no longer stored",
                                    code="E401")
            return {**original, "near_copy_of": result.original_id}
        assert isinstance(result, Doc)
        return {**result.to_dict(), "meta": result.meta}


def state_of(request: Request) -> App:
    """FastAPI dependency: the app's shared state."""
    return request.app.state.echoscope


def create_app(settings: Settings, *, db: str | None = None, token: str | None = None,
               max_body: int | None = None, timeout: float | None = None) -> Any:
    """The FastAPI application (wrapped in the body-size guard)."""
    from . import api, pages

    serve = settings.data["serve"]
    limit = int(max_body or serve["max_body_bytes"])
    state = App(settings, db=db, token=token,
                timeout=float(timeout or serve["analysis_timeout_s"]), max_body=limit)
    app = FastAPI(title="echoscope", version=_version(), docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Articles, their embedded posts, and what echoscope found in "
                              "them. Errors: `{\"error\": {status, code, message}}`.")
    app.state.echoscope = state
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    return BodyLimit(app, limit)


def _version() -> str:
    from importlib import metadata

    return metadata.version("echoscope")


def serve(settings: Settings, *, db: str | None, host: str, port: int, token: str | None,
          max_body: int | None = None, timeout: float | None = None) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    if not is_loopback(host) and not token:
        raise ConfigError(f"refusing to bind to {host} without a token: pass --token or set "
                          "ECHOSCOPE_TOKEN (requests that write must carry it)", code="E110")
    app = create_app(settings, db=db, token=token, max_body=max_body, timeout=timeout)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
