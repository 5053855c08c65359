"""A message that comes in to a number: its SMS settings are requested and the reply is sent."""

from __future__ import annotations

import pytest
import requests

from migrate.emulator import Emulator
from tests.emulator._webapp import WebApp, signature

REPLY = (
    "<Response><Message>Thanks!</Message>"
    '<Message to="+15550100077"><Body>Forwarded</Body><Media>https://example.com/a.png</Media></Message>'
    "</Response>"
)


@pytest.mark.parametrize(
    ("dialect", "header"), [("signalwire", "X-SignalWire-Signature"), ("twilio", "X-Twilio-Signature")]
)
def test_an_incoming_message_requests_sms_url_signed_and_sends_the_replies(
    web: WebApp, dialect: str, header: str
) -> None:
    sms = web.route("/sms", REPLY)
    with Emulator(dialect) as emu:
        account = emu.add_account()
        emu.seed(account, "IncomingPhoneNumbers", phone_number="+15550100001", sms_url=sms)
        message = emu.incoming_message(
            account,
            "+15550100001",
            from_="+15550109999",
            body="hello",
            media_urls=("https://example.com/in.jpg",),
        )
        (entry,) = emu.wait_for_callbacks(sid=message["sid"])

        assert (message["direction"], message["status"], int(message["num_media"])) == (
            "inbound",
            "received",
            1,
        )
        assert (entry.kind, entry.outcome, entry.diagnostics) == ("sms_url", "ok", [])
        (request,) = web.at("/sms")
        form = request.form
        assert (form["MessageSid"], form["Body"], form["From"], form["To"]) == (
            message["sid"],
            "hello",
            "+15550109999",
            "+15550100001",
        )
        assert (form["NumMedia"], form["MediaUrl0"]) == ("1", "https://example.com/in.jpg")
        assert request.headers[header] == signature(account.token, sms, form)
        replies = [m for m in emu.records(account, "Messages") if m["direction"] == "outbound-reply"]
        assert sorted((m["to"], m["from"], m["body"], int(m["num_media"])) for m in replies) == [
            ("+15550100077", "+15550100001", "Forwarded", 1),
            ("+15550109999", "+15550100001", "Thanks!", 0),
        ]


def test_an_incoming_message_uses_the_applications_fallback_and_follows_redirects_over_http(
    web: WebApp,
) -> None:
    web.route("/first", '<Response><Redirect method="GET">second</Redirect></Response>')
    web.route("/second", "<Response><Message>Recovered</Message></Response>")
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        app = emu.seed(
            account,
            "Applications",
            friendly_name="SMS bot",
            sms_url=web.origin + "/down",
            sms_fallback_url=web.origin + "/first",
        )
        emu.seed(account, "IncomingPhoneNumbers", phone_number="+15550100001", sms_application_sid=app["sid"])
        base, auth = f"{emu.url}/_emulator/Accounts/{account.sid}", (account.sid, account.token)
        data = {"To": "+15550100001", "From": "+15550109999", "Body": "hi"}
        created = requests.post(f"{base}/IncomingMessages.json", data=data, auth=auth, timeout=5)
        assert created.status_code == 201
        sid = created.json()["sid"]
        log = requests.get(
            f"{base}/Callbacks.json", params={"Wait": "true", "Sid": sid}, auth=auth, timeout=15
        )

        assert [(e["kind"], e["outcome"]) for e in log.json()["callbacks"]] == [
            ("sms_url", "http-error"),
            ("fallback_url", "ok"),
            ("redirect", "ok"),
        ]
        (fallback,) = web.at("/first")
        assert (fallback.form["ErrorCode"], fallback.form["ErrorUrl"]) == ("11200", web.origin + "/down")
        (second,) = web.at("/second")
        assert (second.method, second.query["MessageSid"]) == ("GET", sid)
        assert [
            m["body"] for m in emu.records(account, "Messages") if m["direction"] == "outbound-reply"
        ] == ["Recovered"]
