"""What every response carries and every request must pass: security headers, the body
size limit, loopback detection, the token for requests that write."""

from __future__ import annotations

import hmac
import ipaddress
from typing import Any

from ..errors import RequestError

CSP = ("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def is_loopback(host: str) -> bool:
    """Does ``host`` name this machine only (``localhost``, 127.0.0.0/8, ``::1``)?"""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_token(expected: str | None, given: str | None) -> None:
    """Raise E701 unless ``given`` is the server's token (when it has one)."""
    if expected is None:
        return
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise RequestError("this server needs a token for requests that write "
                           "(Authorization: Bearer TOKEN, or the form field token)", code="E701")


class BodyLimit:
    """ASGI middleware: 413 (E704) for bodies over ``limit`` bytes, declared or streamed."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        from .errors import send_error

        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await send_error(send, 413, "E704", f"request body over {self.limit} bytes")
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
                await send_error(send, 413, "E704", f"request body over {self.limit} bytes")


class _TooLarge(Exception):
    pass
