"""Behaviour of the emulator itself that the client tests do not already pin down."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from migrate.emulator import Emulator, Fault
from migrate.rest import ApiError, RestClient


def test_dialect_sids_and_dates() -> None:
    with Emulator("twilio") as twilio, Emulator("signalwire") as signalwire:
        tw, sw = twilio.add_account(), signalwire.add_account()
        assert re.fullmatch(r"AC[0-9a-f]{32}", tw.sid)
        assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", sw.sid)
        app = RestClient(twilio.account_for(tw)).applications.create({"friendly_name": "a"})
        assert re.fullmatch(r"AP[0-9a-f]{32}", app["sid"])
        assert re.fullmatch(r"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000", app["date_created"])
        sw_client = RestClient(signalwire.account_for(sw))
        item = sw_client.laml_bins.create({"name": "Greeting", "contents": "<Response/>"})
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", item["date_created"])
        assert item["request_url"] == f"https://example.signalwire.com/laml-bins/{item['sid']}"
        sw_app = sw_client.applications.create({"friendly_name": "a"})
        assert sw_app["message_status_callback"] is None  # documented by the spec
    with Emulator("signalwire", live=True) as live:
        account = live.add_account()
        live_app = RestClient(live.account_for(account)).applications.create({"friendly_name": "a"})
        assert "message_status_callback" not in live_app  # the live API omits it: clients read with defaults


def test_json_suffix_required_on_twilio_optional_on_signalwire() -> None:
    for dialect, expected in (("twilio", 404), ("signalwire", 200)):
        with Emulator(dialect) as emu:
            account = emu.add_account()
            url = f"{emu.base_url}/Accounts/{account.sid}/Applications"
            assert requests.get(url, auth=(account.sid, account.token), timeout=5).status_code == expected


def test_laml_bins_accept_put_and_the_shell_tools_parameter_names() -> None:
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        base = f"{emu.base_url}/Accounts/{account.sid}/LamlBins"
        auth = (account.sid, account.token)
        created = requests.post(
            base, data={"FriendlyName": "n", "LamlBinData": "<Response/>"}, auth=auth, timeout=5
        )
        assert created.status_code == 201 and created.json()["name"] == "n"
        sid = created.json()["sid"]
        updated = requests.put(
            f"{base}/{sid}", data={"Contents": "<Response><Hangup/></Response>"}, auth=auth, timeout=5
        )
        assert (
            updated.json()["contents"] == "<Response><Hangup/></Response>" and updated.json()["name"] == "n"
        )


def test_numbers_come_only_from_the_available_pool() -> None:
    with Emulator("twilio") as emu:
        account = emu.add_account()
        emu.add_available("+15551230001", "+16665550001")
        client = RestClient(emu.account_for(account))
        with pytest.raises(ApiError):
            client.incoming_phone_numbers.create({"phone_number": "+15559999999"})
        made = client.incoming_phone_numbers.create({"area_code": "666"})
        assert made["phone_number"] == "+16665550001"
        with pytest.raises(ApiError):  # sold: no longer available, even to another account
            RestClient(emu.account_for(emu.add_account())).incoming_phone_numbers.create(
                {"phone_number": "+16665550001"}
            )
        assert [n["phone_number"] for n in client.available_phone_numbers()] == ["+15551230001"]


def test_application_references_and_methods_are_validated() -> None:
    with Emulator("twilio") as emu:
        account = emu.add_account()
        number = emu.seed(account, "IncomingPhoneNumbers", phone_number="+15551230001")
        client = RestClient(emu.account_for(account))
        with pytest.raises(ApiError) as missing:
            client.incoming_phone_numbers.update(number["sid"], {"voice_application_sid": "AP" + "9" * 32})
        assert missing.value.code == 21218
        with pytest.raises(ApiError) as method:
            client.incoming_phone_numbers.update(number["sid"], {"voice_method": "PATCH"})
        assert method.value.status == 400
        assert (
            emu.records(account, "IncomingPhoneNumbers")[0]["voice_method"] == "POST"
        )  # nothing half-applied


def test_page_token_keeps_paging_stable_while_items_are_added() -> None:
    with Emulator("twilio") as emu:
        account = emu.add_account()
        for i in range(6):
            emu.seed(account, "Applications", friendly_name=f"a{i}")
        auth = (account.sid, account.token)
        first = requests.get(
            f"{emu.base_url}/Accounts/{account.sid}/Applications.json",
            params={"PageSize": 3},
            auth=auth,
            timeout=5,
        ).json()
        emu.seed(account, "Applications", friendly_name="late")
        second = requests.get(emu.url + first["next_page_uri"], auth=auth, timeout=5).json()
        assert [a["friendly_name"] for a in second["applications"]] == ["a3", "a4", "a5"]
        assert second["next_page_uri"] is not None  # "late" is on the next page, not lost


def test_fault_matching_counts_after_and_times_and_latency_is_logged() -> None:
    with pytest.raises(ValueError):
        Fault()
    with Emulator("twilio") as emu:
        account = emu.add_account()
        emu.faults.latency = 0.02
        emu.fail(503, method="GET", after=1, times=1)
        auth = (account.sid, account.token)
        url = f"{emu.base_url}/Accounts/{account.sid}.json"
        statuses = [requests.get(url, auth=auth, timeout=5).status_code for _ in range(3)]
        assert statuses == [200, 503, 200]
        entries = emu.requests
        assert [e.outcome for e in entries] == ["ok", "fault", "ok"]
        assert all(e.account == account.sid for e in (entries[0], entries[2]))
        assert entries[1].started - entries[0].started >= 0.02


def test_client_sends_user_agent_json_accept_and_form_encoded_writes() -> None:
    with Emulator("twilio") as emu:
        account = emu.add_account()
        RestClient(emu.account_for(account)).applications.create(
            {"friendly_name": "a b&c", "voice_caller_id_lookup": True}
        )
        entry = emu.requests[0]
        assert entry.headers["User-Agent"].startswith("signalwire-migrate/")
        assert entry.headers["Accept"] == "application/json"
        assert entry.headers["Content-Type"] == "application/x-www-form-urlencoded"
        assert entry.form == {"FriendlyName": "a b&c", "VoiceCallerIdLookup": "true"}
        assert "Authorization" not in entry.headers


def test_one_client_serves_concurrent_workers_against_the_threaded_emulator() -> None:
    """sync applies with bounded concurrency through one client: requests in flight overlap."""
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        emu.faults.latency = 0.02
        client = RestClient(emu.account_for(account))
        with ThreadPoolExecutor(max_workers=8) as pool:
            created = list(
                pool.map(lambda i: client.applications.create({"friendly_name": f"a{i}"}), range(80))
            )
        assert len({app["sid"] for app in created}) == 80
        assert len(emu.records(account, "Applications")) == 80
        entries = emu.requests
        in_flight = max(
            sum(1 for other in entries if other.started <= entry.started < (other.finished or 0))
            for entry in entries
        )
        assert in_flight >= 4  # requests overlapped, up to the 8 workers


FROM = "+15550100000"


def _messages_url(emu: Emulator, sid: str, prefix: str | None = None) -> str:
    return f"{emu.url}{prefix or emu.dialect.prefix}/Accounts/{sid}/Messages.json"


@pytest.mark.parametrize("dialect", ["twilio", "signalwire"])
def test_messages_are_created_fetched_and_listed(dialect: str) -> None:
    with Emulator(dialect) as emu:
        account = emu.add_account()
        emu.seed(account, "IncomingPhoneNumbers", phone_number=FROM)
        auth = (account.sid, account.token)
        url = _messages_url(emu, account.sid)
        form = {
            "To": "+15550100001",
            "From": FROM,
            "Body": "ж" * 71,  # not GSM-7: UCS-2, 70 per single segment, so two
            "MediaUrl": ["https://example.com/a.png", "https://example.com/b.png"],
            "StatusCallback": "https://example.com/status",
        }
        created = requests.post(url, data=form, auth=auth, timeout=5)
        assert created.status_code == 201, created.text
        message = created.json()
        assert (message["to"], message["from"], message["status"]) == ("+15550100001", FROM, "queued")
        counts = ("2", "2") if dialect == "twilio" else (2, 2)  # Twilio prints counts as strings
        assert (message["num_media"], message["num_segments"], message["direction"]) == (
            *counts,
            "outbound-api",
        )
        if dialect == "twilio":
            assert re.fullmatch(r"MM[0-9a-f]{32}", message["sid"])  # MM: it carries media
        assert "status_callback" not in message  # a Message never echoes its callback...
        (record,) = emu.state.accounts[account.sid].resources["Messages"].values()
        assert record["_status_callback"] == "https://example.com/status"  # ...but the emulator keeps it
        assert record["_media_urls"] == form["MediaUrl"]
        instance = f"{emu.url}{message['uri']}"
        assert requests.get(instance, auth=auth, timeout=5).json() == message
        requests.post(url, data={"To": "+15550100002", "From": FROM, "Body": "b"}, auth=auth, timeout=5)
        listed = requests.get(url, params={"To": "+15550100002"}, auth=auth, timeout=5).json()
        assert [m["body"] for m in listed["messages"]] == ["b"]
        redacted = requests.post(instance, data={"Body": ""}, auth=auth, timeout=5)
        assert (redacted.status_code, redacted.json()["body"]) == (200, "")  # "Redact a message body"
        assert len(emu.records(account, "Messages")) == 2


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({"From": FROM, "Body": "x"}, 21604),
        ({"To": "555-0100", "From": FROM, "Body": "x"}, 21211),
        ({"To": "+15550100001", "Body": "x"}, 21603),
        (
            {"To": "+15550100001", "From": "+15559999999", "Body": "x"},
            21601,
        ),  # not the project's: the spec's code
        ({"To": "+15550100001", "From": FROM}, 21602),
        ({"To": "+15550100001", "From": FROM, "Body": "x" * 1601}, 21617),
        ({"To": "+15550100001", "From": FROM, "MediaUrl": "ftp://example.com/a.png"}, 21620),
        ({"To": "+15550100001", "From": FROM, "Body": "x", "StatusCallback": "/status"}, 21609),
    ],
)
@pytest.mark.parametrize("dialect", ["twilio", "signalwire"])
def test_invalid_messages_are_refused_in_the_dialects_error_shape(
    dialect: str, form: dict[str, str], code: int
) -> None:
    with Emulator(dialect) as emu:
        account = emu.add_account()
        emu.seed(account, "IncomingPhoneNumbers", phone_number=FROM)
        response = requests.post(
            _messages_url(emu, account.sid), data=form, auth=(account.sid, account.token), timeout=5
        )
        if dialect == "twilio":
            assert (response.status_code, response.json()["code"]) == (400, code)
        else:
            assert response.status_code == 422
            assert response.json()["errors"][0]["code"] == str(code)
        assert emu.records(account, "Messages") == []


def test_signalwire_answers_at_the_space_root_too() -> None:
    """``signalwire.rest.Client`` calls ``https://{space}/2010-04-01/…``, without ``/api/laml``."""
    with Emulator("signalwire") as emu, Emulator("twilio") as twilio:
        account = emu.add_account()
        emu.seed(account, "IncomingPhoneNumbers", phone_number=FROM)
        form = {"To": "+15550100001", "From": FROM, "Body": "x"}
        auth = (account.sid, account.token)
        root = requests.post(_messages_url(emu, account.sid, "/2010-04-01"), data=form, auth=auth, timeout=5)
        assert root.status_code == 201
        assert root.json()["uri"].startswith("/api/laml/2010-04-01/")  # URIs keep the documented prefix
        laml = requests.get(_messages_url(emu, account.sid, "/api/laml/2010-04-01"), auth=auth, timeout=5)
        assert [m["sid"] for m in laml.json()["messages"]] == [root.json()["sid"]]
        other = twilio.add_account()
        assert (
            requests.get(
                _messages_url(twilio, other.sid, "/api/laml/2010-04-01"),
                auth=(other.sid, other.token),
                timeout=5,
            ).status_code
            == 404
        )  # Twilio has no /api/laml


def test_tls_serves_https_with_a_certificate_only_its_bundle_trusts() -> None:
    with Emulator("signalwire") as plain:
        assert plain.url.startswith("http://")
        with pytest.raises(RuntimeError):
            plain.ca_bundle  # noqa: B018 - the property raises
    with Emulator("signalwire", tls=True) as emu:
        account = emu.add_account()
        bundle = emu.ca_bundle
        assert emu.url == f"https://{emu.host}" and bundle.is_file()
        url = f"{emu.base_url}/Accounts/{account.sid}.json"
        auth = (account.sid, account.token)
        assert requests.get(url, auth=auth, verify=str(bundle), timeout=5).status_code == 200
        localhost = url.replace("127.0.0.1", "localhost")  # the certificate names both
        assert requests.get(localhost, auth=auth, verify=str(bundle), timeout=5).status_code == 200
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(url, auth=auth, timeout=5)  # the system's CAs do not know it
    assert not bundle.exists()  # thrown away with the emulator
