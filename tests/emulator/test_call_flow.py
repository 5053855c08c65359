"""A call's documents as the platform handles them: redirects, fallbacks, queues, updates, loopback only.

Every test runs a real application server on 127.0.0.1 (:mod:`tests.emulator._webapp`) and drives the
emulator through HTTP, as a migrated application would.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

from migrate.emulator import EmulatedAccount, Emulator
from migrate.emulator._documents import MAX_REDIRECTS
from tests.emulator._webapp import WebApp, signature

HANGUP = "<Response><Say>Bye</Say><Hangup/></Response>"
BROKEN = "<Response><Say>Unclosed</Response>"
DIALECTS = [("signalwire", "X-SignalWire-Signature"), ("twilio", "X-Twilio-Signature")]
CALLER = {"To": "+15550100001", "From": "+15550100000"}


class Api:
    """The account's REST API on the emulator."""

    def __init__(self, emu: Emulator, account: EmulatedAccount) -> None:
        self.base = f"{emu.base_url}/Accounts/{account.sid}"
        self.auth = (account.sid, account.token)

    def post(self, path: str, **data: Any) -> requests.Response:
        return requests.post(f"{self.base}/{path}", data=data, auth=self.auth, timeout=10)

    def get(self, path: str, **query: str) -> requests.Response:
        return requests.get(f"{self.base}/{path}", params=query, auth=self.auth, timeout=10)

    def call(self, **data: Any) -> str:
        created = self.post("Calls.json", **CALLER, **data)
        assert created.status_code in (200, 201), created.text
        return str(created.json()["sid"])


def enqueue(name: str) -> str:
    return f"<Response><Say>Please hold</Say><Enqueue>{name}</Enqueue></Response>"


@pytest.mark.parametrize(("dialect", "header"), DIALECTS)
def test_update_with_url_redirects_a_live_call_out_of_its_queue(
    web: WebApp, dialect: str, header: str
) -> None:
    hold, after = web.route("/hold", enqueue("support")), web.route("/next", HANGUP)
    status = web.route("/status", "")
    with Emulator(dialect) as emu:
        account = emu.add_account()
        api = Api(emu, account)
        sid = api.call(Url=hold, StatusCallback=status)
        emu.wait_for_callbacks()
        assert api.get(f"Calls/{sid}.json").json()["status"] == "in-progress"
        (queue,) = api.get("Queues.json", FriendlyName="support").json()["queues"]
        assert (queue["friendly_name"], queue["current_size"]) == ("support", 1)
        members = api.get(f"Queues/{queue['sid']}/Members.json").json()["queue_members"]
        assert [m["call_sid"] for m in members] == [sid]
        assert web.at("/status") == []  # still live: no completed callback yet

        assert api.post(f"Calls/{sid}.json", Url=after, Method="GET").status_code == 200
        entries = emu.wait_for_callbacks(sid=sid)

        assert [e.kind for e in entries] == ["voice_url", "url_update", "status_callback"]
        (fetched,) = web.at("/next")
        assert (fetched.method, fetched.query["CallSid"], fetched.query["CallStatus"]) == (
            "GET",
            sid,
            "in-progress",
        )
        assert fetched.headers[header] == signature(account.token, fetched.url(web.origin), {})
        assert api.get(f"Calls/{sid}.json").json()["status"] == "completed"
        assert api.get(f"Queues/{queue['sid']}.json").json()["current_size"] == 0
        (final,) = web.at("/status")
        assert (final.form["CallStatus"], final.form["CallSid"]) == ("completed", sid)
        assert final.headers[header] == signature(account.token, status, final.form)


def test_a_finished_call_cannot_be_redirected_and_status_completed_ends_a_live_one(web: WebApp) -> None:
    hold, status = web.route("/hold", enqueue("line")), web.route("/status", "")
    with Emulator("signalwire") as emu:
        api = Api(emu, emu.add_account())
        live = api.call(Url=hold, StatusCallback=status)
        emu.wait_for_callbacks()
        assert api.post(f"Calls/{live}.json", Status="completed").status_code == 200
        emu.wait_for_callbacks()
        assert [r.form["CallStatus"] for r in web.at("/status")] == ["completed"]

        refused = api.post(f"Calls/{live}.json", Url=web.route("/next", HANGUP))
        assert refused.status_code == 422
        assert str(refused.json()["errors"][0]["code"]) == "21220"
        assert "/next" not in web.paths()


@pytest.mark.parametrize(
    ("primary", "code"),
    [("/missing", "11200"), ("/broken", "12100"), ("http://127.0.0.1:9/refused", "11200")],
    ids=["not-2xx", "invalid-document", "connection-refused"],
)
def test_fallback_url_is_requested_with_error_code_and_url_when_the_url_fails(
    web: WebApp, primary: str, code: str
) -> None:
    web.route("/broken", BROKEN)
    url = primary if primary.startswith("http") else web.origin + primary
    fallback = web.route("/fallback", HANGUP)
    with Emulator("twilio") as emu:
        account = emu.add_account()
        api = Api(emu, account)
        sid = api.call(Url=url, FallbackUrl=fallback, FallbackMethod="GET")
        first, second = emu.wait_for_callbacks(sid=sid)
        assert (first.kind, second.kind, second.outcome) == ("voice_url", "fallback_url", "ok")
        assert first.error_code == int(code)
        (request,) = web.at("/fallback")
        assert (request.method, request.query["ErrorCode"], request.query["ErrorUrl"]) == ("GET", code, url)
        assert request.headers["X-Twilio-Signature"] == signature(account.token, request.url(web.origin), {})
        assert api.get(f"Calls/{sid}.json").json()["status"] == "completed"


def test_a_call_made_with_application_sid_runs_the_applications_urls_and_fallback(web: WebApp) -> None:
    fallback, status = web.route("/app-fallback", HANGUP), web.route("/app-status", "")
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        application = emu.seed(
            account,
            "Applications",
            friendly_name="IVR",
            voice_url=web.origin + "/app-down",
            voice_fallback_url=fallback,
            voice_fallback_method="GET",
            status_callback=status,
        )
        api = Api(emu, account)
        ignored = {"Url": web.origin + "/ignored", "Method": "GET", "StatusCallbackMethod": "GET"}
        sid = api.call(ApplicationSid=application["sid"], **ignored)
        entries = emu.wait_for_callbacks(sid=sid)

        assert [(e.kind, e.url) for e in entries] == [
            ("voice_url", web.origin + "/app-down"),
            ("fallback_url", fallback),
            ("status_callback", status),
        ]
        (recovered,) = web.at("/app-fallback")
        assert (recovered.method, recovered.query["ErrorCode"]) == ("GET", "11200")
        assert [(r.method, r.form["CallStatus"]) for r in web.at("/app-status")] == [("POST", "completed")]
        assert [r.method for r in web.at("/app-down")] == ["POST"]
        assert "/ignored" not in web.paths()


def test_a_call_whose_url_and_fallback_both_fail_is_failed_with_both_recorded(web: WebApp) -> None:
    web.route("/broken", BROKEN)
    with Emulator("signalwire") as emu:
        api = Api(emu, emu.add_account())
        sid = api.call(Url=web.origin + "/broken", FallbackUrl=web.origin + "/also-missing")
        entries = emu.wait_for_callbacks(sid=sid)
        assert [(e.kind, e.outcome, e.error_code) for e in entries] == [
            ("voice_url", "invalid-document", 12100),
            ("fallback_url", "http-error", 11200),
        ]
        assert entries[0].diagnostics and "LAML" in entries[0].diagnostics[0]
        assert api.get(f"Calls/{sid}.json").json()["status"] == "failed"


@pytest.mark.parametrize("via_application", [False, True], ids=["number", "application"])
def test_an_incoming_call_runs_the_number_settings_with_their_fallback(
    web: WebApp, via_application: bool
) -> None:
    fallback, status = web.route("/fallback", HANGUP), web.route("/status", "")
    settings = {
        "voice_url": web.origin + "/down",
        "voice_fallback_url": fallback,
        "voice_fallback_method": "POST",
        "status_callback": status,
    }
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        if via_application:
            app = emu.seed(account, "Applications", friendly_name="IVR", **settings)
            emu.seed(
                account, "IncomingPhoneNumbers", phone_number="+15550100001", voice_application_sid=app["sid"]
            )
        else:
            emu.seed(account, "IncomingPhoneNumbers", phone_number="+15550100001", **settings)
        call = emu.incoming_call(account, "+15550100001", from_="+15550199999")
        entries = emu.wait_for_callbacks(sid=call["sid"])

        assert [e.kind for e in entries] == ["voice_url", "fallback_url", "status_callback"]
        (down,) = web.at("/down")
        assert (down.form["CallStatus"], down.form["Direction"], down.form["From"]) == (
            "ringing",
            "inbound",
            "+15550199999",
        )
        (recovered,) = web.at("/fallback")
        assert (recovered.form["ErrorCode"], recovered.form["ErrorUrl"]) == ("11200", web.origin + "/down")
        assert recovered.headers["X-SignalWire-Signature"] == signature(
            account.token, fallback, recovered.form
        )
        assert web.at("/status")[0].form["CallStatus"] == "completed"
        with pytest.raises(LookupError):
            emu.incoming_call(account, "+15550100002")


def test_redirects_are_followed_relative_and_by_method_up_to_the_loop_limit(web: WebApp) -> None:
    web.route("/one", "<Response><Redirect>two</Redirect><Say>never</Say></Response>")
    web.route("/two", '<Response><Redirect method="GET">/loop?n=1</Redirect></Response>')
    web.route("/loop", '<Response><Pause length="1"/><Redirect method="GET">/loop?n=1</Redirect></Response>')
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        api = Api(emu, account)
        sid = api.call(Url=web.origin + "/one")
        entries = emu.wait_for_callbacks(sid=sid)

        assert [e.kind for e in entries] == ["voice_url"] + ["redirect"] * MAX_REDIRECTS
        two = web.at("/two")[0]
        assert (two.method, two.form["CallSid"]) == ("POST", sid)
        loop = web.at("/loop")[0]
        assert (loop.method, loop.query["n"], loop.query["CallSid"]) == ("GET", "1", sid)
        expected = signature(account.token, loop.url(web.origin), {})
        assert loop.headers["X-SignalWire-Signature"] == expected
        assert "more than" in (entries[-1].error or "")
        assert api.get(f"Calls/{sid}.json").json()["status"] == "failed"


def test_a_dequeued_caller_fetches_the_dequeue_url_from_the_api_and_from_dial_queue(web: WebApp) -> None:
    hold = web.route("/hold", enqueue("sales"))
    web.route("/agent", '<Response><Dial><Queue url="/whisper">sales</Queue></Dial><Hangup/></Response>')
    web.route("/whisper", "<Response><Say>Connecting you</Say></Response>")
    web.route("/picked", HANGUP)
    with Emulator("twilio") as emu:
        account = emu.add_account()
        api = Api(emu, account)
        first = api.call(Url=hold)
        emu.wait_for_callbacks()  # in line first: two calls at once would queue in either order
        second = api.call(Url=hold)
        emu.wait_for_callbacks()
        (queue,) = api.get("Queues.json", FriendlyName="sales").json()["queues"]
        assert queue["current_size"] == 2

        answer = api.post(
            f"Queues/{queue['sid']}/Members/Front.json", Url=web.origin + "/picked", Method="POST"
        )
        assert answer.status_code == 200
        assert (answer.json()["call_sid"], answer.json()["url"]) == (first, web.origin + "/picked")
        emu.wait_for_callbacks()
        assert web.at("/picked")[0].form["CallSid"] == first
        members = api.get(f"Queues/{queue['sid']}/Members.json").json()["queue_members"]
        assert [(m["call_sid"], m["position"]) for m in members] == [(second, 1)]

        agent = api.call(Url=web.origin + "/agent")
        emu.wait_for_callbacks()
        (whisper,) = web.at("/whisper")
        assert (whisper.form["CallSid"], whisper.form["CallStatus"]) == (second, "in-progress")
        assert [e.kind for e in emu.callbacks if e.sid == second] == ["voice_url", "dequeue_url"]
        assert api.get(f"Queues/{queue['sid']}.json").json()["current_size"] == 0
        statuses = {sid: api.get(f"Calls/{sid}.json").json()["status"] for sid in (first, second, agent)}
        assert statuses == {first: "completed", second: "completed", agent: "completed"}


@pytest.mark.parametrize(
    "elsewhere",
    ["http://example.com/voice", "http://127.0.0.1.example.com/voice", "http://10.255.255.1:9/voice"],
)
def test_never_a_request_to_a_non_loopback_host(web: WebApp, elsewhere: str) -> None:
    """Requesting these would end unreachable (or slow), not skipped: skipped means none was made."""
    web.route("/go", f"<Response><Redirect>{elsewhere}</Redirect></Response>")
    with Emulator("signalwire") as emu:
        api = Api(emu, emu.add_account())
        direct = api.call(Url=elsewhere, FallbackUrl=elsewhere, StatusCallback=elsewhere)
        redirected = api.call(Url=web.origin + "/go")
        entries = emu.wait_for_callbacks(timeout=3)
        outward = [e for e in entries if e.url == elsewhere]
        assert {e.sid for e in outward} == {direct, redirected}
        assert {(e.outcome, e.status, e.headers.get("X-SignalWire-Signature")) for e in outward} == {
            ("skipped", None, None)
        }
        assert "fallback_url" not in {e.kind for e in outward}
