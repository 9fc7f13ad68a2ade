"""The JSON API (``/api/...``; OpenAPI at ``/api/openapi.json``). Every listing is one of
:mod:`echoscope.store.queries`, with the same columns and pagination as the CLI."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from ..errors import StoreError
from ..store import consistency, queries
from .app import App, state_of
from .security import bearer

router = APIRouter(prefix="/api", tags=["api"])
MAX_OFFSET = 10**9
#: What ``GET /api/search``'s ``q`` takes (its OpenAPI description).
SEARCH_SYNTAX = ('Words (each must appear, as a whole word; vot* for any word starting '
                 'with vot) and "quoted phrases" (as written, case and spacing aside); AND '
                 'is the default between them, OR takes either side (it binds tighter than '
                 'AND), -word and -"a phrase" exclude hits holding them. E.g. "believe '
                 'women" OR metoo; milano -biden.')


class AnalyzeRequest(BaseModel):
    text: str = Field("", description="Article text, or an HTML page when html is true. "
                      "Empty with a url: the page at url is fetched, when the server was "
                      "started to fetch links (echoscope serve --fetch).")
    html: bool = Field(False, description="Treat text as an HTML page.")
    store: bool = Field(False, description="Also store the result in the database.")
    source: str = Field("<api>", description="Name recorded as the article's source.")
    title: str | None = Field(None, description="Title, when the text does not give one.")
    published: date | None = Field(
        None, description="Publication date (YYYY-MM-DD), when the text does not give one; "
        "needed to check the dates of quoted posts.")
    url: str | None = Field(None, description="The article's URL, when the text does not give "
                            "one; with no text, the link to fetch (see text).")


class Page(BaseModel):
    columns: list[str]
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


def _page(page: queries.Page) -> dict[str, Any]:
    return {"columns": page.columns, "items": jsonable(page.items), "total": page.total,
            "limit": page.limit, "offset": page.offset}


def _all(items: list[dict[str, Any]]) -> dict[str, Any]:
    columns = list(items[0]) if items else []
    return {"columns": columns, "items": jsonable(items), "total": len(items),
            "limit": len(items), "offset": 0}


@router.post("/analyze", summary="Analyse one article")
def api_analyze(body: AnalyzeRequest, request: Request,
                state: App = Depends(state_of)) -> dict[str, Any]:  # noqa: B008
    state.check_token(bearer(request.headers.get("authorization")))  # the Guard checked it too
    meta = {"title": body.title, "url": body.url,
            "published": body.published.isoformat() if body.published else None}
    return state.analyze(body.text, html=body.html, source=body.source, store=body.store,
                         meta=meta)


@router.get("/articles", summary="Stored articles, newest first", response_model=Page)
def api_articles(limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                 site: str | None = None, since: date | None = None,
                 until: date | None = None, q: str | None = None,
                 sort: Literal["newest", "oldest", "title", "posts", "flags",
                               "techniques"] = "newest",
                 state: App = Depends(state_of)) -> dict[str, Any]:  # noqa: B008
    return _page(state.read(queries.list_articles, site=site, since=_iso(since),
                            until=_iso(until), contains=q, limit=limit, offset=offset,
                            sort=sort))


@router.get("/articles/{article_id}", summary="One article, fully")
def api_article(article_id: str, state: App = Depends(state_of)) -> dict[str, Any]:  # noqa: B008
    doc = state.read(queries.article, article_id)
    if doc is None:
        raise StoreError(f"no article with id (or unique id prefix) {article_id!r}",
                         code="E508")
    return doc


@router.get("/posts", summary="Quoted posts", response_model=Page)
def api_posts(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_OFFSET),
              handle: str | None = None, hashtag: str | None = None,
              since: date | None = None, until: date | None = None,
              platform: str | None = None,
              state: App = Depends(state_of)) -> dict[str, Any]:  # noqa: B008
    return _page(state.read(queries.list_posts, handle=handle, hashtag=hashtag,
                            since=_iso(since), until=_iso(until), platform=platform,
                            limit=limit, offset=offset))


@router.get("/entities", summary="Entities by mentions", response_model=Page)
def api_entities(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                 type: str | None = None,  # noqa: A002 - the API's name for it
                 state: App = Depends(state_of)) -> dict[str, Any]:  # noqa: B008
    return _page(state.read(queries.list_entities, type_=type, limit=limit, offset=offset))


@router.get("/search", summary="Full-text search (BM25)", response_model=Page)
def api_search(q: str = Query(..., min_length=1, description=SEARCH_SYNTAX),
               limit: int = Query(20, ge=1, le=200),
               offset: int = Query(0, ge=0, le=MAX_OFFSET),
               since: date | None = Query(None, description="Only hits dated on or after "  # noqa: B008
                                          "this day (an article's published date, a post's "
                                          "date)."),
               until: date | None = Query(None, description="Only hits dated on or before "  # noqa: B008
                                          "this day."),
               source: str | None = Query(None, description="Only hits from this outlet "
                                          "(site name), domain (example.com) or input file; "
                                          "a post counts as its article's."),
               handle: str | None = Query(None, description="Only posts by this handle "
                                          "(with or without @), any case."),
               kind: Literal["article", "post"] | None = Query(
                   None, description="Only articles or only posts."),
               state: App = Depends(state_of)) -> dict[str, Any]:  # noqa: B008
    """Articles and posts that match ``q``, best first; a malformed query or filter is 400
    with code E512."""
    return _page(state.read(queries.search, q, since=_iso(since), until=_iso(until),
                            source=source or None, handle=handle or None, kind=kind,
                            limit=limit, offset=offset))


@router.get("/positions", summary="An actor's positions over time", response_model=Page)
def api_positions(actor: str = Query(..., min_length=1),
                  state: App = Depends(state_of)) -> dict[str, Any]:  # noqa: B008
    return _all(state.read(consistency.timeline, actor))


@router.get("/conflicts", summary="Consistency conflicts", response_model=Page)
def api_conflicts(actor: str | None = None, situation: str | None = None,
                  absent: bool = False,
                  state: App = Depends(state_of)) -> dict[str, Any]:  # noqa: B008
    fn = consistency.absences if absent else consistency.conflicts
    return _all(state.read(fn, actor=actor, situation=situation))


@router.get("/situations", summary="Situations and their members", response_model=Page)
def api_situations(state: App = Depends(state_of)) -> dict[str, Any]:  # noqa: B008
    return _all(state.read(consistency.situations))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def jsonable(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with dates (and other non-JSON values) as strings."""
    return [{k: v if v is None or isinstance(v, str | int | float | bool | list | dict)
             else str(v) for k, v in r.items()} for r in rows]
