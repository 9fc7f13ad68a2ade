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


def bearer(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header; None for anything else
    (a bare token, another scheme, extra words)."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value or " " in value.strip():
        return None
    return value.strip()


def check_token(expected: str | None, given: str | None) -> None:
    """Raise E701 unless ``given`` is the server's token (when it has one)."""
    if expected is None:
        return
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise RequestError("this server needs a token for requests that write "
                           "(Authorization: Bearer TOKEN, or the form field token)", code="E701")


def host_of(value: str) -> str:
    """``Host`` header value without its port (``[::1]:8765`` -> ``::1``)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


class Guard:
    """The outermost ASGI layer; what it refuses never reaches the app or its body parser.

    - ``Host`` must be one the server answers to (``allowed_hosts``; by default, on
      loopback, only loopback names): a DNS-rebinding page cannot talk to it (E708, 421).
    - With a token, ``POST /api/...`` must carry ``Authorization: Bearer TOKEN``; it is
      checked before the body is read (E701, 401).
    - A form post from another site (``Origin`` or ``Sec-Fetch-Site`` says so) is refused
      (E709, 403); the form's own CSRF field is checked by the page handler.
    - Bodies over ``limit`` bytes, declared or streamed (chunked), get 413 (E704).
    - Anything unhandled is a JSON 500 (E710) with the security headers, and the
      connection stays usable.
    """

    def __init__(self, app: Any, *, limit: int, token: str | None,
                 hosts: set[str] | None) -> None:
        self.app, self.limit, self.token, self.hosts = app, limit, token, hosts

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        from .errors import send_error

        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers") or []}
        refusal = self._refuse(scope, headers)
        if refusal is not None:
            await send_error(send, *refusal)
            return
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await send_error(send, 413, "E704", f"request body over {self.limit} bytes")
            return
        seen = 0
        started = False
        over = False

        async def guarded_receive() -> dict:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    over = True
                    raise _TooLarge
            return message

        async def guarded_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                if started:
                    return
                started = True
                if over:  # whatever the body parser made of it, the answer is 413
                    await send_error(send, 413, "E704", f"request body over {self.limit} bytes")
                    return
            elif over:
                return
            await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        except _TooLarge:
            if not started:
                await send_error(send, 413, "E704", f"request body over {self.limit} bytes")
        except Exception:  # noqa: BLE001 - answered (E710) by the app's handler, or here
            if not started:
                await send_error(send, 500, "E710", "the server failed on this request")

    def _refuse(self, scope: dict, headers: dict[str, str]) -> tuple[int, str, str] | None:
        if self.hosts is not None and host_of(headers.get("host", "")) not in self.hosts:
            return 421, "E708", "this server does not answer to that Host name"
        if scope["method"] != "POST":
            return None
        path = scope.get("path", "")
        if path.startswith("/api/"):
            try:
                check_token(self.token, bearer(headers.get("authorization")))
            except RequestError as exc:
                return 401, exc.code, exc.reason
            return None
        origin = headers.get("origin")
        if headers.get("sec-fetch-site") == "cross-site" or (
                origin and origin != "null"
                and origin.split("//", 1)[-1].lower() != headers.get("host", "").lower()):
            return 403, "E709", "a form posted from another site is refused"
        return None


class _TooLarge(Exception):
    pass
