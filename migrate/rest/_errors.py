"""One exception type for every failed API call, and the parser for every error body shape we know.

Callers need the same facts whatever went wrong (which call, which resource, what the API said), so there is
one type; the only distinction that changes what a caller must do next — "a create may or may not have
happened" — is a subclass, :class:`CreateOutcomeUnknown`.
"""

from __future__ import annotations

import json
from typing import Any

from migrate import contract
from migrate.contract import ErrorCode

#: Response headers that carry a request id, in order of preference (Twilio's, then the generic one).
REQUEST_ID_HEADERS = ("Twilio-Request-Id", "X-Request-Id", "Request-Id")


class ApiError(Exception):
    """A request that failed: HTTP error, unusable response, or no response at all (``status=None``)."""

    def __init__(
        self,
        *,
        method: str,
        resource: str,
        message: str,
        sid: str | None = None,
        status: int | None = None,
        code: int | str | None = None,
        more_info: str | None = None,
        request_id: str | None = None,
    ) -> None:
        self.method = method
        self.resource = resource
        self.sid = sid
        self.status = status
        self.code = code
        self.message = message
        self.more_info = more_info
        self.request_id = request_id
        super().__init__(str(self))

    def __str__(self) -> str:
        target = f"{self.resource}/{self.sid}" if self.sid else self.resource
        parts = [f"{self.method} {target}:"]
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.code is not None:
            parts.append(f"code {self.code}")
        parts.append(self.message)
        meaning = self.meaning
        if meaning is not None and meaning.message.lower() not in self.message.lower():
            parts.append(f'(code {meaning.code} means "{meaning.message}")')
        if self.more_info:
            parts.append(f"({self.more_info})")
        if self.request_id:
            parts.append(f"[request {self.request_id}]")
        return " ".join(parts)

    @property
    def meaning(self) -> ErrorCode | None:
        """The spec's error-table row for :attr:`code` (type and message), if it lists the code."""
        return contract.error_code(self.code) if isinstance(self.code, int) else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape used in reports (the constructor's keywords)."""
        return {
            "method": self.method,
            "resource": self.resource,
            "sid": self.sid,
            "status": self.status,
            "code": self.code,
            "message": self.message,
            "more_info": self.more_info,
            "request_id": self.request_id,
        }


class CreateOutcomeUnknown(ApiError):
    """A create whose result is unknown (5xx, timeout or dropped connection after sending).

    Retrying blindly could make a duplicate; the caller must re-list by natural key first.
    """


def _code(value: object) -> int | str | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    text = str(value)
    return int(text) if text.isdigit() else text


def parse_error_body(body: bytes, fallback: str) -> tuple[int | str | None, str, str | None]:
    """``(code, message, more_info)`` from any documented error body; *fallback* when nothing usable.

    Shapes: Twilio ``{code, message, more_info, status}``; SignalWire ``{errors: [{code, message,
    more_info}]}`` and ``{errors: ["..."]}``; anything else (HTML from a proxy, empty) keeps a short excerpt.
    """
    try:
        payload = json.loads(body)
    except ValueError:
        excerpt = " ".join(body.decode("utf-8", "replace").split())[:200]
        return None, excerpt or fallback, None
    if not isinstance(payload, dict):
        return None, fallback, None
    errors = payload.get("errors")
    if isinstance(errors, list) and errors:
        details = [e for e in errors if isinstance(e, dict)]
        messages = [str(e.get("message", "")) if isinstance(e, dict) else str(e) for e in errors]
        first = details[0] if details else {}
        more_info = first.get("more_info")
        return (
            _code(first.get("code")),
            "; ".join(m for m in messages if m) or fallback,
            str(more_info) if more_info else None,
        )
    message = payload.get("message")
    more_info = payload.get("more_info")
    return (
        _code(payload.get("code")),
        str(message) if message else fallback,
        str(more_info) if more_info else None,
    )
