"""Requests per second ``sw-migrate emulate`` serves at concurrency 8 (it must never be sync's bottleneck).

The emulator runs as the real command in its own process, seeded with 200 applications and 2,000
numbers; 8 client processes (one keep-alive connection each, so the load generator shares no GIL with
itself or the server) send what ``sync`` sends, in a loop: fetch a number, update a number (with the
required ``AccountSid``), list a page of 50 applications. ``bench/sync.py`` at ``--concurrency 8`` with
50 ms latency needs at most 8 / 0.05 = 160 requests/s; the ratio printed is the headroom over that.

Run: ``python bench/emulator.py [--seconds 10] [--concurrency 8]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

PROJECT = Path(__file__).resolve().parents[1]
SID = "00000000-0000-4000-8000-00000000000b"
TOKEN = "bench-token"
SYNC_DEMAND = 8 / 0.05  # requests/s bench/sync.py can ask for at --concurrency 8, 50 ms latency


def fixture() -> dict[str, object]:
    return {
        "applications": [{"sid": f"AP{i:04d}", "friendly_name": f"app {i}"} for i in range(200)],
        "incoming_phone_numbers": [
            {"sid": f"PN{i:04d}", "phone_number": f"+1555{i:07d}"} for i in range(2000)
        ],
    }


def worker(base: str, deadline: float, index: int) -> int:
    session = requests.Session()
    session.auth = (SID, TOKEN)
    done, n = 0, index
    while time.monotonic() < deadline:
        number = f"{base}/IncomingPhoneNumbers/PN{n % 2000:04d}.json"
        session.get(number, timeout=10).raise_for_status()
        session.post(
            number, data={"AccountSid": SID, "VoiceUrl": f"https://e.com/{n}"}, timeout=10
        ).raise_for_status()
        session.get(f"{base}/Applications.json", params={"PageSize": 50}, timeout=10).raise_for_status()
        done, n = done + 3, n + 8
    return done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    options = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as folder:
        seed = Path(folder) / "fixture.json"
        seed.write_text(json.dumps(fixture()))
        command = [
            sys.executable,
            "-m",
            "migrate",
            "emulate",
            "--port",
            str(port),
            "--project",
            SID,
            "--fixture",
            str(seed),
        ]
        env = {**os.environ, "SW_MIGRATE_EMULATE_TOKEN": TOKEN}
        server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=PROJECT)
        assert server.stdout is not None
        for line in server.stdout:
            if re.search(r"listening on http://127\.0\.0\.1:\d+", line):
                break
        base = f"http://127.0.0.1:{port}/api/laml/2010-04-01/Accounts/{SID}"
        try:
            deadline = time.monotonic() + options.seconds
            started = time.monotonic()
            with multiprocessing.Pool(options.concurrency) as pool:
                counts = pool.starmap(worker, [(base, deadline, i) for i in range(options.concurrency)])
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=10)
    total = sum(counts)
    rate = total / elapsed
    print(f"{total} requests in {elapsed:.1f} s at concurrency {options.concurrency}: {rate:.0f} requests/s")
    print(
        f"bench/sync.py can ask for at most {SYNC_DEMAND:.0f} requests/s: headroom {rate / SYNC_DEMAND:.1f}x"
    )


if __name__ == "__main__":
    main()
