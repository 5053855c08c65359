"""The emulator's own HTTP paths (``/_emulator/…``) and the README's callbacks example, run as written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from migrate.emulator import Emulator
from tests.emulator._webapp import WebApp, signature
from tests.emulator.test_call_flow import HANGUP

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def web() -> Iterator[WebApp]:
    app = WebApp()
    yield app
    app.close()


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


def test_the_readme_callbacks_example_runs_as_written() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- callbacks-example -->\n```python\n(.*?)```", text, re.S)
    assert match, "README lost its callbacks example"
    exec(compile(match.group(1), "README.md callbacks example", "exec"), {})
