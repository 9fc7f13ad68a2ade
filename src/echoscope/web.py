"""``echoscope serve``: a small web app and JSON API over the database (FastAPI + uvicorn).

Pages are rendered on the server and work without JavaScript: paste text or upload an HTML
file and see its analysis; browse, filter and open stored articles (the same report as
``echoscope report``); search. The JSON API (``/api/...``) has OpenAPI docs at
``/api/openapi.json`` and a readable list at ``/api``; every error has one shape::

    {"error": {"status": 404, "code": "E508", "message": "..."}}

Safety: binds to loopback by default; bound anywhere else it refuses to start without a
token, and every request that writes (``POST``) must carry it (``Authorization: Bearer``
or the form field ``token``). Request bodies over ``serve.max_body_bytes`` get 413;
analysis stops waiting after ``serve.analysis_timeout_s`` (504). Every response carries a
strict Content-Security-Policy (no scripts at all), and all article and post text is
escaped by the templates.
"""

from __future__ import annotations

import concurrent.futures
import hmac
import ipaddress
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .config import Settings
from .errors import ConfigError, EchoscopeError, InputError

CSP = ("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_STATUS_CODES = {400: "E400", 401: "E401", 403: "E403", 404: "E404", 405: "E405",
                 413: "E413", 422: "E422", 504: "E504"}


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message = status, message
        self.code = code or _STATUS_CODES.get(status, f"E{status}")


class BodyLimit:
    """ASGI middleware: 413 for bodies over ``limit`` bytes (declared or streamed)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _send_error(send, 413, f"request body over {self.limit} bytes")
            return
        seen = 0
        sent = False

        async def guarded_receive() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: dict) -> None:
            nonlocal sent
            if message["type"] == "http.response.start":
                sent = True
            await send(message)

        try:
            await self.app(scope, guarded_receive, tracking_send)
        except _TooLarge:
            if not sent:
                await _send_error(send, 413, f"request body over {self.limit} bytes")


class _TooLarge(Exception):
    pass


async def _send_error(send: Any, status: int, message: str) -> None:
    import json

    body = json.dumps({"error": {"status": status, "code": _STATUS_CODES.get(status, "E500"),
                                 "message": message}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class App:
    """State shared by the handlers: settings, one database connection, one pipeline."""

    def __init__(self, settings: Settings, *, db: str | None, token: str | None,
                 timeout: float) -> None:
        self.settings = settings
        self.db = db or settings.db
        self.token = token
        self.timeout = timeout
        self.lock = threading.Lock()
        self._store = None
        self._pipeline = None
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)

    @property
    def store(self):
        from .store import Store

        if self._store is None:
            self._store = Store(self.db)
        return self._store

    def pipeline(self):
        from .pipeline import build_pipeline

        if self._pipeline is None:
            self._pipeline = build_pipeline(self.settings)
        return self._pipeline

    def check_token(self, given: str | None) -> None:
        if self.token is None:
            return
        if not given or not hmac.compare_digest(given.encode(), self.token.encode()):
            raise ApiError(401, "this server needs a token for requests that write "
                                "(Authorization: Bearer TOKEN, or the form field token)")

    def analyze(self, text: str, *, html: bool, source: str, store: bool) -> dict[str, Any]:
        """Analyse one document within the time limit; store it if asked."""
        from .readers import RawInput, to_doc

        if not text.strip():
            raise ApiError(422, "no text to analyse", code="E305")

        def work():
            doc = to_doc(RawInput(source, "html" if html else "text", text.encode("utf-8")),
                         self.settings)
            with self.lock:  # one analysis at a time: models are shared, CPU is finite
                doc = self.pipeline()(doc)
            return doc

        future = self.pool.submit(work)
        try:
            doc = future.result(timeout=self.timeout)
        except concurrent.futures.TimeoutError:
            raise ApiError(504, f"analysis took longer than {self.timeout:g} s") from None
        except InputError as exc:
            raise ApiError(422, str(exc), code=exc.code) from None
        if store:
            with self.lock:
                run = self.store.start_run(argv=["serve", "analyze"], config={}, versions={})
                new = self.store.write([doc], [], run)
                self.store.finish_run(run, status="done", seconds=0.0, timings={}, counts={
                    "inputs": 1, "articles": 1, "new_articles": new, "posts": len(doc.posts),
                    "flags": len(doc.flags), "duplicates": 0, "errors": 0})
        return {**doc.to_dict(), "meta": doc.meta}

    def rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        with self.lock:
            cur = self.store.con.execute(sql, params)
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def count(self, sql: str, params: list[Any]) -> int:
        with self.lock:
            return int(self.store.con.execute(f"SELECT count(*) FROM ({sql})", params)
                       .fetchone()[0])


class AnalyzeRequest(BaseModel):
    text: str = Field(description="Article text, or an HTML page when html is true.")
    html: bool = Field(False, description="Treat text as an HTML page.")
    store: bool = Field(False, description="Also store the result in the database.")
    source: str = Field("<api>", description="Name recorded as the article's source.")

class Page(BaseModel):
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int



def create_app(settings: Settings, *, db: str | None = None, token: str | None = None,
               max_body: int | None = None, timeout: float | None = None):
    """The FastAPI application (wrapped in the body-size guard)."""
    from .report import article_context, render
    from .store import article_filters, post_filters

    serve = settings.data["serve"]
    max_body = int(max_body or serve["max_body_bytes"])
    state = App(settings, db=db, token=token,
                timeout=float(timeout or serve["analysis_timeout_s"]))
    api = FastAPI(title="echoscope", version=_version(), docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Articles, their embedded posts, and what echoscope found in "
                              "them. Errors: `{\"error\": {status, code, message}}`.")
    api.state.echoscope = state

    def error(status: int, code: str, message: str, html: bool = False):
        if html:
            page = render("message.html", nav=True, title=f"Error {status}", message=message,
                          code=code)
            return HTMLResponse(page, status_code=status, headers=SECURITY_HEADERS)
        return JSONResponse({"error": {"status": status, "code": code, "message": message}},
                            status_code=status, headers=SECURITY_HEADERS)

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api")

    @api.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error(exc.status, exc.code, exc.message, wants_html(request))

    @api.exception_handler(EchoscopeError)
    async def _echoscope_error(request: Request, exc: EchoscopeError):
        status = 404 if exc.code == "E508" else 400
        return error(status, exc.code, str(exc), wants_html(request))

    @api.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        return error(exc.status_code, _STATUS_CODES.get(exc.status_code, f"E{exc.status_code}"),
                     str(exc.detail), wants_html(request))

    @api.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        msg = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                        for e in exc.errors())
        return error(422, "E422", msg, wants_html(request))

    @api.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    def page(template: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(render(template, nav=True, **context))

    # -- JSON API ----------------------------------------------------------------------
    @api.post("/api/analyze", tags=["api"], summary="Analyse one article")
    def api_analyze(body: AnalyzeRequest, request: Request) -> dict[str, Any]:
        auth = request.headers.get("authorization", "")
        state.check_token(auth.removeprefix("Bearer ").strip() or None)
        return state.analyze(body.text, html=body.html, source=body.source, store=body.store)

    @api.get("/api/articles", tags=["api"], summary="Stored articles, newest first",
             response_model=Page)
    def api_articles(limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0),
                     site: str | None = None, since: str | None = None,
                     until: str | None = None, q: str | None = None) -> dict[str, Any]:
        where, params = article_filters(site=site, since=since, until=until, contains=q)
        sql = ("SELECT a.id, a.title, a.site_name, a.published, a.n_posts, a.n_flags, "
               "(SELECT count(*) FROM techniques t WHERE t.article_id = a.id) AS techniques "
               "FROM articles a" + where)
        total = state.count(sql, params)
        items = state.rows(sql + " ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
                           [*params, limit, offset])
        return {"items": _jsonable(items), "total": total, "limit": limit, "offset": offset}

    @api.get("/api/articles/{article_id}", tags=["api"], summary="One article, fully")
    def api_article(article_id: str) -> dict[str, Any]:
        with state.lock:
            doc = state.store.article(article_id)
        if doc is None:
            raise ApiError(404, f"no article with id (or unique id prefix) {article_id!r}",
                           code="E508")
        return doc

    @api.get("/api/posts", tags=["api"], summary="Quoted posts", response_model=Page)
    def api_posts(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
                  handle: str | None = None, hashtag: str | None = None,
                  since: str | None = None, until: str | None = None,
                  platform: str | None = None) -> dict[str, Any]:
        where, params = post_filters(handle=handle, hashtag=hashtag, since=since,
                                     until=until, platform=platform)
        sql = ("SELECT p.article_id, p.idx, p.platform, p.handle, p.display_name, p.posted, "
               "p.text, p.url, p.hashtags, p.scores FROM posts p" + where)
        total = state.count(sql, params)
        items = state.rows(sql + " ORDER BY p.posted NULLS LAST, p.article_id, p.idx "
                           "LIMIT ? OFFSET ?",
                           [*params, limit, offset])
        return {"items": _jsonable(items), "total": total, "limit": limit, "offset": offset}

    @api.get("/api/entities", tags=["api"], summary="Entities by mentions",
             response_model=Page)
    def api_entities(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
                     type: str | None = None) -> dict[str, Any]:  # noqa: A002 - API name
        where = "WHERE e.type = ?" if type else ""
        params = [type] if type else []
        sql = (f"SELECT e.id, e.name, e.type, e.aliases, count(*) AS mentions, "
               f"count(DISTINCT m.article_id) AS articles FROM mentions m "
               f"JOIN entities e ON e.id = m.entity_id {where} "
               f"GROUP BY e.id, e.name, e.type, e.aliases")
        total = state.count(sql, params)
        items = state.rows(sql + " ORDER BY mentions DESC, name LIMIT ? OFFSET ?",
                           [*params, limit, offset])
        return {"items": _jsonable(items), "total": total, "limit": limit, "offset": offset}

    @api.get("/api/search", tags=["api"], summary="Full-text search (BM25)",
             response_model=Page)
    def api_search(q: str = Query(..., min_length=1), limit: int = Query(20, ge=1, le=200)
                   ) -> dict[str, Any]:
        with state.lock:
            cols, rows = state.store.search(q, limit=limit)
        items = [dict(zip(cols, r, strict=True)) for r in rows]
        return {"items": _jsonable(items), "total": len(items), "limit": limit, "offset": 0}

    @api.get("/api/positions", tags=["api"], summary="An actor's positions over time",
             response_model=Page)
    def api_positions(actor: str = Query(..., min_length=1)) -> dict[str, Any]:
        from .positions import timeline

        with state.lock:
            items = timeline(state.store, actor)
        return {"items": _jsonable(items), "total": len(items), "limit": len(items),
                "offset": 0}

    @api.get("/api/conflicts", tags=["api"], summary="Consistency conflicts",
             response_model=Page)
    def api_conflicts(actor: str | None = None, situation: str | None = None,
                      absent: bool = False) -> dict[str, Any]:
        from .positions import absences, conflicts

        with state.lock:
            fn = absences if absent else conflicts
            items = fn(state.store, actor=actor, situation=situation)
        return {"items": _jsonable(items), "total": len(items), "limit": len(items),
                "offset": 0}

    @api.get("/api/situations", tags=["api"], summary="Situations and their members",
             response_model=Page)
    def api_situations() -> dict[str, Any]:
        from .positions import situations

        with state.lock:
            items = situations(state.store)
        return {"items": _jsonable(items), "total": len(items), "limit": len(items),
                "offset": 0}

    # -- pages -------------------------------------------------------------------------
    @api.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home():
        return page("analyze.html", needs_token=state.token is not None, max_body=max_body)

    @api.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_page(text: str = Form(""), file: UploadFile | None = File(None),  # noqa: B008
                           store: bool = Form(False), token: str | None = Form(None)):
        state.check_token(token)
        html = False
        source = "<pasted>"
        if file is not None and file.filename:
            raw = await file.read()
            from .readers._decode import decode_bytes

            html = file.filename.lower().endswith((".html", ".htm"))
            text = decode_bytes(raw, html=html)
            source = Path(file.filename).name
        doc = state.analyze(text, html=html, source=source, store=store)
        return page("report_page.html", stored=store, **article_context(doc))

    @api.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(page_no: int = Query(1, ge=1, alias="page"), site: str | None = None,
                      q: str | None = None):
        per = 25
        result = api_articles(limit=per, offset=(page_no - 1) * per, site=site or None,
                              since=None, until=None, q=q or None)
        sites = [r["site_name"] for r in state.rows(
            "SELECT DISTINCT site_name FROM articles WHERE site_name IS NOT NULL "
            "ORDER BY 1", [])]
        return page("articles.html", result=result, page_no=page_no, per=per, site=site or "",
                    q=q or "", sites=sites)

    @api.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str):
        return page("report_page.html", stored=True, **article_context(api_article(article_id)))

    @api.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = ""):
        result = api_search(q=q, limit=50) if q.strip() else None
        return page("search.html", q=q, result=result)

    @api.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts_page(actor: str = ""):
        result = api_conflicts(actor=actor or None, situation=None, absent=False)
        sits = api_situations()
        return page("conflicts.html", actor=actor, result=result, situations=sits["items"])

    @api.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(actor: str = ""):
        from .report import timeline_chart_svg

        rows = api_positions(actor=actor)["items"] if actor.strip() else []
        chart = None
        if rows:
            import base64

            svg = timeline_chart_svg(rows, actor)
            chart = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
        return page("timeline.html", actor=actor, rows=rows, chart=chart)

    @api.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page():
        schema = api.openapi()
        ops = [(method.upper(), path, op.get("summary", ""), [p["name"] for p in
                                                               op.get("parameters", [])])
               for path, item in schema["paths"].items() for method, op in item.items()]
        return page("api.html", ops=ops)

    return BodyLimit(api, max_body)


def _jsonable(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    import json

    out = []
    for r in rows:
        d = {}
        for k, v in r.items():
            if k == "scores" and isinstance(v, str):
                v = json.loads(v)
            elif v is not None and not isinstance(v, (str, int, float, bool, list, dict)):
                v = str(v)
            d[k] = v
        out.append(d)
    return out


def _version() -> str:
    from . import __version__

    return __version__


def serve(settings: Settings, *, db: str | None, host: str, port: int, token: str | None,
          max_body: int | None = None, timeout: float | None = None) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    if not is_loopback(host) and not token:
        raise ApiStartError(f"refusing to bind to {host} without a token: pass --token or set "
                            "ECHOSCOPE_TOKEN (requests that write must carry it)")
    app = create_app(settings, db=db, token=token, max_body=max_body, timeout=timeout)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


class ApiStartError(ConfigError):
    code = "E110"
