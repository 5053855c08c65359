"""Proof the rewritten sample app runs on each target's real packages, in a separate virtual environment.

The environments are built once per session from the local package index (no internet): ``signalwire``
2.1.1 (which pins twilio 6.54) for signalwire-sdk, current ``twilio`` for twilio-sdk; Flask for both.
The migrated app then sends a real SMS request over HTTPS to the SignalWire-dialect emulator on 127.0.0.1
(both SDKs force ``https://{space}``), and the emulator's request log and state say what arrived.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main
from migrate.emulator import Emulator

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "twilio_app"
PROBE = Path(__file__).with_name("_probe_sample.py")
PACKAGES = {"signalwire-sdk": ["signalwire==2.1.1", "flask>=3"], "twilio-sdk": ["twilio>=9", "flask>=3"]}
FROM = "+15550100099"  # the app reads TWILIO_FROM_NUMBER; the emulator only sends from the account's numbers
TO, BODY = "+15550100001", "Your table is ready"
USER_AGENT = {"signalwire-sdk": "twilio-python/6.54.", "twilio-sdk": "twilio-python/9."}


@pytest.fixture(scope="session")
def sdk_python(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The interpreter of a venv holding *target*'s packages, created on first use in this session."""
    built: dict[str, Path] = {}

    def get(target: str) -> Path:
        if target not in built:
            venv = tmp_path_factory.mktemp(f"venv-{target}")
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            python = venv / "bin" / "python"
            install = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
            subprocess.run([*install, *PACKAGES[target]], check=True, capture_output=True)
            built[target] = python
        return built[target]

    return get


def _migrated_copy(tmp_path: Path, target: str) -> Path:
    app = tmp_path / "twilio_app"
    shutil.copytree(SAMPLE, app)
    result = CliRunner().invoke(main, ["codemod", "--target", target, str(app)])
    assert result.exit_code == 1, result.output  # findings remain (request validator), as documented
    assert "0 failed" in result.stderr
    return app


@pytest.mark.parametrize("target", ["signalwire-sdk", "twilio-sdk"])
def test_migrated_sample_imports_builds_client_and_sends(
    tmp_path: Path, target: str, sdk_python: Callable[[str], Path]
) -> None:
    app = _migrated_copy(tmp_path, target)
    with Emulator("signalwire", tls=True) as emu:
        account, space = emu.add_account("Migrated app"), emu.host
        emu.seed(account, "IncomingPhoneNumbers", phone_number=FROM)
        env = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(app),
            "SIGNALWIRE_SPACE_URL": space,  # 127.0.0.1:PORT; both targets prepend https://
            "TWILIO_ACCOUNT_SID": account.sid,
            "TWILIO_AUTH_TOKEN": account.token,
            "TWILIO_FROM_NUMBER": FROM,
            "REQUESTS_CA_BUNDLE": str(emu.ca_bundle),
            "NO_PROXY": "127.0.0.1",
        }
        completed = subprocess.run(
            [str(sdk_python(target)), str(PROBE), TO, BODY],
            cwd=app,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert completed.returncode == 0, completed.stderr
        result = json.loads(completed.stdout)
        requests = emu.requests
        messages = emu.records(account, "Messages")

    assert result["twilio_version"].startswith("6.54" if target == "signalwire-sdk" else "9.")
    helper = ["twilio_app.signalwire_space"] if target == "twilio-sdk" else []  # the one helper module
    assert result["modules"] == [
        "twilio_app.config",
        "twilio_app.legacy_reminders",
        "twilio_app.notifications",
        *helper,
        "twilio_app.web",
    ]
    expected_class = {
        "signalwire-sdk": "signalwire.rest.Client",
        "twilio-sdk": "twilio_app.signalwire_space.Client",
    }
    expected_class = expected_class[target]
    assert result["client_class"] == expected_class
    assert result["api_base_url"] == result["legacy_api_base_url"] == f"https://{space}"

    # The emulator's side: exactly one message, sent by the real SDK at the space root, as the app asked.
    (message,) = messages
    assert (message["to"], message["from"], message["body"]) == (TO, FROM, BODY)
    assert message["account_sid"] == account.sid and message["status"] == "queued"
    assert result["sent_sid"] == message["sid"]
    path = f"/2010-04-01/Accounts/{account.sid}/Messages.json"
    assert [(r.method, r.path, r.account, r.status) for r in requests] == [
        ("POST", path, account.sid, 201),
        ("POST", path, account.sid, 422),  # the invalid number: refused, no message
    ]
    assert requests[0].form == {"To": TO, "From": FROM, "Body": BODY}
    assert requests[0].headers["User-Agent"].startswith(USER_AGENT[target])
    assert result["refused_sid"] is None  # the app's except TwilioRestException caught the 422

    assert '<Gather action="/menu" numDigits="1"><Say>Press 1' in result["voice"]
    assert "<Message>Thanks! Reply STOP to opt out.</Message>" in result["sms"]
    assert '<Say voice="alice">Your appointment is tomorrow</Say><Hangup />' in result["reminder"]


@pytest.mark.parametrize("target", ["signalwire-sdk", "twilio-sdk"])
def test_migrated_sample_passes_its_own_tests_with_mock_patch_targets_intact(
    tmp_path: Path, target: str, sdk_python: Callable[[str], Path]
) -> None:
    """The app's tests patch ``twilio_app.notifications.Client``: the migration keeps that name, so the
    patches still land (a renamed client would fail them with AttributeError) and nothing flags them."""
    app = _migrated_copy(tmp_path, target)
    tests = (app / "tests" / "test_notifications.py").read_text()
    assert tests == (SAMPLE / "tests" / "test_notifications.py").read_text(), "the app's tests were edited"
    completed = subprocess.run(
        [str(sdk_python(target)), "-m", "unittest", "discover", "-v", "-s", "tests", "-t", "."],
        cwd=app,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(app)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Ran 4 tests" in completed.stderr and completed.stderr.rstrip().endswith("OK")
