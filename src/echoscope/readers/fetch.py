"""Links as inputs: fetch a page over HTTP(S) into a :class:`~echoscope.readers.RawInput`.

One fetch is one GET with an honest User-Agent, a connect/read timeout and a deadline for
the whole transfer, redirects followed one hop at a time (each hop checked like the first,
up to ``fetch.max_redirects``), the body streamed and stopped past ``input.max_bytes``,
and the content type checked (HTML pages, and plain text). Every failure is an
:class:`~echoscope.doc.ErrorRecord` that says what went wrong (DNS, connection, TLS,
timeout, an HTTP error status, too large, not a page), so one bad link never stops a run.

One fetch is watched by a deadline for the whole transfer (``fetch.deadline_s``): its
connections are shut down when it passes, so a server that trickles its headers or body
a byte at a time cannot hold it, and host names are resolved here within it, so a
resolver that does not answer cannot either. A compressed body (gzip, deflate) is decompressed here
with the output capped at ``input.max_bytes``, so a small body cannot expand in memory.

``public_only`` (the web app's setting) refuses any address that is not public — private,
loopback, link-local, multicast, reserved, and IPv6 forms that carry such an IPv4 address
— at the moment of connecting: the name is resolved once, every address it resolves to is
checked, and the connection goes to the checked address (no second lookup for DNS
rebinding to answer differently); the address connected to is checked again on the
response. The refusal says no more than that the link is not public.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import threading
import time
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpcore
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
    starting with ``#`` are skipped; a bare domain (``example.org/story``) gets
    ``https://``. Raises ValueError naming every line that is not a link (so a list never
    sends a stray path, ``.`` or ``-`` down the file readers), OSError when the file
    cannot be read."""
    import sys

    if path == "-":
        text = sys.stdin.read()
    else:
        with open(path, "rb") as fh:
            data = fh.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{path} is not UTF-8 text (byte {exc.start})") from None
    links, bad = [], []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        bare = _BARE_DOMAIN.match(line)
        if not is_url(line) and bare and bare.group(1).lower() not in _FILE_EXTENSIONS:
            line = "https://" + line
        if is_url(line):
            links.append(line)
        else:
            bad.append(f"line {number}: {line[:80]!r}")
    if bad:
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        raise ValueError(f"{path}: not links: {'; '.join(bad[:5])}{more}")
    return links


_BARE_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,})(?::\d+)?"
                          r"(?:[/?#]\S*)?$", re.IGNORECASE)
#: What ends a file name, not a domain (``story.html`` in a list of links is a mistake).
_FILE_EXTENSIONS = {"html", "htm", "txt", "md", "json", "jsonl", "csv", "tsv", "warc", "gz",
                    "pdf", "xml"}


class _Refused(Exception):
    """A link the fetch may not reach: ``address`` when it is for where the link points
    (a non-public address, or a name that does not resolve) rather than its scheme."""

    def __init__(self, message: str, *, address: bool = True) -> None:
        super().__init__(message)
        self.address = address


class _Expired(Exception):
    """The fetch's deadline passed (its connections were shut down)."""


class _Unreadable(Exception):
    """A body in a content encoding that is not read, or a corrupt compressed body."""


#: IPv6 prefixes that carry an IPv4 address (NAT64) or are otherwise not routable to the
#: public: refused, or judged by the IPv4 address inside.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_GLOBAL_UNICAST = ipaddress.ip_network("2000::/3")


def _check_address(address: str, host: str) -> None:
    """Raise :class:`_Refused` unless ``address`` is a public one (an IPv6 address that
    carries an IPv4 one — mapped, 6to4, NAT64 — is judged by the IPv4 address)."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(
        address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
        elif ip in _NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        elif ip.teredo is not None or ip in _NAT64_LOCAL or ip not in _GLOBAL_UNICAST:
            raise _Refused(_refusal(host, "reserved", ip))
    if not ip.is_global or ip.is_multicast:
        kind = ("loopback" if ip.is_loopback else "link-local" if ip.is_link_local else
                "private" if ip.is_private else "multicast" if ip.is_multicast else "reserved")
        raise _Refused(_refusal(host, kind, ip))


def _refusal(host: str, kind: str, ip: object) -> str:
    return f"{host} is a {kind} address ({ip}): only public addresses are fetched"


def _lookup(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to, in the resolver's order (no repeats)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _resolve(host: str, port: int) -> list[str]:
    """:func:`_lookup`, cut by the running fetch's deadline: the lookup runs in a thread of
    its own, so a resolver that does not answer cannot hold a fetch past its limit (the
    thread ends when the resolver gives up; nothing waits for it)."""
    deadline = _Deadline.current()
    if deadline is None:
        return _lookup(host, port)
    result: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            result["addresses"] = _lookup(host, port)
        except BaseException as exc:  # noqa: BLE001 - handed to the fetch's thread
            result["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="echoscope-resolve", daemon=True).start()
    if not done.wait(deadline.remaining()):
        raise _Expired
    if "error" in result:
        raise result["error"]
    return list(result["addresses"])


class _Deadline:
    """The whole fetch's time limit (``fetch.deadline_s``): connections opened while it
    runs register with it, and when it passes they are shut down, so a server that
    trickles headers or body a byte at a time cannot hold a fetch past the limit (each
    read's own timeout restarts with every byte)."""

    _local = threading.local()

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._streams: list[_Watched] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        _Deadline._local.current = self
        self._ends = time.monotonic() + self.seconds
        self._timer.start()
        return self

    def remaining(self) -> float:
        """Seconds left before the deadline (0 once it has passed)."""
        return 0.0 if self.expired else max(0.0, self._ends - time.monotonic())

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _Deadline._local.current = None
        with self._lock:
            self._streams.clear()

    @classmethod
    def current(cls) -> _Deadline | None:
        return getattr(cls._local, "current", None)

    def add(self, stream: _Watched) -> None:
        with self._lock:
            self._streams.append(stream)
            late = self.expired
        if late:
            stream.abort()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            streams = list(self._streams)
        for stream in streams:
            stream.abort()


class _Watched(httpcore.NetworkStream):
    """A connection the running fetch's :class:`_Deadline` can shut down."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner
        deadline = _Deadline.current()
        if deadline is not None:
            deadline.add(self)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Watched(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)

    def abort(self) -> None:
        sock = self._inner.get_extra_info("socket")
        with contextlib.suppress(OSError, AttributeError):
            sock.shutdown(socket.SHUT_RDWR)  # wakes a blocked read; a closed one refuses


class _Backend(httpcore.SyncBackend):
    """Opens connections for a fetch to addresses it resolved itself, within the fetch's
    deadline (:func:`_resolve`), trying each in turn; with ``public_only``, every address
    the name resolves to must be public (else :class:`_Refused`) and the connection goes
    to a checked one (the name is resolved once, so it cannot resolve to another address
    between the check and the connection). Connections are watched by the deadline."""

    def __init__(self, public_only: bool) -> None:
        self.public_only = public_only

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        try:
            addresses = _resolve(host, port)
        except (socket.gaierror, UnicodeError) as exc:
            reason = (f"cannot resolve the host name {host!r}: "
                      f"{getattr(exc, 'strerror', None) or exc}")
            if self.public_only:
                raise _Refused(reason) from None
            raise httpcore.ConnectError(reason) from None  # may pass another time
        if self.public_only:
            for address in addresses:
                _check_address(address, host)
        deadline = _Deadline.current()
        failure: Exception | None = None
        for address in addresses:
            wait = timeout
            if deadline is not None:  # connecting is inside the deadline too
                left = deadline.remaining()
                if left <= 0:
                    raise _Expired
                wait = left if wait is None else min(wait, left)
            try:
                return _Watched(super().connect_tcp(address, port, wait, local_address,
                                                    socket_options))
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # the next address may answer
        raise failure or httpcore.ConnectError(f"{host} resolves to no address")


def fetch(url: str, settings: Settings, *, public_only: bool | None = None,
          client: httpx.Client | None = None) -> Any:
    """Fetch ``url``: a :class:`RawInput` (kind ``html`` or ``text``; ``meta`` holds the
    final URL, the fetch date and what the server said) or an :class:`ErrorRecord`; never
    raises for a bad link or a bad server."""
    from . import RawInput

    cfg = settings.data["fetch"]
    if public_only is None:
        public_only = bool(cfg["public_only"])
    own = client is None
    client = client or new_client(settings, public_only=public_only)
    deadline = _Deadline(float(cfg["deadline_s"]))
    try:
        with deadline:
            return _fetch(url, settings, client, public_only, RawInput)
    except _Refused as exc:
        # A web client learns no more than that the link is not fetched: neither the
        # addresses behind a name nor whether an internal name exists.
        reason = (f"{_host_of(url)} is not a public address: only public addresses are "
                  f"fetched" if public_only and exc.address else str(exc))
        return ErrorRecord(url, FETCH_REFUSED, reason)
    except Exception as exc:  # noqa: BLE001 - one bad link or server never stops a run
        if deadline.expired or isinstance(exc, _Expired):
            return ErrorRecord(url, FETCH_FAILED, f"the transfer took longer than "
                               f"{cfg['deadline_s']:g} s (fetch.deadline_s)")
        if isinstance(exc, httpx.TimeoutException):
            return ErrorRecord(url, FETCH_FAILED, f"timed out (no answer within "
                                                  f"{cfg['timeout_s']:g} s)")
        if isinstance(exc, _Unreadable):
            return ErrorRecord(url, FETCH_FAILED, str(exc))
        if isinstance(exc, httpx.HTTPError) and not isinstance(exc, httpx.InvalidURL):
            return ErrorRecord(url, FETCH_FAILED, _network_reason(exc))
        return ErrorRecord(url, FETCH_FAILED, f"not a valid link, or it cannot be fetched: "
                                              f"{type(exc).__name__}: {exc}")
    finally:
        if own:
            client.close()


def _host_of(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def new_client(settings: Settings, *, public_only: bool = False) -> httpx.Client:
    """An HTTP client with echoscope's User-Agent and timeouts; redirects are followed by
    :func:`fetch` itself. Connections go through :class:`_Backend` (public addresses only
    when ``public_only``; shut down at the fetch's deadline) and are not kept alive (each
    fetch watches the connections it opens). ``public_only`` clients ignore proxy settings
    (a proxy would reach what the address check refuses)."""
    timeout = float(settings.data["fetch"]["timeout_s"])
    transport = httpx.HTTPTransport(trust_env=not public_only)
    transport._pool = httpcore.ConnectionPool(  # noqa: SLF001 - httpx takes no backend
        ssl_context=httpx.create_ssl_context(trust_env=not public_only),
        max_keepalive_connections=0, network_backend=_Backend(public_only))
    return httpx.Client(
        headers={"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate",
                 "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8,*/*;q=0.1"},
        timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=not public_only,
        transport=transport,
    )


def _fetch(url: str, settings: Settings, client: httpx.Client, public_only: bool,
           raw_input: Any) -> Any:
    cfg = settings.data["fetch"]
    limit = settings.max_bytes
    current = url
    hops: list[str] = []
    for _ in range(int(cfg["max_redirects"]) + 1):
        parts = urlsplit(current)
        if parts.scheme.lower() not in ("http", "https"):
            raise _Refused(f"only http and https links are fetched, not "
                           f"{parts.scheme or 'a link without a scheme'}:", address=False)
        if not parts.hostname:
            return ErrorRecord(url, FETCH_FAILED, f"not a valid link: {current}")
        with client.stream("GET", current) as resp:
            if public_only:
                _check_peer(resp, parts.hostname)
            if 300 <= resp.status_code < 400:
                if resp.status_code in _REDIRECTS and resp.headers.get("location"):
                    hops.append(current)
                    current = str(resp.url.join(resp.headers["location"]))
                    continue
                return ErrorRecord(url, HTTP_STATUS, " ".join(
                    ["the server answered HTTP", str(resp.status_code),
                     *filter(None, [resp.reason_phrase]), "without a page to read"]))
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
            body = _read_body(resp, limit)
            if body is None:
                return ErrorRecord(url, TOO_LARGE, f"more than the limit of {limit:,} "
                                   f"bytes (input.max_bytes)")
            watch = _Deadline.current()
            if watch is not None and watch.expired:
                # A body without a length ends where its connection was shut down: cut.
                raise _Expired
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


def _read_body(resp: httpx.Response, limit: int) -> bytearray | None:
    """The body, decompressed here (gzip or deflate) with the output capped at ``limit``
    bytes, so a small compressed body cannot expand in memory first; None when it is
    larger than ``limit``."""
    codings = [c.strip().lower() for c in resp.headers.get("content-encoding", "").split(",")
               if c.strip() and c.strip().lower() != "identity"]
    if len(codings) > 1:
        raise _Unreadable(f"the body is compressed more than once "
                          f"({', '.join(codings)}): not read")
    decoder = None
    if codings:
        if codings[0] in ("gzip", "x-gzip"):
            decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif codings[0] == "deflate":
            decoder = zlib.decompressobj()
        else:
            raise _Unreadable(f"the body's content encoding {codings[0]!r} is not read "
                              f"(gzip and deflate are)")
    body = bytearray()
    try:
        for chunk in resp.iter_raw():
            if decoder is None:
                body += chunk
            else:
                data = chunk
                while data and len(body) <= limit:
                    body += decoder.decompress(data, limit + 1 - len(body))
                    data = decoder.unconsumed_tail
            if len(body) > limit:
                return None
        if decoder is not None:
            body += decoder.flush(64 * 1024)
    except zlib.error as exc:
        raise _Unreadable(f"the compressed body is corrupt: {exc}") from None
    return None if len(body) > limit else body


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
    if low.startswith("cannot resolve the host name"):
        return text
    if "name or service not known" in low or "nodename" in low \
            or "temporary failure in name resolution" in low:
        return f"cannot resolve the host name: {text}"
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
