"""The HTTP face of the emulator: paths, Basic auth, routing, fault injection and the request log."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.wrappers import Request, Response

from migrate.emulator import _hooks, _hooks_voice, _inspect, _signature, _validate
from migrate.emulator._faults import Fault, FaultPlan
from migrate.emulator._handlers import Handlers
from migrate.emulator._handlers import Request as ApiRequest
from migrate.emulator._state import ApiFailure, EmulatedAccount, State

HOOK_MODULES = (_hooks, _hooks_voice)  # imported for their registrations

WRITE_METHODS = frozenset({"POST", "PUT", "DELETE"})
FAULT_MESSAGES = {
    429: (20429, "Too Many Requests"),
    500: (20500, "Internal Server Error"),
    502: (20502, "Bad Gateway"),
    503: (20503, "Service Unavailable"),
    504: (20504, "Gateway Timeout"),
}


@dataclass
class LoggedRequest:
    """What a test may assert on: never the Authorization header."""

    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)
    account: str | None = None
    status: int | None = None
    outcome: str = "ok"  # ok | fault | dropped | lost
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def is_write(self) -> bool:
        return self.method in WRITE_METHODS


class RequestLog:
    """Every request the emulator received, in arrival order."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[LoggedRequest] = []

    def add(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class Dropped(ConnectionAbortedError):
    """Raised after closing the socket; werkzeug treats it as a dropped connection and stays quiet."""


def drop_connection(environ: dict[str, Any]) -> None:
    sock: socket.socket = environ["werkzeug.socket"]
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    raise Dropped


class EmulatorApp:
    """A WSGI application over a :class:`State`."""

    def __init__(self, state: State, faults: FaultPlan, log: RequestLog) -> None:
        self.state = state
        self.handlers = Handlers(state)
        self.faults = faults
        self.log = log

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        if request.path.startswith(_inspect.PREFIX):  # the emulator's own paths: not logged, no faults
            return self._inspect(request)(environ, start_response)
        entry = LoggedRequest(
            method=request.method,
            path=request.path,
            query=dict(request.args.items()),
            form=dict(request.form.items()),
            headers={k: v for k, v in request.headers.items() if k.lower() != "authorization"},
        )
        caller = self._authenticate(request)  # known even when a fault answers instead of the API
        entry.account = caller.sid if caller is not None else None
        self.log.add(entry)
        if self.faults.latency:
            time.sleep(self.faults.latency)
        fault = self.faults.match(request.method, request.path)
        if fault is not None and fault.drop:
            entry.outcome, entry.finished = "dropped", time.monotonic()
            drop_connection(environ)
        response = self._fault_response(fault) if fault and fault.status else self._handle(request, entry)
        entry.status, entry.finished = response.status_code, time.monotonic()
        if fault is not None:
            entry.outcome = "fault" if fault.status else "lost"
            if fault.lose_response:  # handled (status recorded), but the client never hears of it
                drop_connection(environ)
        return response(environ, start_response)

    def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
        response = Response(
            json.dumps(body) if body is not None else b"",
            status=status,
            content_type="application/json; charset=utf-8",
        )
        response.headers[self.state.dialect.request_id_header] = self.state.dialect.request_id()
        for name, value in (headers or {}).items():
            response.headers[name] = value
        return response

    def _fault_response(self, fault: Fault) -> Response:
        assert fault.status is not None
        code, message = FAULT_MESSAGES.get(fault.status, (fault.status * 100, "Injected failure"))
        headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
        if isinstance(fault.body, str):  # e.g. an HTML page from a proxy
            return Response(fault.body, status=fault.status, headers=headers, content_type="text/html")
        body = fault.body if fault.body is not None else self.state.dialect.error(fault.status, code, message)
        return self._json(fault.status, body, headers)

    def _handle(self, request: Request, entry: LoggedRequest) -> Response:
        dialect = self.state.dialect
        path = request.path
        if dialect.name == "twilio" and path.startswith("/twiml/EH"):
            return self._twiml_bin(request, entry)
        prefix = next((p for p in dialect.prefixes if path.startswith(p + "/")), None)
        if prefix is None:
            return self._json(404, dialect.error(404, 20404, f"The requested resource {path} was not found"))
        account = self._authenticate(request)
        if account is None:
            return self._unauthorized()
        entry.account = account.sid
        try:
            return self._dispatch(request, dialect.prefix + path[len(prefix) :], account)
        except ApiFailure as failure:
            return self._json(failure.status, failure.body, failure.headers)

    def _unauthorized(self) -> Response:
        return self._json(
            401,
            self.state.dialect.error(401, 20003, "Authenticate"),
            {"WWW-Authenticate": 'Basic realm="Compatibility API"'},
        )

    def _inspect(self, request: Request) -> Response:
        """``/_emulator/…`` (:mod:`migrate.emulator._inspect`), with the same Basic auth as the API."""
        account = self._authenticate(request)
        if account is None:
            return self._unauthorized()
        try:
            return self._json(*_inspect.handle(self.handlers, self.log, request, account))
        except ApiFailure as failure:
            return self._json(failure.status, failure.body, failure.headers)

    def _twiml_bin(self, request: Request, entry: LoggedRequest) -> Response:
        """``handler.twilio.com/twiml/EH…``: the XML, to a GET signed with the owning account's token."""
        sid = request.path.rsplit("/", 1)[1]
        owner = next((a for a in self.state.accounts.values() if sid in a.twiml_bins), None)
        if owner is None:
            return self._json(404, self.state.dialect.error(404, 20404, f"TwiML Bin {sid} was not found"))
        signature = request.headers.get("X-Twilio-Signature", "")
        # Like handler.twilio.com: "Not Authorized" unless ?AccountSid= names the owner and signs along.
        if request.args.get("AccountSid") != owner.sid:
            return self._json(403, self.state.dialect.error(403, 20003, "Not Authorized"))
        if not _signature.valid(owner.token, request.url, signature):
            return self._json(403, self.state.dialect.error(403, 20003, "Invalid X-Twilio-Signature"))
        entry.account = owner.sid
        response = Response(owner.twiml_bins[sid], content_type="text/xml; charset=utf-8")
        response.headers[self.state.dialect.request_id_header] = self.state.dialect.request_id()
        return response

    def _authenticate(self, request: Request) -> EmulatedAccount | None:
        auth = request.authorization
        if auth is None or auth.type != "basic":
            return None
        account = self.state.accounts.get(auth.username or "")
        if account is None or auth.password != account.token:
            return None
        return account

    def _dispatch(self, request: Request, path: str, account: EmulatedAccount) -> Response:
        """Find the contract's operation, check the request against it, perform it."""
        dialect = self.state.dialect
        contract = self.state.contract
        method = request.method  # LaML Bins' update also answers PUT: the contract's ``also_methods``
        found = contract.match(method, path)
        if found is None:
            if any(
                contract.match(other, path) for other in ("GET", "POST", "PUT", "DELETE") if other != method
            ):
                raise ApiFailure(405, dialect.error(405, 20004, f"Method not allowed: {request.method}"))
            raise ApiFailure(
                404, dialect.error(404, 20404, f"The requested resource {request.path} was not found")
            )
        operation, _, params = found
        # Another account's resources do not exist for these credentials: 404, not 403.
        if params.get("AccountSid", account.sid) != account.sid:
            raise ApiFailure(
                404, dialect.error(404, 20404, f"The requested resource {request.path} was not found")
            )
        form = {name: request.form.getlist(name) for name in request.form}
        query = {name: request.args.getlist(name) for name in request.args}
        values = query if operation.method == "GET" else form
        _validate.check(operation, dialect, values)
        api_request = ApiRequest(operation, account, params, dict(request.args.items()), form)
        status, body = self.handlers.perform(api_request)
        return self._json(status, body)
