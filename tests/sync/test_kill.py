"""A real ``python -m migrate sync`` process killed (SIGKILL) mid-apply; the re-run completes the job.

The emulators run in this test process; the sync runs as a subprocess against them, as a user would run it.
Twilio bins come from ``--bins-from`` (the subprocess cannot reach handler.twilio.com).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrate.emulator import EmulatedAccount, Emulator
from migrate.sync import Journal
from tests.conftest import PROJECT

APPS = 30
NUMBERS = 60
BIN = "<Response><Say>Bin {n}</Say></Response>"


@pytest.fixture
def emulators() -> Iterator[tuple[Emulator, Emulator]]:
    with Emulator("twilio") as source, Emulator("signalwire") as target:
        yield source, target


def seed(source: Emulator, target: Emulator, bins_dir: Path) -> tuple[EmulatedAccount, EmulatedAccount]:
    old, new = source.add_account("Old"), target.add_account("New")
    apps = []
    for n in range(APPS):
        url = source.add_twiml_bin(old, BIN.format(n=n))
        (bins_dir / f"{url.rsplit('/', 1)[1]}.xml").write_text(BIN.format(n=n), encoding="utf-8")
        apps.append(source.seed(old, "Applications", friendly_name=f"App {n:02d}", voice_url=url))
    for n in range(NUMBERS):
        number = f"+1555040{n:04d}"
        source.seed(
            old, "IncomingPhoneNumbers", phone_number=number, voice_application_sid=apps[n % APPS]["sid"]
        )
        target.seed(new, "IncomingPhoneNumbers", phone_number=number)
    return old, new


def sync_process(config: Path, bins_dir: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The sync in its own process; stdout (the plan, long) goes to a file so a full pipe cannot stall it."""
    argv = [sys.executable, "-m", "migrate", "sync", "--from", "old", "--to", "new", "--config", str(config)]
    argv += ["--yes", "--concurrency", "2", "--bins-from", str(bins_dir)]
    with (config.parent / "stdout.txt").open("wb") as stdout:
        return subprocess.Popen(argv, cwd=PROJECT, env=env, stdout=stdout, stderr=subprocess.PIPE)


def test_sigkill_mid_apply_then_rerun_converges_without_duplicates(
    emulators: tuple[Emulator, Emulator], tmp_path: Path
) -> None:
    source, target = emulators
    bins_dir = tmp_path / "bins"
    bins_dir.mkdir()
    old, new = seed(source, target, bins_dir)
    config = tmp_path / "sw-migrate.toml"
    config.write_text(
        source.profile_toml("old", old, "OLD_TOKEN") + target.profile_toml("new", new, "NEW_TOKEN")
    )
    env = {**os.environ, "OLD_TOKEN": old.token, "NEW_TOKEN": new.token, "NO_PROXY": "127.0.0.1"}
    target.faults.latency = 0.02  # slow enough to be caught in the middle

    process = sync_process(config, bins_dir, env)
    deadline = time.monotonic() + 30
    while len(target.writes()) < 45 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    _, err = process.communicate()
    assert process.returncode == -signal.SIGKILL, f"the sync ended by itself: {err.decode()}"
    written = len(target.writes())
    assert written >= 45, err.decode()
    assert written < 2 * APPS + NUMBERS

    state = tmp_path / f".sw-migrate-sync.{old.sid}.{new.sid}.json"
    json.loads(state.read_text())  # the snapshot is whole: it is only ever replaced atomically
    journal = Journal.load(state, ("twilio", old.sid), ("signalwire", new.sid))
    assert len(journal) >= 40  # the log replayed: what was written before the kill is known
    target.faults.latency = 0.0
    process = sync_process(config, bins_dir, env)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode()
    assert "0 failed" in (tmp_path / "stdout.txt").read_text()

    bins = {b["name"]: b for b in target.records(new, "LamlBins")}
    apps = {a["friendly_name"]: a for a in target.records(new, "Applications")}
    assert len(bins) == len(target.records(new, "LamlBins")) == APPS
    assert len(apps) == len(target.records(new, "Applications")) == APPS
    source_apps = {a["sid"]: a for a in source.records(old, "Applications")}
    for app in source_apps.values():
        eh = app["voice_url"].rsplit("/", 1)[1]
        assert apps[app["friendly_name"]]["voice_url"] == bins[eh]["request_url"]
        assert bins[eh]["contents"] == (bins_dir / f"{eh}.xml").read_text()
    numbers = {n["phone_number"]: n for n in target.records(new, "IncomingPhoneNumbers")}
    for number in source.records(old, "IncomingPhoneNumbers"):
        wanted = source_apps[number["voice_application_sid"]]["friendly_name"]
        assert numbers[number["phone_number"]]["voice_application_sid"] == apps[wanted]["sid"]
    # Every resource was created once: the second run did not repeat what the first had done.
    creates = [
        w
        for w in target.writes()
        if w.method == "POST" and w.path.endswith(("/Applications.json", "/LamlBins"))
    ]
    assert len(creates) <= 2 * APPS + 2  # at most the in-flight creates were re-sent, found, or repeated
