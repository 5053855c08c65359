"""The emulator's requests to an application: signed, loopback only, recorded, off the request thread.

Every webhook the platform would send — a call's documents, status and recording callbacks, a message's or
a fax's status callback, the fax's media — goes through :meth:`CallbackRunner.send`: requests carry
``X-SignalWire-Signature`` or ``X-Twilio-Signature`` (HMAC-SHA1 of URL + sorted POST parameters with the
project's signing key — the token unless one is set, and always on Twilio —, computed by
:mod:`migrate.emulator._signature`) so the application's own signature check runs, and a
document answer is validated with :mod:`laml`.

Only loopback URLs (127.0.0.1, ::1, localhost) are ever requested, without proxies; any other URL is recorded
as skipped. Work runs on background threads (the application may be the process still waiting for the
create's answer); each request is recorded in :attr:`CallbackRunner.entries` and on its resource
(``_callbacks``), and :meth:`CallbackRunner.wait` lets a test wait until nothing is left running.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests

import laml
from migrate.emulator import _signature
from migrate.emulator._state import EmulatedAccount, State

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
TIMEOUT = 5.0
#: The spec's error codes for a document that could not be used (its "Error codes" table).
HTTP_RETRIEVAL_FAILURE = 11200
DOCUMENT_PARSE_FAILURE = 12100
#: Kinds of request whose answer is a document to validate (and follow).
DOCUMENT_KINDS = frozenset({"voice_url", "sms_url", "fallback_url", "redirect", "url_update", "dequeue_url"})
MAX_BODY = 64 * 1024  # the platform's document limit; more is not kept


@dataclass
class Callback:
    """One request the emulator made (or refused to make) to an application.

    ``kind`` says why: ``voice_url`` (a call's first document), ``sms_url`` (an incoming message's),
    ``fallback_url``, ``redirect`` (a
    ``<Redirect>``), ``url_update`` (Update a Call's ``Url``), ``dequeue_url`` (a dequeued caller's
    document), ``status_callback``, ``recording_status_callback``, ``fax_media`` (a sent fax's
    ``MediaUrl``). ``outcome`` is ``ok``, ``invalid-document``, ``http-error``, ``unreachable`` or
    ``skipped`` (not loopback); ``error_code`` is the spec's code for a failed document (11200, 12100).
    """

    account_sid: str
    resource: str
    sid: str
    kind: str
    url: str
    method: str
    params: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)
    status: int | None = None
    outcome: str = "pending"
    diagnostics: list[str] = field(default_factory=list)
    error: str | None = None
    error_code: int | None = None
    body: bytes = field(default=b"", repr=False)

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def as_json(self) -> dict[str, Any]:
        """The entry for the HTTP inspection API (the body as text)."""
        entry = asdict(self)
        entry["body"] = self.body.decode("utf-8", "replace")
        return entry


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in LOOPBACK_HOSTS


def method_of(value: str | None) -> str:
    """``GET`` or ``POST`` (the documented default) from a ``*Method`` parameter or attribute."""
    upper = (value or "").upper()
    return upper if upper in ("GET", "POST") else "POST"


def events_of(values: list[str] | str | None, default: str) -> frozenset[str]:
    """Requested callback events: repeated parameters, or one value separated by spaces or commas.

    The spec says both: ``StatusCallbackEvent`` is repeated, ``RecordingStatusCallbackEvent`` is
    "separate with a space" while its own example sends ``completed,in-progress``.
    """
    raw = [values] if isinstance(values, str) else list(values or [])
    found = {part for value in raw for part in re.split(r"[\s,]+", value) if part}
    return frozenset(found or {default})


class CallbackRunner:
    """Sends and records the webhooks; runs work on daemon threads a test can wait for."""

    def __init__(self, state: State) -> None:
        self.state = state
        self._lock = threading.Lock()
        self._entries: list[Callback] = []
        self._threads: list[threading.Thread] = []
        self._last: dict[str, threading.Thread] = {}

    @property
    def entries(self) -> list[Callback]:
        with self._lock:
            return list(self._entries)

    def wait(self, timeout: float = 10.0) -> list[Callback]:
        """Wait until no started work is running (including work it started); the entries so far."""
        waited: set[threading.Thread] = set()
        while True:
            with self._lock:
                pending = [t for t in self._threads if t not in waited]
            if not pending:
                return self.entries
            for thread in pending:
                thread.join(timeout)
                waited.add(thread)

    def start(self, key: str, work: Callable[..., None], *args: Any) -> None:
        """Run ``work(*args)`` on a daemon thread, after the work started earlier for the same *key*.

        The key is the call, recording, message or fax the work is about: its webhooks leave in order.
        """
        with self._lock:
            before = self._last.get(key)
            thread = threading.Thread(
                target=self._after, args=(before, work, args), name="emulator-callbacks", daemon=True
            )
            self._last[key] = thread
            self._threads.append(thread)
        thread.start()

    @staticmethod
    def _after(before: threading.Thread | None, work: Callable[..., None], args: tuple[Any, ...]) -> None:
        if before is not None:
            before.join()
        work(*args)

    # -- one request -----------------------------------------------------------------------------------

    def send(
        self,
        account: EmulatedAccount,
        resource: str,
        sid: str,
        kind: str,
        url: str,
        method: str,
        params: dict[str, str],
    ) -> Callback:
        """Request *url* as the platform would, record it, and say how it went."""
        method = method_of(method)
        entry = Callback(account.sid, resource, sid, kind, url, method, params)
        self._record(account, entry)
        if not is_loopback(url):
            entry.outcome, entry.error = "skipped", "not a loopback URL: the emulator never requests it"
            return entry
        query = urlencode(params) if method == "GET" else ""
        target = f"{url}{'&' if '?' in url else '?'}{query}" if query else url
        twilio = self.state.dialect.name == "twilio"
        key = account.token if twilio or not account.signing_key else account.signing_key
        signed = _signature.compute(key, target, params.items() if method == "POST" else ())
        header = "X-Twilio-Signature" if twilio else "X-SignalWire-Signature"
        entry.headers = {header: signed}
        try:
            with requests.Session() as session:
                session.trust_env = False  # no proxy: loopback stays loopback
                response = session.request(
                    method,
                    target,
                    data=params if method == "POST" else None,
                    headers=entry.headers,
                    timeout=TIMEOUT,
                    allow_redirects=False,
                )
                entry.body = response.content[:MAX_BODY]
        except requests.RequestException as error:
            entry.outcome, entry.error = "unreachable", type(error).__name__
            entry.error_code = HTTP_RETRIEVAL_FAILURE
            return entry
        entry.status = response.status_code
        if not 200 <= response.status_code < 300:
            entry.outcome, entry.error_code = "http-error", HTTP_RETRIEVAL_FAILURE
            return entry
        entry.outcome = "ok"
        if kind in DOCUMENT_KINDS:
            self._validate(entry)
        return entry

    def _validate(self, entry: Callback) -> None:
        twilio = self.state.dialect.name == "twilio"
        found = laml.validate(entry.body, dialect="twiml" if twilio else "laml", path=entry.url)
        entry.diagnostics = [f"{d.line}:{d.col}: {d.code} {d.message}" for d in found]
        if any(d.severity is laml.Severity.ERROR for d in found):
            entry.outcome, entry.error_code = "invalid-document", DOCUMENT_PARSE_FAILURE

    def _record(self, account: EmulatedAccount, entry: Callback) -> None:
        with self._lock:
            self._entries.append(entry)
        with self.state.lock:
            stored = account.resources[entry.resource].get(entry.sid)
            if stored is not None:
                stored.setdefault("_callbacks", []).append(entry)

    def update(self, account: EmulatedAccount, resource: str, sid: str, **fields: Any) -> None:
        """Change a stored record (if it still exists) under the state's lock."""
        with self.state.lock:
            stored = account.resources[resource].get(sid)
            if stored is not None:
                stored.update(fields)
                stored["date_updated"] = self.state.now(resource)

    def media_url(self, account: EmulatedAccount, path: str) -> str:
        """A platform URL for *path* under the account (recordings, fax media), on the project's space."""
        return f"https://{self.state.space}{self.state.dialect.prefix}/Accounts/{account.sid}/{path}"

    # -- messages and faxes ----------------------------------------------------------------------------

    def message_created(self, account: EmulatedAccount, record: dict[str, Any]) -> None:
        if record.get("_status_callback"):
            self.start(record["sid"], self._run_message, account, record)

    def _run_message(self, account: EmulatedAccount, record: dict[str, Any]) -> None:
        """Delivered, as the callback tells a loopback app; otherwise the message stays as it was sent."""
        if is_loopback(record["_status_callback"]):
            self.update(account, "Messages", record["sid"], status="delivered")
        params = {
            "MessageSid": record["sid"],
            "SmsSid": record["sid"],
            "AccountSid": account.sid,
            "From": record.get("from") or "",
            "To": record.get("to") or "",
            "MessageStatus": "delivered",
            "SmsStatus": "delivered",
            "ApiVersion": "2010-04-01",
        }
        url = record["_status_callback"]
        self.send(account, "Messages", record["sid"], "status_callback", url, "POST", params)

    def fax_created(self, account: EmulatedAccount, record: dict[str, Any]) -> None:
        self.start(record["sid"], self._run_fax, account, record)

    def _run_fax(self, account: EmulatedAccount, record: dict[str, Any]) -> None:
        """Fetch the fax's document (loopback only), settle its status, post the ``StatusCallback``.

        A document the emulator may not fetch counts as sent (nothing can be known about it); one it
        fetched and could not get fails the fax with the spec's 11200 "HTTP retrieval failure".
        """
        sid, original = record["sid"], record.get("media_url") or ""
        fetched = self.send(account, "Faxes", sid, "fax_media", original, "GET", {})
        failed = fetched.outcome not in ("ok", "skipped")
        pages = max(1, len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", fetched.body))) if fetched.ok else None
        status = "failed" if failed else "delivered"
        fields: dict[str, Any] = {"status": status, "num_pages": None if pages is None else str(pages)}
        self.update(account, "Faxes", sid, **fields)
        callback = record.get("_status_callback")
        if not callback:
            return
        media_sid = record.get("media_sid") or ""
        params = {
            "FaxSid": sid,
            "AccountSid": account.sid,
            "From": record.get("from") or "",
            "To": record.get("to") or "",
            "ApiVersion": "v1",
            "FaxStatus": status,
            "OriginalMediaUrl": original,
            "MediaSid": media_sid,
            "MediaUrl": self.media_url(account, f"Faxes/{sid}/Media/{media_sid}"),
        }
        if pages is not None:
            params["NumPages"] = str(pages)
        if failed:
            params["ErrorCode"] = str(HTTP_RETRIEVAL_FAILURE)
            params["ErrorMessage"] = f"HTTP retrieval failure: {fetched.error or fetched.status}"
        self.send(account, "Faxes", sid, "status_callback", callback, "POST", params)
