"""The emulator's own HTTP paths (``/_emulator/…``) and the README's callbacks example, run as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests

from migrate.emulator import Emulator
from tests.emulator._webapp import WebApp, signature
from tests.emulator.test_call_flow import HANGUP
from tests.emulator.test_emulate_cli import emulate, free_port

README = Path(__file__).resolve().parents[2] / "README.md"


def test_incoming_calls_and_the_callback_log_over_http(web: WebApp) -> None:
    voice = web.route("/voice", HANGUP)
    with Emulator("twilio") as emu:
        account = emu.add_account()
        other = emu.add_account()
        emu.seed(
            account, "IncomingPhoneNumbers", phone_number="+15550100001", voice_url=voice, voice_method="GET"
        )
        base, auth = f"{emu.url}/_emulator/Accounts/{account.sid}", (account.sid, account.token)

        created = requests.post(
            f"{base}/IncomingCalls.json",
            data={"To": "+15550100001", "From": "+15550109999"},
            auth=auth,
            timeout=5,
        )
        assert created.status_code == 201
        call = created.json()
        assert (call["direction"], call["to"], call["from"]) == ("inbound", "+15550100001", "+15550109999")

        log = requests.get(
            f"{base}/Callbacks.json", params={"Wait": "true", "Sid": call["sid"]}, auth=auth, timeout=15
        )
        (entry,) = log.json()["callbacks"]
        assert (entry["kind"], entry["outcome"], entry["status"], entry["method"]) == (
            "voice_url",
            "ok",
            200,
            "GET",
        )
        assert entry["body"] == HANGUP and entry["diagnostics"] == []
        (request,) = web.at("/voice")
        assert entry["headers"]["X-Twilio-Signature"] == signature(account.token, request.url(web.origin), {})

        assert requests.get(
            f"{base}/Callbacks.json", params={"Kind": "status_callback"}, auth=auth, timeout=5
        ).json() == {"callbacks": []}
        assert requests.get(f"{base}/Callbacks.json", timeout=5).status_code == 401
        foreign = requests.get(f"{base}/Callbacks.json", auth=(other.sid, other.token), timeout=5)
        assert foreign.status_code == 404
        unknown = requests.post(
            f"{base}/IncomingCalls.json", data={"To": "+15550100009", "From": "+1555"}, auth=auth, timeout=5
        )
        assert unknown.status_code == 404


def test_the_api_request_log_over_http_is_the_accounts_own_without_credentials_or_faults() -> None:
    with Emulator("signalwire") as emu:
        account, other = emu.add_account(), emu.add_account()
        emu.fail(503)  # every API request fails; the emulator's own paths are not the API
        api = f"{emu.base_url}/Accounts/{account.sid}/Applications.json"
        data = {"FriendlyName": "IVR", "VoiceUrl": "https://example.com/ivr"}
        assert requests.post(api, data=data, auth=(account.sid, account.token), timeout=5).status_code == 503
        requests.get(
            f"{emu.base_url}/Accounts/{other.sid}/Calls.json", auth=(other.sid, other.token), timeout=5
        )
        log = f"{emu.url}/_emulator/Accounts/{account.sid}/Requests.json"

        answer = requests.get(log, auth=(account.sid, account.token), timeout=5)
        assert answer.status_code == 200
        (entry,) = answer.json()["requests"]
        assert (entry["method"], entry["form"], entry["status"], entry["outcome"]) == (
            "POST",
            data,
            503,
            "fault",
        )
        assert "Authorization" not in entry["headers"] and account.token not in answer.text
        assert requests.post(log, auth=(account.sid, account.token), timeout=5).status_code == 405
        assert [r.path for r in emu.requests if "/_emulator/" in r.path] == []


def test_the_readme_callbacks_example_runs_as_written() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- callbacks-example -->\n```python\n(.*?)```", text, re.S)
    assert match, "README lost its callbacks example"
    exec(compile(match.group(1), "README.md callbacks example", "exec"), {})


def test_sw_migrate_emulate_signs_with_the_signing_key_and_serves_the_log(
    web: WebApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real process: SignalWire webhooks are keyed with SW_MIGRATE_EMULATE_SIGNING_KEY, not the token."""
    voice = web.route("/voice", HANGUP)
    fixture = tmp_path / "fixture.json"
    fixture.write_text(
        json.dumps({"incoming_phone_numbers": [{"phone_number": "+15550100001", "voice_url": voice}]})
    )
    monkeypatch.setenv("SW_MIGRATE_EMULATE_SIGNING_KEY", "PSK_signing")
    args = ("--port", str(free_port()), "--project", "P1", "--fixture", str(fixture))
    with emulate(*args, token="s3cret") as (origin, _, _):
        base, auth = f"{origin}/_emulator/Accounts/P1", ("P1", "s3cret")
        data = {"To": "+15550100001", "From": "+15550109999"}
        call = requests.post(f"{base}/IncomingCalls.json", data=data, auth=auth, timeout=5).json()
        log = requests.get(f"{base}/Callbacks.json", params={"Wait": "true"}, auth=auth, timeout=15).json()
    assert [(e["sid"], e["kind"], e["outcome"]) for e in log["callbacks"]] == [
        (call["sid"], "voice_url", "ok")
    ]
    (request,) = web.at("/voice")
    assert request.headers["X-SignalWire-Signature"] == signature("PSK_signing", voice, request.form)
    assert request.headers["X-SignalWire-Signature"] != signature("s3cret", voice, request.form)
