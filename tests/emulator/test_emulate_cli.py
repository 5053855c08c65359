"""``sw-migrate emulate`` as a user runs it: a process on 127.0.0.1 that prints when it is ready."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from migrate.cli import main
from migrate.emulator._server import self_signed_certificate
from tests.conftest import PROJECT

READY = re.compile(r"listening on (https?)://127\.0\.0\.1:(\d+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def emulate(*args: str, token: str | None = None) -> Iterator[tuple[str, list[str], subprocess.Popen[str]]]:
    """Run the command; yield (origin, the lines printed before ready, the process)."""
    env = {k: v for k, v in os.environ.items() if k != "SW_MIGRATE_EMULATE_TOKEN"}
    if token is not None:
        env["SW_MIGRATE_EMULATE_TOKEN"] = token
    command = [sys.executable, "-m", "migrate", "emulate", *args]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=PROJECT
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            ready = READY.search(line)
            if ready:
                yield f"{ready.group(1)}://127.0.0.1:{ready.group(2)}", lines, process
                break
        else:
            pytest.fail("emulate exited before it was ready:\n" + "\n".join(lines))
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)


def test_signalwire_project_with_token_fixture_and_tls(tmp_path: Path) -> None:
    certificate, key = self_signed_certificate(tmp_path)
    fixture = tmp_path / "fixture.json"
    fixture.write_text(
        json.dumps(
            {
                "incoming_phone_numbers": [
                    {"phone_number": "+15550100001", "voice_url": "https://example.com/v"}
                ],
                "queues": [{"sid": "QU1", "friendly_name": "Support", "members": [{"call_sid": "CA1"}]}],
                "unknown_key": [1],
            }
        )
    )
    port = free_port()
    args = ("--port", str(port), "--project", "P1", "--fixture", str(fixture))
    with emulate(*args, "--tls-cert", str(certificate), "--tls-key", str(key), token="s3cret") as (
        origin,
        lines,
        _,
    ):
        assert origin == f"https://127.0.0.1:{port}"
        assert "seeded from" in lines[0] and "1 incoming_phone_numbers" in lines[0]
        assert not any("s3cret" in line for line in lines)  # a token from the environment is never printed
        base = f"{origin}/api/laml/2010-04-01/Accounts/P1"
        numbers = requests.get(
            f"{base}/IncomingPhoneNumbers.json", auth=("P1", "s3cret"), verify=certificate, timeout=10
        )
        assert [n["phone_number"] for n in numbers.json()["incoming_phone_numbers"]] == ["+15550100001"]
        front = requests.get(
            f"{base}/Queues/QU1/Members/Front.json", auth=("P1", "s3cret"), verify=certificate, timeout=10
        )
        assert front.json()["call_sid"] == "CA1"
        refused = requests.get(f"{base}.json", auth=("P1", "wrong"), verify=certificate, timeout=10)
        assert refused.status_code == 401
        # FriendlyName is required on Update an Application: always enforced here (422 on SignalWire).
        app = requests.post(
            f"{base}/Applications.json",
            data={"FriendlyName": "a"},
            auth=("P1", "s3cret"),
            verify=certificate,
            timeout=10,
        )
        update = requests.post(
            f"{base}/Applications/{app.json()['sid']}.json",
            data={"VoiceUrl": "https://e.com"},
            auth=("P1", "s3cret"),
            verify=certificate,
            timeout=10,
        )
        assert update.status_code == 422 and update.json()["errors"][0]["attribute"] == "FriendlyName"


def test_twilio_dialect_random_token_inventory_snapshot_and_clean_stop(tmp_path: Path) -> None:
    snapshot = tmp_path / "inventory.json"
    inventory = {
        "account": {"friendly_name": "Old account"},
        "applications": [
            {"sid": "AP1", "friendly_name": "IVR", "voice_url": "https://example.com/ivr", "flags": []}
        ],
        "phone_numbers": [
            {"sid": "PN1", "phone_number": "+15550100002", "voice_application_sid": "AP1", "flags": []}
        ],
        "laml_bins": [],
        "summary": {"applications": 1},
    }
    snapshot.write_text(json.dumps(inventory))
    args = ("--port", str(free_port()), "--dialect", "twilio", "--project", "AC1", "--fixture", str(snapshot))
    with emulate(*args) as (origin, lines, process):
        token = next(line.rsplit(": ", 1)[1] for line in lines if line.startswith("token (random"))
        base = f"{origin}/2010-04-01/Accounts/AC1"
        account = requests.get(f"{base}.json", auth=("AC1", token), timeout=10).json()
        assert account["friendly_name"] == "Old account"
        number = requests.get(f"{base}/IncomingPhoneNumbers/PN1.json", auth=("AC1", token), timeout=10).json()
        assert number["voice_application_sid"] == "AP1" and "flags" not in number
        missing = requests.post(
            f"{base}/Messages.json", data={"To": "+15550100003"}, auth=("AC1", token), timeout=10
        )
        assert (missing.status_code, missing.json()["code"]) == (400, 21603)  # Twilio's flat error body
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--tls-cert", "pyproject.toml"], "--tls-cert and --tls-key go together"),
        (["--fixture", "README.md"], "not readable JSON"),
    ],
)
def test_usage_errors_exit_2(extra: list[str], expected: str) -> None:
    result = CliRunner().invoke(main, ["emulate", "--port", str(free_port()), "--project", "P1", *extra])
    assert result.exit_code == 2
    assert expected in result.output


def test_a_fixture_in_the_wrong_shape_names_the_key(tmp_path: Path) -> None:
    fixture = tmp_path / "bad.json"
    fixture.write_text(json.dumps({"queues": [{"sid": "QU1", "members": [{"position": 1}]}]}))
    result = CliRunner().invoke(
        main, ["emulate", "--port", str(free_port()), "--project", "P1", "--fixture", str(fixture)]
    )
    assert result.exit_code == 2
    assert "queues[QU1].members: every entry needs a call_sid" in result.output


def test_a_port_in_use_is_a_usage_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["emulate", "--port", str(port), "--project", "P1"])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
