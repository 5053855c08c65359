"""The emulator's own HTTP paths, for tests that run ``sw-migrate emulate`` as a separate process.

Under ``/_emulator/Accounts/{AccountSid}/`` (Basic auth of that account, like the API), outside every
path the spec defines:

- ``GET Callbacks.json`` — the requests the emulator made to the account's application, oldest first:
  ``{"callbacks": [{"resource", "sid", "kind", "url", "method", "params", "headers", "status",
  "outcome", "diagnostics", "error", "error_code", "body"}, …]}``; ``?Sid=`` and ``?Kind=`` filter,
  ``?Wait=true`` first waits (up to 10 s) for the work still running.
- ``GET Requests.json`` — the API requests the account made to the emulator, oldest first:
  ``{"requests": [{"method", "path", "query", "form", "headers", "status", "outcome"}, …]}`` (never the
  ``Authorization`` header; these ``/_emulator/`` paths are not logged).
- ``POST IncomingCalls.json`` with ``To`` (a number of the account) and ``From`` — a call comes in to
  that number and runs its (application's) voice settings; 201 with the call, 404 for another number.
- ``POST IncomingMessages.json`` with ``To``, ``From``, ``Body`` and ``MediaUrl`` (repeatable) — the same
  for a message and the number's SMS settings; 201 with the message.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request

from migrate.emulator._handlers import Handlers
from migrate.emulator._state import ApiFailure, EmulatedAccount
from migrate.emulator._validate import GENERIC_CODE

if TYPE_CHECKING:
    from migrate.emulator._app import RequestLog

PREFIX = "/_emulator/"
PATH = re.compile(
    r"^/_emulator/Accounts/(?P<account>[^/]+)/(?P<what>Callbacks|Requests|IncomingCalls|IncomingMessages)(\.json)?$"
)
WAIT_SECONDS = 10.0


def handle(
    handlers: Handlers, log: RequestLog, request: Request, account: EmulatedAccount
) -> tuple[int, Any]:
    """Answer one ``/_emulator/…`` request for the authenticated *account*; raises :class:`ApiFailure`."""
    match = PATH.match(request.path)
    if match is None or match["account"] != account.sid:
        raise handlers.not_found(request.path)
    what = match["what"]
    if request.method != ("POST" if what.startswith("Incoming") else "GET"):
        error = handlers.dialect.error(405, 20004, f"Method not allowed: {request.method}")
        raise ApiFailure(405, error)
    if what == "Requests":
        return 200, {"requests": _requests(log, account)}
    if what == "Callbacks":
        return 200, {"callbacks": _callbacks(handlers, request, account)}
    return 201, _incoming(handlers, request, account, what)


def _requests(log: RequestLog, account: EmulatedAccount) -> list[dict[str, Any]]:
    kept = ("method", "path", "query", "form", "headers", "status", "outcome")
    return [{name: getattr(e, name) for name in kept} for e in log.entries() if e.account == account.sid]


def _callbacks(handlers: Handlers, request: Request, account: EmulatedAccount) -> list[dict[str, Any]]:
    runner = handlers.callbacks
    waiting = request.args.get("Wait", "").lower() == "true"
    entries = runner.wait(WAIT_SECONDS) if waiting else runner.entries
    filters = (("sid", "Sid"), ("kind", "Kind"))
    wanted = {key: request.args[name] for key, name in filters if name in request.args}
    return [
        entry.as_json()
        for entry in entries
        if entry.account_sid == account.sid and all(getattr(entry, k) == v for k, v in wanted.items())
    ]


def _incoming(handlers: Handlers, request: Request, account: EmulatedAccount, what: str) -> dict[str, Any]:
    to, caller = request.form.get("To", ""), request.form.get("From", "")
    if not to or not caller:
        raise handlers.invalid(GENERIC_CODE, "To and From are required", "To" if not to else "From")
    try:
        if what == "IncomingCalls":
            return handlers.voice.incoming(account, to, caller)
        media = [url for url in request.form.getlist("MediaUrl") if url]
        return handlers.messaging.incoming(account, to, caller, request.form.get("Body", ""), media)
    except LookupError as error:
        raise handlers.not_found(str(error)) from None
