"""A created call or message makes the emulator call the application back, as the platform does."""

from __future__ import annotations

import pytest
import requests
from twilio.request_validator import RequestValidator

from migrate.emulator import Emulator
from tests.emulator._webapp import WebApp

VALID = "<Response><Say>Hello</Say><Hangup/></Response>"
BROKEN = "<Response><Say>Hello</Say>"


@pytest.mark.parametrize(
    ("dialect", "header"), [("signalwire", "X-SignalWire-Signature"), ("twilio", "X-Twilio-Signature")]
)
def test_a_created_call_fetches_its_url_signed_validates_it_and_posts_status(
    web: WebApp, dialect: str, header: str
) -> None:
    web.route("/voice", VALID)
    web.route("/status", "")
    with Emulator(dialect) as emu:
        account = emu.add_account()

        created = requests.post(
            f"{emu.base_url}/Accounts/{account.sid}/Calls.json",
            data={
                "To": "+15550100001",
                "From": "+15550100000",
                "Url": f"{web.origin}/voice",
                "StatusCallback": f"{web.origin}/status",
            },
            auth=(account.sid, account.token),
            timeout=5,
        )
        assert created.status_code in (200, 201)
        voice, status = emu.wait_for_callbacks()
        assert (voice.kind, voice.outcome, voice.status, voice.diagnostics) == ("voice_url", "ok", 200, [])
        assert (status.kind, status.params["CallStatus"]) == ("status_callback", "completed")
        (voice_request,) = web.at("/voice")
        form, headers = voice_request.form, voice_request.headers
        assert (voice_request.method, form["CallSid"], form["CallStatus"]) == (
            "POST",
            created.json()["sid"],
            "in-progress",
        )
        assert RequestValidator(account.token).validate(f"{web.origin}/voice", form, headers[header])
        fetched = requests.get(
            f"{emu.url}{created.json()['uri']}", auth=(account.sid, account.token), timeout=5
        )
        assert fetched.json()["status"] == "completed"


def test_a_broken_document_is_recorded_with_its_diagnostics_and_the_call_fails(web: WebApp) -> None:
    web.route("/voice", BROKEN)
    with Emulator("signalwire") as emu:
        account = emu.add_account()

        requests.post(
            f"{emu.base_url}/Accounts/{account.sid}/Calls.json",
            data={"To": "+15550100001", "From": "+15550100000", "Url": f"{web.origin}/voice"},
            auth=(account.sid, account.token),
            timeout=5,
        )
        (voice,) = emu.wait_for_callbacks()
        assert voice.outcome == "invalid-document"
        assert voice.diagnostics and "LAML" in voice.diagnostics[0]
        assert emu.records(account, "Calls")[0]["status"] == "failed"


def test_message_status_callback_and_never_a_non_loopback_request(web: WebApp) -> None:
    web.route("/sms-status", "")
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        emu.seed(account, "IncomingPhoneNumbers", phone_number="+15550100000")

        url = f"{emu.base_url}/Accounts/{account.sid}/Messages.json"
        auth = (account.sid, account.token)
        base = {"To": "+15550100001", "From": "+15550100000", "Body": "hi"}
        requests.post(url, data={**base, "StatusCallback": f"{web.origin}/sms-status"}, auth=auth, timeout=5)
        requests.post(url, data={**base, "StatusCallback": "http://example.com/status"}, auth=auth, timeout=5)
        delivered, skipped = sorted(emu.wait_for_callbacks(), key=lambda c: c.outcome)
        assert (delivered.outcome, delivered.params["MessageStatus"]) == ("ok", "delivered")
        assert skipped.outcome == "skipped" and skipped.status is None and "loopback" in (skipped.error or "")
        assert web.paths() == ["/sms-status"]
