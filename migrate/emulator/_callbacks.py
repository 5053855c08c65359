"""What the platform does after a Call or Message is created: request the app's URLs, as signed webhooks.

A created call fetches its ``Url`` (or its application's ``voice_url``) with the documented request
parameters, validates the returned document with :mod:`laml`, then posts its ``StatusCallback``; a created
message posts its ``StatusCallback``. Requests carry ``X-SignalWire-Signature`` or ``X-Twilio-Signature``
(HMAC-SHA1 of URL + sorted parameters with the project's token) so the app's own signature check runs.

Only loopback URLs (127.0.0.1, ::1, localhost) are ever requested, without proxies; any other URL is
recorded as skipped. Everything runs on a background thread (the app may be the process that is still
waiting for the create's answer); each request is recorded in :attr:`CallbackRunner.entries` and on the
resource (``_callbacks``), and :meth:`CallbackRunner.wait` lets a test wait for them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests

import laml
from migrate.emulator import _signature
from migrate.emulator._state import EmulatedAccount, State

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
TIMEOUT = 5.0


@dataclass
class Callback:
    """One request the emulator made (or refused to make) to an application."""

    resource: str
    sid: str
    kind: str  #: ``voice_url`` or ``status_callback``
    url: str
    method: str
    params: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)
    status: int | None = None
    outcome: str = "pending"  #: ok, invalid-document, http-error, unreachable, skipped
    diagnostics: list[str] = field(default_factory=list)
    error: str | None = None


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in LOOPBACK_HOSTS


class CallbackRunner:
    """Runs the callbacks of created calls and messages, one background thread per resource."""

    def __init__(self, state: State) -> None:
        self.state = state
        self._lock = threading.Lock()
        self._entries: list[Callback] = []
        self._threads: list[threading.Thread] = []

    @property
    def entries(self) -> list[Callback]:
        with self._lock:
            return list(self._entries)

    def wait(self, timeout: float = 10.0) -> list[Callback]:
        """Wait for every started callback thread (up to *timeout* seconds each); the entries so far."""
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)
        return self.entries

    def call_created(self, account: EmulatedAccount, record: dict[str, Any]) -> None:
        self._start(self._run_call, account, record)

    def message_created(self, account: EmulatedAccount, record: dict[str, Any]) -> None:
        if record.get("_status_callback"):
            self._start(self._run_message, account, record)

    def _start(self, target: Any, account: EmulatedAccount, record: dict[str, Any]) -> None:
        thread = threading.Thread(
            target=target, args=(account, record), name="emulator-callbacks", daemon=True
        )
        with self._lock:
            self._threads.append(thread)
        thread.start()

    # -- calls and messages ----------------------------------------------------------------------------

    def _run_call(self, account: EmulatedAccount, record: dict[str, Any]) -> None:
        url, method = record.get("_url"), record.get("_method") or "POST"
        application = account.resources["Applications"].get(record.get("_application_sid") or "")
        if not url and application is not None:
            url, method = application.get("voice_url"), application.get("voice_method") or "POST"
        base = {
            "CallSid": record["sid"],
            "AccountSid": account.sid,
            "From": record.get("from") or "",
            "To": record.get("to") or "",
            "Direction": "outbound-api",
            "ApiVersion": "2010-04-01",
        }
        final = "completed"
        if url:
            answer = self._send(
                account, "Calls", record, "voice_url", url, method, {**base, "CallStatus": "in-progress"}
            )
            final = "completed" if answer.outcome in ("ok", "skipped") else "failed"
        self._set(account, "Calls", record["sid"], status=final)
        callback = record.get("_status_callback")
        if callback:
            params = {
                **base,
                "CallStatus": final,
                "CallDuration": "0",
                "Timestamp": format_datetime(datetime.now(timezone.utc)),
                "CallbackSource": "call-progress-events",
                "SequenceNumber": "0",
            }
            self._send(
                account,
                "Calls",
                record,
                "status_callback",
                callback,
                record.get("_status_callback_method") or "POST",
                params,
            )

    def _run_message(self, account: EmulatedAccount, record: dict[str, Any]) -> None:
        """Delivered, as the callback tells a loopback app; otherwise the message stays as it was sent."""
        if is_loopback(record["_status_callback"]):
            self._set(account, "Messages", record["sid"], status="delivered")
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
        self._send(account, "Messages", record, "status_callback", record["_status_callback"], "POST", params)

    # -- one request -----------------------------------------------------------------------------------

    def _send(
        self,
        account: EmulatedAccount,
        resource: str,
        record: dict[str, Any],
        kind: str,
        url: str,
        method: str,
        params: dict[str, str],
    ) -> Callback:
        method = method.upper() if method.upper() in ("GET", "POST") else "POST"
        entry = Callback(resource, record["sid"], kind, url, method, params)
        self._record(account, resource, record["sid"], entry)
        if not is_loopback(url):
            entry.outcome, entry.error = "skipped", "not a loopback URL: the emulator never requests it"
            return entry
        target = url if method == "POST" else f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"
        signed = _signature.compute(account.token, target, params.items() if method == "POST" else ())
        header = "X-Twilio-Signature" if self.state.dialect.name == "twilio" else "X-SignalWire-Signature"
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
        except requests.RequestException as error:
            entry.outcome, entry.error = "unreachable", type(error).__name__
            return entry
        entry.status = response.status_code
        if not 200 <= response.status_code < 300:
            entry.outcome = "http-error"
            return entry
        entry.outcome = "ok"
        if kind == "voice_url":
            twilio = self.state.dialect.name == "twilio"
            found = laml.validate(response.content, dialect="twiml" if twilio else "laml", path=url)
            entry.diagnostics = [f"{d.line}:{d.col}: {d.code} {d.message}" for d in found]
            if any(d.severity is laml.Severity.ERROR for d in found):
                entry.outcome = "invalid-document"
        return entry

    def _record(self, account: EmulatedAccount, resource: str, sid: str, entry: Callback) -> None:
        with self._lock:
            self._entries.append(entry)
        with self.state.lock:
            stored = account.resources[resource].get(sid)
            if stored is not None:
                stored.setdefault("_callbacks", []).append(entry)

    def _set(self, account: EmulatedAccount, resource: str, sid: str, **fields: Any) -> None:
        with self.state.lock:
            stored = account.resources[resource].get(sid)
            if stored is not None:
                stored.update(fields)
