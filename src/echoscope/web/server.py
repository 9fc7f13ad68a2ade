"""How uvicorn runs the app: the h11 protocol with a header timeout, and its limits.

uvicorn closes an idle keep-alive connection after ``timeout_keep_alive``, but a client
that opens a connection and never finishes sending a request (or trickles its headers,
"slowloris") is held forever. :class:`HeaderTimeoutProtocol` gives every request
``header_timeout`` seconds from the connection (or the previous response) to the end of
its headers, then closes the connection.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol


class HeaderTimeoutProtocol(H11Protocol):
    header_timeout: float = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._done_cycle: Any = None
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _too_slow(self) -> None:
        self._header_timer = None
        if self.cycle is not None and self.cycle is not self._done_cycle:
            return  # a request is in progress: its headers arrived
        if not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.cycle is not None and self.cycle is not self._done_cycle:
            self._disarm()  # the headers of a new request are complete

    def on_response_complete(self) -> None:
        self._done_cycle = self.cycle
        super().on_response_complete()
        self._arm()  # the next request on this connection gets its own allowance

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def uvicorn_config(app: Any, *, host: str, port: int, settings: Any) -> Any:
    """The uvicorn configuration ``echoscope serve`` runs with (tests use it too)."""
    import uvicorn

    serve = settings.data["serve"]
    protocol = type("EchoscopeH11", (HeaderTimeoutProtocol,),
                    {"header_timeout": float(serve["header_timeout_s"])})
    return uvicorn.Config(app, host=host, port=port, log_level="warning", server_header=False,
                          http=protocol, timeout_keep_alive=5,
                          limit_concurrency=int(serve["max_connections"]),
                          h11_max_incomplete_event_size=64 * 1024)
