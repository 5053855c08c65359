"""An overall deadline for one HTTP exchange, which per-read timeouts cannot give.

``requests`` timeouts apply to each socket read, so a server sending one byte every few seconds never trips
them. Here each exchange runs under a timer; when it fires, the socket of the connection carrying the
exchange is shut down, which ends any blocked read at once (headers or body alike). The connection is found
through connection classes that register themselves with the exchange of the calling thread when a request
is sent on them, so a pooled, reused connection is covered too.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_CURRENT = threading.local()


class Exchange:
    """One request/response under a deadline; :attr:`expired` says whether the timer ended it."""

    def __init__(self) -> None:
        self.expired = False
        self._finished = False
        self._connection: HTTPConnection | None = None
        self._lock = threading.Lock()

    def attach(self, connection: HTTPConnection) -> None:
        """Called by the connection the request is sent on."""
        with self._lock:
            self._connection = connection

    def expire(self) -> None:
        """The timer's action: cut the connection unless the exchange has already finished."""
        with self._lock:
            if self._finished:
                return
            self.expired = True
            sock = self._connection.sock if self._connection is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def finish(self) -> None:
        with self._lock:
            self._finished = True


def _register(connection: HTTPConnection) -> None:
    exchange = getattr(_CURRENT, "exchange", None)
    if exchange is not None:
        exchange.attach(connection)


class _HTTPConnection(HTTPConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _register(self)
        super().request(*args, **kwargs)


class _HTTPSConnection(HTTPSConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _register(self)
        super().request(*args, **kwargs)


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """``HTTPAdapter`` whose connections can be cut by :func:`deadline` (proxied ones are not: they are
    still bounded by the per-read timeout and the body-size cap)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[Exchange]:
    """Run the block (one exchange on this thread) for at most *seconds*; then its connection is cut."""
    exchange = Exchange()
    _CURRENT.exchange = exchange
    timer = threading.Timer(seconds, exchange.expire)
    timer.daemon = True
    timer.start()
    try:
        yield exchange
    finally:
        exchange.finish()
        timer.cancel()
        _CURRENT.exchange = None
