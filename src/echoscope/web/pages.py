"""The HTML pages: server-rendered, no JavaScript. They read through the same store
queries as the JSON API and render the same report as ``echoscope report``."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from ..errors import RequestError, StoreError
from ..report import article_context, render, timeline_chart_svg
from ..report.visibility import LAYERS
from ..store import consistency, queries
from .api import api_article, api_conflicts, api_situations, jsonable
from .app import App, state_of

router = APIRouter(include_in_schema=False)
PER_PAGE = 25
SEARCH_PER_PAGE = 50


def page(template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(template, nav=True, **context))


def hidden_of(state: App, show: str) -> list[str]:
    """The layers left out of this page: ``report.hidden_layers`` unless ``?show=all``."""
    return [] if show == "all" else list(state.settings.get("report.hidden_layers"))


@router.get("/", response_class=HTMLResponse)
def home(show: str = "", state: App = Depends(state_of)) -> HTMLResponse:  # noqa: B008
    return page("analyze.html", needs_token=state.token is not None, max_body=state.max_body,
                show=show, csrf=state.csrf, read_only=state.read_only,
                fetches=state.fetches)


@router.get("/analyze", response_class=HTMLResponse)
def analyze_again() -> RedirectResponse:
    """A refresh after submitting the form lands on the form, not on 405."""
    return RedirectResponse("/", status_code=303)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_page(text: str = Form(""), file: UploadFile | None = File(None),  # noqa: B008
                       store: bool = Form(False), token: str | None = Form(None),
                       csrf: str | None = Form(None), title: str = Form(""),
                       published: str = Form(""), url: str = Form(""),
                       show: str = Form(""), state: App = Depends(state_of)  # noqa: B008
                       ) -> HTMLResponse:
    state.check_form(csrf)
    state.check_token(token)
    if published:
        try:
            date.fromisoformat(published)
        except ValueError:
            raise RequestError(f"published must be a date (YYYY-MM-DD), not {published!r}",
                               code="E705") from None
    html = False
    source = "<pasted>"
    data: str | bytes = text
    if file is not None and file.filename:
        data = await file.read()
        html = file.filename.lower().endswith((".html", ".htm"))
        source = Path(file.filename).name
    # The analysis runs in a worker process; this thread only waits for it.
    meta = {"title": title.strip()[:300], "published": published, "url": url.strip()[:2000]}
    doc = await run_in_threadpool(state.analyze, data, html=html, source=source, store=store,
                                  meta=meta)
    return page("report_page.html", stored=store, just_stored=store,
                **article_context(doc, hidden_of(state, show)))


@router.get("/articles", response_class=HTMLResponse)
def articles_page(page_no: int = Query(1, ge=1, le=10**7, alias="page"), site: str | None = None,
                  q: str | None = None, sort: str = "newest",
                  state: App = Depends(state_of)  # noqa: B008
                  ) -> HTMLResponse:
    sort = sort if sort in queries.ARTICLE_ORDERS else "newest"
    result = state.read(queries.list_articles, site=site or None, contains=q or None,
                        limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE, sort=sort)
    return page("articles.html", result={"items": jsonable(result.items),
                                         "total": result.total},
                page_no=page_no, per=PER_PAGE, site=site or "", q=q or "", sort=sort,
                sites=state.read(queries.sites))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, show: str = "",
                 state: App = Depends(state_of)) -> HTMLResponse:  # noqa: B008
    return page("report_page.html", stored=True,
                **article_context(api_article(article_id, state), hidden_of(state, show)))


@router.get("/search", response_class=HTMLResponse)
def search_page(q: str = "", since: str = "", until: str = "", source: str = "",
                handle: str = "", kind: str = "",
                page_no: int = Query(1, ge=1, le=10**6, alias="page"),
                state: App = Depends(state_of)) -> HTMLResponse:  # noqa: B008
    """The search form (query and filters, kept after a search) and its hits; a malformed
    query or filter shows the form again with what is wrong (400, E512)."""
    filters = {"since": since.strip(), "until": until.strip(), "source": source.strip(),
               "handle": handle.strip(), "kind": kind.strip()}
    result: dict[str, Any] | None = None
    error: str | None = None
    if q.strip():
        try:
            found = state.read(queries.search, q, limit=SEARCH_PER_PAGE,
                               offset=(page_no - 1) * SEARCH_PER_PAGE,
                               **{k: v or None for k, v in filters.items()})
        except StoreError as exc:
            if exc.code != "E512":
                raise
            error = exc.reason
        else:
            result = {"items": jsonable(found.items), "total": found.total}
            for item in result["items"]:
                text, (start, end) = item.get("snippet") or "", item.get("match") or (0, 0)
                item["snippet_parts"] = (text[:start], text[start:end], text[end:])
    # Links to the pages before and after keep the query and its filters.
    keep = urlencode({"q": q, **{k: v for k, v in filters.items() if v}})
    response = page("search.html", q=q, result=result, error=error, filters=filters,
                    page_no=page_no, per=SEARCH_PER_PAGE, keep=keep,
                    filters_text=queries.describe_filters(**filters),
                    kinds=queries.SEARCH_KINDS, sites=state.read(queries.sites))
    if error:
        response.status_code = 400
    return response


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts_page(actor: str = "", show: str = "",
                   state: App = Depends(state_of)) -> HTMLResponse:  # noqa: B008
    if "positions" in hidden_of(state, show):
        return page("hidden.html", what=LAYERS["positions"])
    result = api_conflicts(actor=actor or None, situation=None, absent=False, state=state)
    situations = api_situations(state=state)
    return page("conflicts.html", actor=actor, result=result, situations=situations["items"],
                show=show)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(actor: str = "", show: str = "",
                  state: App = Depends(state_of)) -> HTMLResponse:  # noqa: B008
    if "positions" in hidden_of(state, show):
        return page("hidden.html", what=LAYERS["positions"])
    rows = jsonable(state.read(consistency.timeline, actor)) if actor.strip() else []
    chart = None
    if rows:
        svg = timeline_chart_svg(rows, actor)
        chart = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return page("timeline.html", actor=actor, rows=rows, chart=chart, show=show)


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """Every operation with its parameters and, for a JSON body, every field with its type,
    default and description — all read from the OpenAPI schema, so the page cannot drift."""
    schema = request.app.openapi()
    models = schema.get("components", {}).get("schemas", {})
    ops = []
    for path, item in schema["paths"].items():
        for method, op in item.items():
            params = [p["name"] + ("" if not p.get("required") else " (required)")
                      for p in op.get("parameters", [])]
            body = (op.get("requestBody", {}).get("content", {})
                    .get("application/json", {}).get("schema", {}))
            model = models.get(body.get("$ref", "").rsplit("/", 1)[-1], {})
            required = set(model.get("required", []))
            fields = [(name, _type_of(spec), name in required, spec.get("default"),
                       spec.get("description", ""))
                      for name, spec in model.get("properties", {}).items()]
            ops.append((method.upper(), path, op.get("summary", ""), params, fields))
    return page("api.html", ops=ops)


def _type_of(spec: dict[str, Any]) -> str:
    if "anyOf" in spec:
        return " or ".join(_type_of(s) for s in spec["anyOf"])
    kind = spec.get("type", "object")
    return f"{kind} ({spec['format']})" if "format" in spec else str(kind)


