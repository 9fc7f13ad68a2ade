"""Links as inputs: fetch a page over HTTP(S) into a :class:`~echoscope.readers.RawInput`.

One fetch is one GET with an honest User-Agent, a connect/read timeout and a deadline for
the whole transfer, redirects followed one hop at a time (each hop checked like the first,
up to ``fetch.max_redirects``), the body streamed and stopped past ``input.max_bytes``,
and the content type checked (HTML pages, and plain text). Every failure is an
:class:`~echoscope.doc.ErrorRecord` that says what went wrong (DNS, connection, TLS,
timeout, an HTTP error status, too large, not a page), so one bad link never stops a run.

``public_only`` (the web app's setting) refuses any address that is not public — private,
loopback, link-local, multicast, reserved — before connecting (every address the name
resolves to) and again after, on the address actually connected to, so a name that
resolves differently the second time (DNS rebinding) is still refused.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..config import Settings
from ..doc import ErrorRecord
from ..errors import FETCH_FAILED, FETCH_REFUSED, HTTP_STATUS, NOT_A_PAGE, TOO_LARGE

__all__ = ["fetch", "fetch_all", "is_url", "read_url_list", "user_agent"]

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_REDIRECTS = {301, 302, 303, 307, 308}


def is_url(arg: str) -> bool:
    """Whether a command-line input names a link (``scheme://…``) rather than a path."""
    return bool(_URL.match(arg))


def user_agent() -> str:
    """``echoscope/VERSION (…)``: who is asking, honestly."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        mine = version("echoscope")
    except PackageNotFoundError:
        mine = "unknown"
    return f"echoscope/{mine} (news analysis tool; httpx)"


def read_url_list(path: str) -> list[str]:
    """The links in a list file (``-`` for stdin): one per line; blank lines and lines
    starting with ``#`` are skipped."""
    import sys

    if path == "-":
        text = sys.stdin.read()
    else:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


class _Refused(Exception):
    """An address the fetch may not reach."""


def _check_host(host: str, port: int) -> None:
    """Raise :class:`_Refused` unless every address ``host`` resolves to is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise httpx.ConnectError(f"cannot resolve the host name {host!r}: {exc.strerror}") from None
    for info in infos:
        _check_address(str(info[4][0]), host)


def _check_address(address: str, host: str) -> None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast:
        kind = ("loopback" if ip.is_loopback else "link-local" if ip.is_link_local else
                "private" if ip.is_private else "multicast" if ip.is_multicast else "reserved")
        raise _Refused(f"{host} is a {kind} address ({ip}): this server fetches only "
                       f"public addresses")


def fetch(url: str, settings: Settings, *, public_only: bool | None = None,
          client: httpx.Client | None = None) -> Any:
    """Fetch ``url``: a :class:`RawInput` (kind ``html`` or ``text``; ``meta`` holds the
    final URL, the fetch date and what the server said) or an :class:`ErrorRecord`."""
    from . import RawInput

    cfg = settings.data["fetch"]
    if public_only is None:
        public_only = bool(cfg["public_only"])
    own = client is None
    client = client or new_client(settings, public_only=public_only)
    try:
        return _fetch(url, settings, client, public_only, RawInput)
    except _Refused as exc:
        return ErrorRecord(url, FETCH_REFUSED, str(exc))
    except httpx.TimeoutException:
        return ErrorRecord(url, FETCH_FAILED, f"timed out (no answer within "
                                              f"{cfg['timeout_s']:g} s)")
    except httpx.HTTPError as exc:
        return ErrorRecord(url, FETCH_FAILED, _network_reason(exc))
    finally:
        if own:
            client.close()


def new_client(settings: Settings, *, public_only: bool = False) -> httpx.Client:
    """An HTTP client with echoscope's User-Agent and timeouts; redirects are followed by
    :func:`fetch` itself. ``public_only`` clients ignore proxy settings (a proxy would
    reach what the address check refuses)."""
    timeout = float(settings.data["fetch"]["timeout_s"])
    return httpx.Client(
        headers={"User-Agent": user_agent(),
                 "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8,*/*;q=0.1"},
        timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=not public_only,
    )


def _fetch(url: str, settings: Settings, client: httpx.Client, public_only: bool,
           raw_input: Any) -> Any:
    cfg = settings.data["fetch"]
    limit = settings.max_bytes
    deadline = time.monotonic() + float(cfg["deadline_s"])
    current = url
    hops: list[str] = []
    for _ in range(int(cfg["max_redirects"]) + 1):
        parts = urlsplit(current)
        if parts.scheme.lower() not in ("http", "https"):
            raise _Refused(f"only http and https links are fetched, not {parts.scheme}:")
        if not parts.hostname:
            return ErrorRecord(url, FETCH_FAILED, f"not a valid link: {current}")
        if public_only:
            _check_host(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        with client.stream("GET", current) as resp:
            if public_only:
                _check_peer(resp, parts.hostname)
            if resp.status_code in _REDIRECTS and resp.headers.get("location"):
                hops.append(current)
                current = str(resp.url.join(resp.headers["location"]))
                continue
            if resp.status_code >= 400 or resp.status_code < 200:
                return ErrorRecord(url, HTTP_STATUS, f"the server answered HTTP "
                                   f"{resp.status_code} {resp.reason_phrase}".rstrip()
                                   + (f" (at {current})" if hops else ""))
            ctype = resp.headers.get("content-type", "")
            mime = ctype.split(";", 1)[0].strip().lower()
            if mime and mime not in _KINDS:
                return ErrorRecord(url, NOT_A_PAGE, f"not a web page: its content type is "
                                   f"{mime!r} (HTML or plain text is read)")
            length = resp.headers.get("content-length", "")
            if length.isdigit() and int(length) > limit:
                return ErrorRecord(url, TOO_LARGE, f"{int(length):,} bytes is over the limit "
                                   f"of {limit:,} bytes (input.max_bytes)")
            body = bytearray()
            for chunk in resp.iter_bytes():
                body += chunk
                if len(body) > limit:
                    return ErrorRecord(url, TOO_LARGE, f"more than the limit of {limit:,} "
                                       f"bytes (input.max_bytes)")
                if time.monotonic() > deadline:
                    return ErrorRecord(url, FETCH_FAILED, f"the transfer took longer than "
                                       f"{cfg['deadline_s']:g} s (fetch.deadline_s)")
            kind = _KINDS.get(mime) or _sniff_kind(bytes(body[:1024]))
            charset = resp.charset_encoding
            now = datetime.now(UTC)
            meta: dict[str, Any] = {
                "url": str(resp.url), "fetched": now.date().isoformat(),
                "fetch": {"url": url, "final_url": str(resp.url), "status": resp.status_code,
                          "content_type": ctype, "bytes": len(body),
                          "fetched_at": now.isoformat(timespec="seconds"),
                          "redirects": hops[1:] + [current] if hops else []},
            }
            if charset:
                meta["charset"] = charset
            return raw_input(url, kind, bytes(body), meta)
    return ErrorRecord(url, FETCH_FAILED, f"more than {cfg['max_redirects']} redirects "
                       f"(fetch.max_redirects); the last went to {current}")


def _check_peer(resp: httpx.Response, host: str) -> None:
    stream = resp.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        raise _Refused(f"cannot tell which address {host} connected to: refused")
    _check_address(str(peer[0]), host)


def _sniff_kind(head: bytes) -> str:
    low = head.lstrip().lower()
    return "html" if low.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) \
        else "text"


def _network_reason(exc: httpx.HTTPError) -> str:
    """A one-line reason for a failed connection: DNS, refused, TLS, or what httpx says."""
    text = str(exc) or type(exc).__name__
    low = text.lower()
    if "resolve" in low or "name or service not known" in low or "nodename" in low \
            or "temporary failure in name resolution" in low:
        return text if text.startswith("cannot resolve") else \
            f"cannot resolve the host name: {text}"
    if "ssl" in low or "certificate" in low or "tls" in low:
        return f"TLS failed: {text}"
    if "refused" in low:
        return f"connection refused: {text}"
    if isinstance(exc, httpx.TooManyRedirects):
        return text
    return f"cannot fetch: {type(exc).__name__}: {text}"


def fetch_all(urls: Iterable[str], settings: Settings) -> Iterator[Any]:
    """Fetch ``urls`` with ``fetch.concurrency`` at a time, yielding results in input
    order (a bounded window: at most that many pages are held at once)."""
    width = int(settings.data["fetch"]["concurrency"])
    client = new_client(settings, public_only=bool(settings.data["fetch"]["public_only"]))
    pending: deque[Future[Any]] = deque()
    try:
        with ThreadPoolExecutor(max_workers=width, thread_name_prefix="fetch") as pool:
            for url in urls:
                pending.append(pool.submit(fetch, url, settings, client=client))
                if len(pending) >= width:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    finally:
        for fut in pending:
            fut.cancel()
        client.close()
