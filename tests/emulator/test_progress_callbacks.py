"""Status, recording and fax callbacks carry what the spec's callback tables document, signed, in order."""

from __future__ import annotations

import pytest

from migrate.contract import load
from migrate.emulator import Emulator
from tests.emulator._webapp import WebApp, signature
from tests.emulator.test_call_flow import HANGUP, Api, enqueue

#: Documented callback parameters a call without caller-ID lookup or forwarding cannot have.
ONLY_WITH_LOOKUP = {"ForwardedFrom", "CallerName"}
ONLY_INBOUND_OR_FAILED = {"RemoteStationId", "ErrorCode", "ErrorMessage"}
#: A two-page document as far as a fax machine (and the emulator's page count) is concerned.
TWO_PAGES = (
    b"%PDF-1.4\n1 0 obj << /Type /Pages /Count 2 >>\n2 0 obj << /Type /Page >>\n3 0 obj << /Type /Page >>\n"
)


def documented(resource: str, callback: str) -> set[str]:
    return set(load().resource(resource).callbacks[callback])


def test_status_callback_events_arrive_in_order_with_sequence_numbers_and_recording_fields(
    web: WebApp,
) -> None:
    status, recorded = web.route("/status", ""), web.route("/recorded", "")
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        api = Api(emu, account)
        sid = api.post(
            "Calls.json",
            To="+15550100001",
            From="+15550100000",
            Url=web.route("/voice", HANGUP),
            StatusCallback=status,
            StatusCallbackEvent=["initiated", "ringing", "answered", "completed"],
            Record="true",
            RecordingChannels="dual",
            RecordingTrack="inbound",
            RecordingStatusCallback=recorded,
            RecordingStatusCallbackEvent="in-progress completed",
        ).json()["sid"]
        emu.wait_for_callbacks()

        events = web.at("/status")
        assert [(r.form["CallStatus"], r.form["SequenceNumber"]) for r in events] == [
            ("queued", "0"),
            ("ringing", "1"),
            ("in-progress", "2"),
            ("completed", "3"),
        ]
        for request in events:
            assert request.headers["X-SignalWire-Signature"] == signature(account.token, status, request.form)
        final = events[-1].form
        assert documented("Calls", "StatusCallback") - ONLY_WITH_LOOKUP <= set(final)
        (recording,) = emu.records(account, "Recordings")
        assert (recording["call_sid"], recording["status"], recording["channels"], recording["source"]) == (
            sid,
            "completed",
            2,
            "OutboundAPI",
        )
        assert final["RecordingSid"] == recording["sid"]
        assert final["RecordingUrl"].endswith(f"/Recordings/{recording['sid']}")

        progress = [r.form for r in web.at("/recorded")]
        assert [(f["RecordingStatus"], f["RecordingSid"]) for f in progress] == [
            ("in-progress", recording["sid"]),
            ("completed", recording["sid"]),
        ]
        assert documented("Calls", "RecordingStatusCallback") <= set(progress[-1])
        assert (progress[-1]["RecordingChannels"], progress[-1]["RecordingTrack"]) == ("2", "inbound")
        assert (progress[-1]["CallSid"], progress[-1]["AccountSid"]) == (sid, account.sid)


def test_a_recording_started_and_stopped_through_the_api_posts_its_callbacks(web: WebApp) -> None:
    recorded = web.route("/recorded", "")
    with Emulator("twilio") as emu:
        account = emu.add_account()
        api = Api(emu, account)
        sid = api.call(Url=web.route("/hold", enqueue("q")))
        emu.wait_for_callbacks()
        started = api.post(
            f"Calls/{sid}/Recordings.json",
            RecordingStatusCallback=recorded,
            RecordingStatusCallbackEvent="completed,in-progress",
            RecordingStatusCallbackMethod="GET",
        )
        assert started.status_code in (200, 201), started.text
        recording = started.json()["sid"]
        assert started.json()["status"] == "in-progress"
        stopped = api.post(f"Calls/{sid}/Recordings/{recording}.json", Status="stopped")
        assert stopped.json()["status"] == "completed"
        emu.wait_for_callbacks()

        got = web.at("/recorded")
        assert [(r.method, r.query["RecordingStatus"]) for r in got] == [
            ("GET", "in-progress"),
            ("GET", "completed"),
        ]
        assert got[1].query["RecordingSource"] == "StartCallRecordingAPI"
        assert got[1].headers["X-Twilio-Signature"] == signature(account.token, got[1].url(web.origin), {})
        again = api.post(f"Calls/{sid}/Recordings/{recording}.json", Status="paused")
        assert again.status_code == 400 and again.json()["code"] == 21220


@pytest.mark.parametrize(
    ("dialect", "header"), [("signalwire", "X-SignalWire-Signature"), ("twilio", "X-Twilio-Signature")]
)
def test_a_sent_fax_fetches_its_media_and_posts_its_status_callback(
    web: WebApp, dialect: str, header: str
) -> None:
    document, status = web.route("/fax.pdf", TWO_PAGES), web.route("/fax-status", "")
    with Emulator(dialect) as emu:
        account = emu.add_account()
        api = Api(emu, account)
        sent = api.post(
            "Faxes.json", To="+15550100001", From="+15550100000", MediaUrl=document, StatusCallback=status
        )
        fax = sent.json()
        lost = api.post(
            "Faxes.json", To="+15550100001", MediaUrl=web.origin + "/gone.pdf", StatusCallback=status
        )
        emu.wait_for_callbacks()

        (fetched,) = web.at("/fax.pdf")
        assert fetched.method == "GET" and fetched.headers[header] == signature(account.token, document, {})
        delivered, failed = sorted((r.form for r in web.at("/fax-status")), key=lambda f: f["FaxStatus"])
        assert (delivered["FaxSid"], delivered["FaxStatus"], delivered["NumPages"]) == (
            fax["sid"],
            "delivered",
            "2",
        )
        assert (delivered["OriginalMediaUrl"], delivered["MediaSid"]) == (document, fax["media_sid"])
        assert documented("Faxes", "StatusCallback") - ONLY_INBOUND_OR_FAILED <= set(delivered)
        assert (failed["FaxSid"], failed["FaxStatus"], failed["ErrorCode"]) == (
            lost.json()["sid"],
            "failed",
            "11200",
        )
        assert api.get(f"Faxes/{fax['sid']}.json").json()["status"] == "delivered"
        assert api.get(f"Faxes/{lost.json()['sid']}.json").json()["status"] == "failed"


def test_a_message_status_callback_carries_the_documented_parameters(web: WebApp) -> None:
    status = web.route("/sms-status", "")
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        emu.seed(account, "IncomingPhoneNumbers", phone_number="+15550100000")
        Api(emu, account).post(
            "Messages.json", To="+15550100001", From="+15550100000", Body="hi", StatusCallback=status
        )
        emu.wait_for_callbacks()
        (request,) = web.at("/sms-status")
        assert documented("Messages", "StatusCallback") - {"ErrorCode"} <= set(request.form)
        assert request.headers["X-SignalWire-Signature"] == signature(account.token, status, request.form)
