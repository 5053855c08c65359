"""Say where and why a request got no response: host, then refused / DNS / TLS / timeout, in one line.

requests wraps the cause several levels deep (``ConnectionError`` → urllib3 ``MaxRetryError`` → the
socket error); the user needs the innermost fact and the host, not the wrapper's class name.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator

import requests
from urllib3.exceptions import NameResolutionError


def _causes(error: BaseException) -> Iterator[BaseException]:
    """*error* and everything it wraps: ``args[0]``, ``reason``, ``__cause__`` and ``__context__``."""
    seen: set[int] = set()
    pending: list[object] = [error]
    while pending:
        item = pending.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        pending += [getattr(item, "reason", None), item.__cause__, item.__context__, *item.args[:1]]


def describe(error: requests.RequestException, host: str, timeouts: tuple[float, float]) -> tuple[str, bool]:
    """``(message, retryable)`` for a request that got no usable response from *host*.

    A DNS failure and a certificate that does not verify will not fix themselves within a retry's wait,
    so they are reported at once; refusals, resets and timeouts may be a restart and are retried.
    """
    causes = list(_causes(error))
    if any(isinstance(cause, (NameResolutionError, socket.gaierror)) for cause in causes):
        return f"cannot resolve host {host} (DNS lookup failed)", False
    verify = next((c for c in causes if isinstance(c, ssl.SSLCertVerificationError)), None)
    if verify is not None:
        reason = verify.verify_message or "certificate verify failed"
        return f"TLS certificate of {host} does not verify: {reason}", False
    if isinstance(error, requests.exceptions.SSLError):
        return f"TLS handshake with {host} failed", False
    if isinstance(error, requests.ConnectTimeout):
        return f"timed out connecting to {host} (after {timeouts[0]:g} s)", True
    if isinstance(error, requests.ReadTimeout):
        return f"{host} sent nothing for {timeouts[1]:g} s (read timeout)", True
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return f"connection refused by {host}", True
    if any(isinstance(cause, ConnectionResetError) for cause in causes):
        return f"connection reset by {host}", True
    return f"connection to {host} lost before a complete response ({type(error).__name__})", True
