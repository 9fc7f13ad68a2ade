"""One error shape for every failure, in JSON for the API and as a page for the app::

    {"error": {"status": 404, "code": "E508", "message": "..."}}

``status`` is the HTTP status; ``code`` is always a code from :data:`echoscope.errors.ERRORS`
— a domain error keeps its own (E3xx input, E508 no such article, ...), and failures of
the request itself have their own E7xx codes, never an HTTP number dressed as a code.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (
    AnalysisError,
    ConfigError,
    EchoscopeError,
    InputError,
    ModelError,
    RequestError,
    StoreError,
)
from .security import SECURITY_HEADERS

#: HTTP statuses the framework raises by itself, and the request-error code of each.
HTTP_CODES = {401: "E701", 404: "E702", 405: "E703", 413: "E704", 422: "E705", 504: "E706"}
_REQUEST_STATUS = {"E701": 401, "E702": 404, "E703": 405, "E704": 413, "E705": 422,
                   "E706": 504, "E707": 503, "E708": 421, "E709": 403, "E710": 500,
                   "E711": 409}
#: Seconds a client should wait before trying again, for statuses that say "later".
RETRY_AFTER = {503: "5"}


def status_of(exc: EchoscopeError) -> int:
    """The HTTP status that answers a domain error."""
    if isinstance(exc, RequestError):
        return _REQUEST_STATUS.get(exc.code, 400)
    if exc.code == "E508":
        return 404
    if exc.code == "E512":  # a malformed search query or filter: the request's fault
        return 400
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, ConfigError):
        return 400
    if isinstance(exc, AnalysisError | ModelError | StoreError):
        return 500
    return 500


def error_response(status: int, code: str, message: str, *, html: bool) -> Response:
    headers = dict(SECURITY_HEADERS)
    if status in RETRY_AFTER:
        headers["Retry-After"] = RETRY_AFTER[status]
    if html:
        from ..report import render

        page = render("message.html", nav=True, title=f"Error {status}", message=message,
                      code=code)
        return HTMLResponse(page, status_code=status, headers=headers)
    return JSONResponse({"error": {"status": status, "code": code, "message": message}},
                        status_code=status, headers=headers)


async def send_error(send: Any, status: int, code: str, message: str) -> None:
    """The JSON error, sent straight through ASGI (for middleware outside FastAPI)."""
    body = json.dumps({"error": {"status": status, "code": code, "message": message}}).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    if status in RETRY_AFTER:
        headers.append((b"retry-after", RETRY_AFTER[status].encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api")


def install(api: FastAPI) -> None:
    """Exception handlers for every failure, and the security headers on every response."""

    @api.exception_handler(EchoscopeError)
    async def _domain(request: Request, exc: EchoscopeError) -> Response:
        return error_response(status_of(exc), exc.code, exc.reason, html=_wants_html(request))

    @api.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = HTTP_CODES.get(exc.status_code, "E700")
        return error_response(exc.status_code, code, str(exc.detail), html=_wants_html(request))

    @api.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        msg = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                        for e in exc.errors())
        return error_response(422, "E705", msg, html=_wants_html(request))

    @api.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        # Starlette re-raises after this answer; the Guard outside swallows it, so the
        # connection stays usable.
        return error_response(500, "E710", "the server failed on this request",
                              html=_wants_html(request))

    @api.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response
