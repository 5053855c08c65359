"""Proof the migrated Node.js sample runs: ``npm install`` brings ``@signalwire/compatibility-api`` and the
migrated code sends one SMS through the SignalWire-dialect emulator.

The install runs ``npm install --offline`` from npm's cache, so the test never touches the network;
``.ci/run`` fills the cache first (and sets ``SW_MIGRATE_REQUIRE_NODE``: a missing cache then fails the test).
On a machine without node/npm or without the package in npm's cache the test skips and says why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main
from migrate.emulator import Emulator

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "twilio_node"
FROM, TO, BODY = "+15550100099", "+15550100001", "Your table is ready"


def _unavailable(reason: str) -> None:
    if os.environ.get("SW_MIGRATE_REQUIRE_NODE"):
        pytest.fail(f"SW_MIGRATE_REQUIRE_NODE is set but {reason}")
    pytest.skip(reason)


def _npm_install(app: Path) -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        _unavailable("node and npm are needed to run the migrated Node.js sample")
    completed = subprocess.run(
        ["npm", "install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=app,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if completed.returncode != 0 and "ENOTCACHED" in completed.stderr:
        _unavailable("@signalwire/compatibility-api is not in npm's cache (.ci/run's npm step puts it there)")
    assert completed.returncode == 0, completed.stderr


def _run(app: Path, env: dict[str, str], script: str, *args: str) -> dict[str, str]:
    """Run one of the sample's scripts with node; it prints one JSON object."""
    completed = subprocess.run(
        ["node", script, *args], cwd=app, env=env, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    printed: dict[str, str] = json.loads(completed.stdout)
    return printed


def test_migrated_node_sample_installs_and_sends_an_sms(tmp_path: Path) -> None:
    app = tmp_path / "twilio_node"
    shutil.copytree(SAMPLE, app)
    result = CliRunner().invoke(main, ["codemod", str(app)])
    assert result.exit_code == 1, result.output  # the request-validation finding remains, as documented
    assert "0 failed" in result.stderr
    assert "SW120" in result.output
    manifest = json.loads((app / "package.json").read_text())
    assert manifest["dependencies"] == {"@signalwire/compatibility-api": "^3.2.0"}

    _npm_install(app)
    assert (app / "node_modules" / "@signalwire" / "compatibility-api" / "package.json").is_file()
    assert not (app / "node_modules" / "twilio").exists()  # only the SDK's own copy, nested inside it

    with Emulator("signalwire", tls=True) as emu:
        account = emu.add_account("Migrated Node.js app")
        emu.seed(account, "IncomingPhoneNumbers", phone_number=FROM)
        env = {
            "PATH": os.environ.get("PATH", ""),
            "SIGNALWIRE_SPACE_URL": emu.host,  # 127.0.0.1:PORT; RestClient prepends https://
            "TWILIO_ACCOUNT_SID": account.sid,
            "TWILIO_AUTH_TOKEN": account.token,
            "TWILIO_FROM_NUMBER": FROM,
            "NODE_EXTRA_CA_CERTS": str(emu.ca_bundle),
            "NO_PROXY": "127.0.0.1",
        }
        printed = _run(app, env, "send.js", TO, BODY)  # client from `new twilio(…)`
        reminded = _run(app, env, "remind.js", TO, "tomorrow")  # client from `new Twilio(…)`, the class
        requests = emu.requests
        messages = emu.records(account, "Messages")

    message, reminder = messages
    assert (message["to"], message["from"], message["body"]) == (TO, FROM, BODY)
    assert (reminder["to"], reminder["from"], reminder["body"]) == (
        TO,
        FROM,
        "Reminder: your appointment is tomorrow",
    )
    assert (printed["sid"], reminded["sid"]) == (message["sid"], reminder["sid"])
    path = f"/2010-04-01/Accounts/{account.sid}/Messages.json"
    assert [(r.method, r.path, r.account, r.status) for r in requests] == [
        ("POST", path, account.sid, 201)
    ] * 2
    assert all(r.headers["User-Agent"].startswith("twilio-node/") for r in requests)
    assert '<Gather numDigits="1" action="/menu"><Say>Press 1 for sales' in printed["voice"]
