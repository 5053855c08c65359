"""``sw-migrate sync`` against emulators with 50 ms latency per request: wall time vs the ideal bound.

Twilio → SignalWire: 2,000 numbers, 200 applications, 200 TwiML Bins (contents from ``--bins-from``: a
subprocess cannot reach handler.twilio.com). The emulators run in this process (threaded, latency applied
per request and concurrently); the sync runs as a real ``python -m migrate sync`` subprocess, so the two
never share a GIL. Ideal bound = requests * latency / concurrency. Targets (DESIGN.md): first run ≤ 1.3
times the bound; the second run makes no writes (reads only).

Run: ``python bench/sync.py [--numbers 2000 --applications 200 --bins 200 --latency 0.05 --concurrency 8]
[--live]``
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from migrate.emulator import EmulatedAccount, Emulator, LoggedRequest

PROJECT = Path(__file__).resolve().parents[1]


def seed(
    source: Emulator, target: Emulator, options: argparse.Namespace, bins_dir: Path
) -> tuple[EmulatedAccount, EmulatedAccount]:
    old, new = source.add_account("Twilio"), target.add_account("SignalWire")
    bin_urls = []
    for n in range(options.bins):
        contents = f"<Response><Say>Bin {n} for {{{{From}}}}</Say></Response>"
        url = source.add_twiml_bin(old, contents)
        (bins_dir / f"{url.rsplit('/', 1)[1]}.xml").write_text(contents, encoding="utf-8")
        bin_urls.append(url)
    apps = [
        source.seed(
            old,
            "Applications",
            friendly_name=f"App {n:04d}",
            voice_url=bin_urls[n % len(bin_urls)],
            sms_url=f"https://example.com/sms/{n}",
        )
        for n in range(options.applications)
    ]
    for n in range(options.numbers):
        number = f"+1555{n:07d}"
        fields = {"voice_application_sid": apps[n % len(apps)]["sid"], "friendly_name": f"Line {n}"}
        source.seed(old, "IncomingPhoneNumbers", phone_number=number, **fields)
        target.seed(new, "IncomingPhoneNumbers", phone_number=number)  # ported already
    return old, new


def kind(entry: LoggedRequest) -> str:
    """``GET list`` / ``GET bin`` / ``POST create`` / ``POST update`` and the resource."""
    parts = entry.path.rstrip("/").split("/")
    if "twiml" in parts:
        return "GET TwiML Bin"
    resource = next((p.removesuffix(".json") for p in reversed(parts) if p[:1].isupper()), "?")
    if entry.method == "GET":
        return f"GET {resource} (list page)"
    is_create = parts[-1].removesuffix(".json") == resource
    return f"{entry.method} {resource} ({'create' if is_create else 'update'})"


def run(
    config: Path, bins_dir: Path, env: dict[str, str], concurrency: int, report: Path
) -> tuple[float, float]:
    """Wall time and the CPU seconds the sync process used."""
    argv = [sys.executable, "-m", "migrate", "sync", "--from", "old", "--to", "new", "--config", str(config)]
    argv += [
        "--yes",
        "--concurrency",
        str(concurrency),
        "--bins-from",
        str(bins_dir),
        "--report",
        str(report),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with (config.parent / "stdout.txt").open("wb") as stdout:
        done = subprocess.run(argv, cwd=PROJECT, env=env, stdout=stdout, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"sync failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return elapsed, cpu


def measure(
    source: Emulator, target: Emulator, label: str, elapsed: float, cpu: float, options: argparse.Namespace
) -> None:
    entries = source.requests + target.requests
    counts = Counter(kind(e) for e in entries)
    bound = len(entries) * options.latency / options.concurrency
    writes = sum(e.is_write for e in entries)
    print(
        f"\n{label}: {elapsed:.2f} s wall ({cpu:.2f} s CPU in the sync process), "
        f"{len(entries)} requests ({writes} writes)"
    )
    for name, count in sorted(counts.items()):
        print(f"  {count:6d}  {name}")
    print(
        f"  ideal bound {len(entries)} requests * {options.latency * 1000:.0f} ms / "
        f"{options.concurrency} = {bound:.2f} s"
    )
    print(f"  wall / bound = {elapsed / bound:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=int, default=2000)
    parser.add_argument("--applications", type=int, default=200)
    parser.add_argument("--bins", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--live", action="store_true", help="the target leaves out what the live API omits")
    options = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as folder,
        Emulator("twilio") as source,
        Emulator("signalwire", live=options.live) as target,
    ):
        work = Path(folder)
        bins_dir = work / "bins"
        bins_dir.mkdir()
        old, new = seed(source, target, options, bins_dir)
        config = work / "sw-migrate.toml"
        config.write_text(
            source.profile_toml("old", old, "OLD_TOKEN") + target.profile_toml("new", new, "NEW_TOKEN")
        )
        env = {**os.environ, "OLD_TOKEN": old.token, "NEW_TOKEN": new.token, "NO_PROXY": "127.0.0.1"}
        source.faults.latency = target.faults.latency = options.latency
        print(
            f"{options.numbers} numbers, {options.applications} applications, {options.bins} bins; "
            f"latency {options.latency * 1000:.0f} ms per request; concurrency {options.concurrency}"
        )
        for label in ("first run", "second run"):
            source.log.clear()
            target.log.clear()
            elapsed, cpu = run(config, bins_dir, env, options.concurrency, work / "report.json")
            measure(source, target, label, elapsed, cpu, options)


if __name__ == "__main__":
    main()
