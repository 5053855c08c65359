"""Benchmark: ``sw-migrate codemod --check`` vs ``python -m libcst.tool codemod`` on the same generated tree.

Generates a repository of N files (default 10,000) in which ~2% use Twilio in the forms real code uses, then
in the same run times (1) our command in --check mode, (2) LibCST's own runner applying the very same
command with ``--no-format --unified-diff`` (writes nothing, needs no black), both with the same job count,
and (3) our command on the Twilio files alone (parse-bound files/s). Not a test; numbers go in the README.

    python bench/codemod.py [--files 10000] [--share 0.02] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMAND = "codemods.migrate_to_signalwire.MigrateToSignalWireCommand"
SPACE = ["--space-url", "example.signalwire.com"]

PLAIN = '''"""Module {index}: order handling helpers."""

import dataclasses
import logging

log = logging.getLogger(__name__)


@dataclasses.dataclass
class Order{index}:
    id: int
    total: float
    items: list[str]

    def describe(self) -> str:
        return f"order {{self.id}}: {{len(self.items)}} items, {{self.total:.2f}}"


def discount(order: Order{index}, rate: float = 0.{rate}) -> float:
    """Apply a flat discount, never below zero."""
    value = order.total * (1 - rate)
    if value < 0:
        log.warning("negative total for %s", order.id)
        return 0.0
    return round(value, 2)


def summarize(orders: list[Order{index}]) -> dict[str, float]:
    totals = [discount(order) for order in orders]
    return {{"count": len(totals), "sum": sum(totals), "max": max(totals, default=0.0)}}
'''

TWILIO_FORMS = [
    """import os
from twilio.rest import Client
from twilio.twiml.voice_response import VoiceResponse, Gather

client = Client(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_AUTH_TOKEN"])


def notify_{index}(to: str) -> str:
    return client.messages.create(to=to, from_="+15550100000", body="hi").sid


def ivr_{index}() -> str:
    response = VoiceResponse()
    gather = Gather(num_digits=1)
    gather.say("Press 1")
    response.append(gather)
    return str(response)
""",
    """import twilio.rest
from twilio.base.exceptions import TwilioRestException


def client_{index}(sid, token):
    return twilio.rest.Client(username=sid, password=token)


def send_{index}(sid, token, to):
    try:
        return client_{index}(sid, token).calls.create(to=to, from_="+15550100000", url="https://x/voice")
    except TwilioRestException:
        return None
""",
    """from twilio import twiml
from twilio.rest import TwilioRestClient

client = TwilioRestClient(account="AC{index:032d}", token="secret")


def reply_{index}():
    r = twiml.Response()
    r.message("Thanks")
    return str(r)
""",
]


def generate(root: Path, files: int, share: float, seed: int = 7) -> list[Path]:
    """Write the tree; returns the paths of the Twilio files."""
    rng = random.Random(seed)
    twilio_indices = set(rng.sample(range(files), round(files * share)))
    twilio_files = []
    for index in range(files):
        folder = root / f"pkg{index // 250:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"mod{index:05d}.py"
        if index in twilio_indices:
            path.write_text(
                PLAIN.format(index=index, rate=index % 9 + 1)
                + "\n"
                + TWILIO_FORMS[index % 3].format(index=index)
            )
            twilio_files.append(path)
        else:
            path.write_text(PLAIN.format(index=index, rate=index % 9 + 1))
    return twilio_files


def timed(argv: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    completed = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, completed


def sw_migrate(tree: Path, jobs: int) -> tuple[float, dict[str, int]]:
    seconds, completed = timed(
        [
            sys.executable,
            "-m",
            "migrate",
            "codemod",
            "--check",
            "--format",
            "json",
            "--jobs",
            str(jobs),
            *SPACE,
            ".",
        ],
        tree,
    )
    if completed.returncode not in (0, 1):
        raise SystemExit(completed.stderr)
    return seconds, json.loads(completed.stdout)["summary"]


def libcst_tool(tree: Path, jobs: int) -> tuple[float, int]:
    seconds, completed = timed(
        [
            sys.executable,
            "-m",
            "libcst.tool",
            "codemod",
            "--no-format",
            "--unified-diff",
            "-x",
            COMMAND,
            # Value options must follow the command name: libcst.tool mis-parses them before it.
            "-j",
            str(jobs),
            *SPACE,
            ".",
        ],
        tree,
    )
    if "Finished codemodding" not in completed.stderr:
        raise SystemExit(completed.stderr[-2000:])
    # "Transformed N files" counts every file processed; the diff headers count the files it would change.
    return seconds, sum(1 for line in completed.stdout.splitlines() if line.startswith("+++ "))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--share", type=float, default=0.02)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sw-bench-") as workdir:
        tree = Path(workdir) / "repo"
        twilio_files = generate(tree, args.files, args.share)
        only_twilio = Path(workdir) / "twilio-only"
        for path in twilio_files:
            target = only_twilio / path.relative_to(tree)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        ours, summary = sw_migrate(tree, args.jobs)
        theirs, transformed = libcst_tool(tree, args.jobs)
        parse_bound, only_summary = sw_migrate(only_twilio, args.jobs)
    result = {
        "files": args.files,
        "twilio_files": len(twilio_files),
        "jobs": args.jobs,
        "sw_migrate_check_s": round(ours, 2),
        "sw_migrate_found": summary["changed"],
        "libcst_tool_s": round(theirs, 2),
        "libcst_tool_transformed": transformed,
        "speedup": round(theirs / ours, 1),
        "twilio_only_s": round(parse_bound, 2),
        "twilio_only_files_per_s": round(only_summary["changed"] / parse_bound, 1),
    }
    print(json.dumps(result, indent=2))
    if summary["changed"] != len(twilio_files) or transformed != len(twilio_files):
        raise SystemExit("not every Twilio file was found")
    results = Path(__file__).with_name("results")
    results.mkdir(exist_ok=True)
    (results / "codemod.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
