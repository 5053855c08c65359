"""``sw-migrate emulate`` as a user runs it: a process on 127.0.0.1 that prints when it is ready."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from migrate.cli import main
from migrate.commands.emulate import emulate as emulate_command
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


def test_live_api_realism_switches_faults_latency_and_paging_over_http() -> None:
    rules = [
        "429,retry-after=2,method=POST,path=/Applications",
        "429,method=post,path=/Queues",
        "lose,method=POST,path=/Queues",
        "503,method=GET,path=/Calls,times=every",
        "drop,method=GET,path=/Recordings",
    ]
    args = ["--port", str(free_port()), "--project", "P1", "--live", "--paging", "meta", "--latency", "0.1"]
    with emulate(*args, *(part for rule in rules for part in ("--fault", rule)), token="t") as (
        origin,
        lines,
        _,
    ):
        assert "misbehaving on purpose: 5 fault rule(s), 0.1 s latency per request" in lines
        base, auth = f"{origin}/api/laml/2010-04-01/Accounts/P1", ("P1", "t")
        app = {"FriendlyName": "IVR", "VoiceUrl": "https://example.com/ivr"}
        limited = requests.post(f"{base}/Applications.json", data=app, auth=auth, timeout=10)
        assert (limited.status_code, limited.headers.get("Retry-After")) == (429, "2")
        assert limited.json()["code"] == 20429
        started = time.monotonic()
        created = requests.post(f"{base}/Applications.json", data=app, auth=auth, timeout=10)
        assert time.monotonic() - started >= 0.1  # --latency: every answer waits
        assert created.status_code == 200 and "message_status_callback" not in created.json()  # --live
        queue = {"FriendlyName": "Support"}
        bare = requests.post(f"{base}/Queues.json", data=queue, auth=auth, timeout=10)
        assert bare.status_code == 429 and "Retry-After" not in bare.headers
        with pytest.raises(requests.ConnectionError):  # performed, then the connection closes unanswered
            requests.post(f"{base}/Queues.json", data=queue, auth=auth, timeout=10)
        queues = requests.get(f"{base}/Queues.json", params=queue, auth=auth, timeout=10).json()
        assert [q["friendly_name"] for q in queues["queues"]] == ["Support"]  # it happened
        for _ in range(2):  # times=every
            assert requests.get(f"{base}/Calls.json", auth=auth, timeout=10).status_code == 503
        with pytest.raises(requests.ConnectionError):  # dropped before anything happened
            requests.get(f"{base}/Recordings.json", auth=auth, timeout=10)
        assert requests.get(f"{base}/Recordings.json", auth=auth, timeout=10).status_code == 200
        listed = requests.get(f"{base}/Applications.json", auth=auth, timeout=10).json()
        assert listed["meta"]["key"] == "applications" and len(listed["applications"]) == 1  # --paging meta


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--tls-cert", "pyproject.toml"], "--tls-cert and --tls-key go together"),
        (["--fixture", "README.md"], "not readable JSON"),
        (["--fault", "700"], "'700' is not an HTTP status 400-599, drop or lose"),
        (["--fault", "drop,retry-after=1"], "retry-after goes with a status, not with drop or lose"),
        (["--fault", "429,times=0"], "times must be a whole number >= 1, not '0'"),
        (["--fault", "429,retry-after=soon"], "retry-after must be a whole number >= 0, not 'soon'"),
        (["--fault", "503,colour=red"], "unknown key 'colour'"),
        (["--fault", "503,method=PATCH"], "method must be one of GET, POST, PUT, DELETE, not 'PATCH'"),
        (["--fault", "503,after"], "'after' is not KEY=VALUE"),
        (["--fault", "503,times=2,times=3"], "times given twice"),
        (["--latency", "-1"], "Invalid value for '--latency'"),
        (["--latency", "fast"], "Invalid value for '--latency'"),
        (["--paging", "pages"], "Invalid value for '--paging'"),
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


def test_a_certificate_and_key_that_do_not_make_a_pair_are_a_usage_error(tmp_path: Path) -> None:
    certificate, key = self_signed_certificate(tmp_path)
    swapped = ["--tls-cert", str(key), "--tls-key", str(certificate)]  # a user's easy mistake
    result = CliRunner().invoke(main, ["emulate", "--port", str(free_port()), "--project", "P1", *swapped])
    assert result.exit_code == 2, result.output
    assert f"--tls-cert {key} / --tls-key {certificate}: not a PEM certificate and its private key" in (
        result.output
    )
    assert "Traceback" not in result.output


def test_help_names_the_token_and_signing_key_variables_and_the_ready_line() -> None:
    result = CliRunner().invoke(main, ["emulate", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for text in (
        "SW_MIGRATE_EMULATE_TOKEN",
        "SW_MIGRATE_EMULATE_SIGNING_KEY",
        "listening on http://127.0.0.1:PORT",
    ):
        assert text in result.output


def test_a_port_in_use_is_a_usage_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["emulate", "--port", str(port), "--project", "P1"])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_the_readme_s_fault_example_is_a_valid_command() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    command = next(block for block in readme.split("```") if "emulate --port 8933" in block)
    args = command.replace("\\\n", " ").split()
    assert args[:3] == ["sh", "sw-migrate", "emulate"]
    context = emulate_command.make_context("emulate", args[3:])  # parses and validates every option
    assert [f.status or ("lose" if f.lose_response else "drop") for f in context.params["faults"]] == [
        429,
        503,
        "lose",
    ]
    assert context.params["latency"] == 0.05
