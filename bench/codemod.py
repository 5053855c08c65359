"""Benchmark: the codemod per Twilio file, and on a whole tree against ``python -m libcst.tool codemod``.

Generates a repository of N modules (default 2,020) of 100-300 lines each, of which T (default 40) use
Twilio in the forms real code uses, then measures, as ranges over repeated runs:

1. **Per Twilio file** (in this process, one core): ``migrate_source`` against the floor any LibCST codemod
   pays for the same file — one ``libcst.parse_module``, qualified-name resolution through
   ``MetadataWrapper(module).resolve(QualifiedNameProvider)`` and codegen. Runs are interleaved file by
   file so machine load hits both sides alike. Target: ratio <= 1.5.
2. **Whole tree**: ``sw-migrate codemod --check --jobs J`` against LibCST's own runner applying the very same
   command (``--no-format --unified-diff``: writes nothing, needs no black), same job count. Target: >= 30x.

Not a test; numbers go in the README.

    python bench/codemod.py [--modules 2020] [--twilio 40] [--jobs 2] [--repeats 5] [--tree-repeats 3]
                            [--libcst-repeats 2]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, QualifiedNameProvider

from codemods import migrate_source

COMMAND = "codemods.migrate_to_signalwire.MigrateToSignalWireCommand"

HEADER = '''"""Module {index}: order handling helpers."""

import dataclasses
import logging
{extra_imports}
log = logging.getLogger(__name__)
'''

BLOCK = '''

@dataclasses.dataclass
class Order{index}x{block}:
    id: int
    total: float
    items: list[str]

    def describe(self) -> str:
        return f"order {{self.id}}: {{len(self.items)}} items, {{self.total:.2f}}"


def discount_{block}(order: Order{index}x{block}, rate: float = 0.{rate}) -> float:
    """Apply a flat discount, never below zero."""
    value = order.total * (1 - rate)
    if value < 0:
        log.warning("negative total for %s", order.id)
        return 0.0
    return round(value, 2)


def summarize_{block}(orders: list[Order{index}x{block}]) -> dict[str, float]:
    totals = [discount_{block}(order) for order in orders]
    return {{"count": len(totals), "sum": sum(totals), "max": max(totals, default=0.0)}}
'''

#: (imports, body) pairs in the forms real code uses: modern client + builders, dotted client, 5.x code.
TWILIO_FORMS = [
    (
        "import os\n\nfrom twilio.rest import Client\n"
        "from twilio.twiml.voice_response import Gather, VoiceResponse\n",
        """

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
    ),
    (
        "\nimport twilio.rest\nfrom twilio.base.exceptions import TwilioRestException\n",
        """

def client_{index}(sid, token):
    return twilio.rest.Client(username=sid, password=token)


def send_{index}(sid, token, to):
    try:
        return client_{index}(sid, token).calls.create(to=to, from_="+15550100000", url="https://x/voice")
    except TwilioRestException:
        return None
""",
    ),
    (
        "\nfrom twilio import twiml\nfrom twilio.rest import TwilioRestClient\n",
        """

client = TwilioRestClient(account="AC{index:032d}", token="secret")


def reply_{index}():
    r = twiml.Response()
    r.message("Thanks")
    return str(r)
""",
    ),
]


def module_source(index: int, lines: int, twilio: bool) -> str:
    """A module of about *lines* lines; Twilio modules carry one of :data:`TWILIO_FORMS`."""
    imports, body = TWILIO_FORMS[index % len(TWILIO_FORMS)] if twilio else ("", "")
    text = HEADER.format(index=index, extra_imports=imports) + body.format(index=index)
    block = 0
    while text.count("\n") < lines:
        text += BLOCK.format(index=index, block=block, rate=(index + block) % 9 + 1)
        block += 1
    return text


def generate(root: Path, modules: int, twilio: int, seed: int = 7) -> list[Path]:
    """Write the tree; returns the paths of the Twilio modules."""
    rng = random.Random(seed)
    twilio_indices = set(rng.sample(range(modules), twilio))
    twilio_files = []
    for index in range(modules):
        folder = root / f"pkg{index // 250:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"mod{index:05d}.py"
        path.write_text(module_source(index, rng.randint(100, 300), index in twilio_indices))
        if index in twilio_indices:
            twilio_files.append(path)
    return twilio_files


def floor_cost(data: bytes) -> bytes:
    """What any LibCST codemod pays per file: parse, qualified names, codegen."""
    module = cst.parse_module(data)
    MetadataWrapper(module).resolve(QualifiedNameProvider)
    return module.bytes


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def per_file(paths: list[Path], repeats: int) -> dict[str, object]:
    """Ratio of our per-file cost to the floor, per repeat (sums over all Twilio files)."""
    sources = [(str(path), path.read_bytes()) for path in paths]
    for path, data in sources:  # warm imports and caches (sort settings, contract data) on both sides
        floor_cost(data)
        migrate_source(data, path)
    ratios, ours_ms, floor_ms, per_file_ratios = [], [], [], []
    for repeat in range(repeats):
        ours_total = floor_total = 0.0
        for path, data in sources:
            pair = [functools.partial(floor_cost, data), functools.partial(migrate_source, data, path)]
            if repeat % 2:
                pair.reverse()
            first, second = (_timed(run) for run in pair)
            floor, ours = (first, second) if not repeat % 2 else (second, first)
            ours_total += ours
            floor_total += floor
            per_file_ratios.append(ours / floor)
        ratios.append(ours_total / floor_total)
        ours_ms.append(1000 * ours_total / len(sources))
        floor_ms.append(1000 * floor_total / len(sources))
    return {
        "files": len(sources),
        "lines": [min(d.count(b"\n") for _, d in sources), max(d.count(b"\n") for _, d in sources)],
        "ratio_range": [round(min(ratios), 2), round(max(ratios), 2)],
        "ratio_median_per_file": round(statistics.median(per_file_ratios), 2),
        "ours_ms_per_file_range": [round(min(ours_ms), 1), round(max(ours_ms), 1)],
        "floor_ms_per_file_range": [round(min(floor_ms), 1), round(max(floor_ms), 1)],
    }


def _run(argv: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    completed = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, completed


def sw_migrate(tree: Path, jobs: int) -> tuple[float, int]:
    argv = [
        sys.executable,
        "-m",
        "migrate",
        "codemod",
        "--check",
        "--format",
        "json",
        "--jobs",
        str(jobs),
        ".",
    ]
    seconds, completed = _run(argv, tree)
    if completed.returncode not in (0, 1):
        raise SystemExit(completed.stderr)
    return seconds, json.loads(completed.stdout)["summary"]["changed"]


def libcst_tool(tree: Path, jobs: int) -> tuple[float, int]:
    # Value options must follow the command name: libcst.tool mis-parses them before it.
    argv = [sys.executable, "-m", "libcst.tool", "codemod", "--no-format", "--unified-diff", "-x", COMMAND]
    seconds, completed = _run([*argv, "-j", str(jobs), "."], tree)
    if "Finished codemodding" not in completed.stderr:
        raise SystemExit(completed.stderr[-2000:])
    # "Transformed N files" counts every file processed; the diff headers count the files it would change.
    return seconds, sum(1 for line in completed.stdout.splitlines() if line.startswith("+++ "))


def whole_tree(tree: Path, jobs: int, repeats: int, libcst_repeats: int, expected: int) -> dict[str, object]:
    ours = [sw_migrate(tree, jobs) for _ in range(repeats)]
    theirs = [libcst_tool(tree, jobs) for _ in range(libcst_repeats)]
    if {found for _, found in ours} != {expected} or {found for _, found in theirs} != {expected}:
        raise SystemExit(f"not every Twilio file was found: {ours} {theirs}")
    ours_s = [seconds for seconds, _ in ours]
    theirs_s = [seconds for seconds, _ in theirs]
    return {
        "jobs": jobs,
        "sw_migrate_check_s_range": [round(min(ours_s), 2), round(max(ours_s), 2)],
        "libcst_tool_s_range": [round(min(theirs_s), 1), round(max(theirs_s), 1)],
        "speedup_range": [round(min(theirs_s) / max(ours_s), 1), round(max(theirs_s) / min(ours_s), 1)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, default=2020)
    parser.add_argument("--twilio", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5, help="per-file passes over the Twilio files")
    parser.add_argument("--tree-repeats", type=int, default=3, help="sw-migrate runs over the tree")
    parser.add_argument("--libcst-repeats", type=int, default=2, help="libcst.tool runs (0 to skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sw-bench-") as workdir:
        tree = Path(workdir) / "repo"
        twilio_files = generate(tree, args.modules, args.twilio)
        result: dict[str, object] = {
            "modules": args.modules,
            "twilio_files": len(twilio_files),
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 1) for x in os.getloadavg()],
            "per_twilio_file": per_file(twilio_files, args.repeats),
        }
        if args.libcst_repeats:
            result["whole_tree"] = whole_tree(
                tree, args.jobs, args.tree_repeats, args.libcst_repeats, len(twilio_files)
            )
    print(json.dumps(result, indent=2))
    results = Path(__file__).with_name("results")
    results.mkdir(exist_ok=True)
    (results / "codemod.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
