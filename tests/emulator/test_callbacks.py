"""A created call or message makes the emulator call the application back, as the platform does."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import pytest
import requests
from twilio.request_validator import RequestValidator

from migrate.emulator import Emulator

VALID = b"<Response><Say>Hello</Say><Hangup/></Response>"
BROKEN = b"<Response><Say>Hello</Say>"


class App:
    """A tiny application on 127.0.0.1 that records what reaches it and answers a document."""

    def __init__(self, document: bytes) -> None:
        self.document = document
        self.received: list[tuple[str, str, dict[str, str], dict[str, str]]] = []
        app = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                app.received.append(("POST", self.path, form, dict(self.headers)))
                self.send_response(200)
                self.send_header("Content-Type", "text/xml")
                self.end_headers()
                self.wfile.write(app.document)

            def log_message(self, *args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def app() -> Iterator[App]:
    running = App(VALID)
    yield running
    running.server.shutdown()


@pytest.mark.parametrize(
    ("dialect", "header"), [("signalwire", "X-SignalWire-Signature"), ("twilio", "X-Twilio-Signature")]
)
def test_a_created_call_fetches_its_url_signed_validates_it_and_posts_status(
    app: App, dialect: str, header: str
) -> None:
    with Emulator(dialect) as emu:
        account = emu.add_account()

        created = requests.post(
            f"{emu.base_url}/Accounts/{account.sid}/Calls.json",
            data={
                "To": "+15550100001",
                "From": "+15550100000",
                "Url": f"{app.url}/voice",
                "StatusCallback": f"{app.url}/status",
            },
            auth=(account.sid, account.token),
            timeout=5,
        )
        assert created.status_code in (200, 201)
        voice, status = emu.wait_for_callbacks()
        assert (voice.kind, voice.outcome, voice.status, voice.diagnostics) == ("voice_url", "ok", 200, [])
        assert (status.kind, status.params["CallStatus"]) == ("status_callback", "completed")
        (method, path, form, headers), _ = app.received
        assert (method, path, form["CallSid"], form["CallStatus"]) == (
            "POST",
            "/voice",
            created.json()["sid"],
            "in-progress",
        )
        assert RequestValidator(account.token).validate(f"{app.url}/voice", form, headers[header])
        fetched = requests.get(
            f"{emu.url}{created.json()['uri']}", auth=(account.sid, account.token), timeout=5
        )
        assert fetched.json()["status"] == "completed"


def test_a_broken_document_is_recorded_with_its_diagnostics_and_the_call_fails() -> None:
    broken = App(BROKEN)
    try:
        with Emulator("signalwire") as emu:
            account = emu.add_account()

            requests.post(
                f"{emu.base_url}/Accounts/{account.sid}/Calls.json",
                data={"To": "+15550100001", "From": "+15550100000", "Url": f"{broken.url}/voice"},
                auth=(account.sid, account.token),
                timeout=5,
            )
            (voice,) = emu.wait_for_callbacks()
            assert voice.outcome == "invalid-document"
            assert voice.diagnostics and "LAML" in voice.diagnostics[0]
            assert emu.records(account, "Calls")[0]["status"] == "failed"
    finally:
        broken.server.shutdown()


def test_message_status_callback_and_never_a_non_loopback_request(app: App) -> None:
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        emu.seed(account, "IncomingPhoneNumbers", phone_number="+15550100000")

        url = f"{emu.base_url}/Accounts/{account.sid}/Messages.json"
        auth = (account.sid, account.token)
        base = {"To": "+15550100001", "From": "+15550100000", "Body": "hi"}
        requests.post(url, data={**base, "StatusCallback": f"{app.url}/sms-status"}, auth=auth, timeout=5)
        requests.post(url, data={**base, "StatusCallback": "http://example.com/status"}, auth=auth, timeout=5)
        delivered, skipped = sorted(emu.wait_for_callbacks(), key=lambda c: c.outcome)
        assert (delivered.outcome, delivered.params["MessageStatus"]) == ("ok", "delivered")
        assert skipped.outcome == "skipped" and skipped.status is None and "loopback" in (skipped.error or "")
        assert [path for _, path, _, _ in app.received] == ["/sms-status"]
