"""Public trial of the Node.js, PHP, Ruby and C# codemods on the repositories of
``../shared/corpus/PUBLIC-REPOS.md``.

Each repository (a bare git mirror, as the ``fetch`` tool leaves them) is exported at HEAD into a temporary
folder, migrated in place with ``sw-migrate codemod --language LANG --format json``, then migrated again: the
second run must change nothing. Prints one row per repository: files scanned, rewritten, findings, failures,
second-run changes, and the findings by code. Not a test; the numbers go in the README.

    python bench/trial_languages.py node:/path/to/mirror.git php:/path/... [--keep DIR]
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def export(mirror: Path, into: Path) -> str:
    """Write the mirror's HEAD files into *into* (blobs the snapshot lacks, large binaries, are skipped)."""
    git = ["git", "--git-dir", str(mirror)]
    commit = subprocess.run(
        [*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    listing = subprocess.run([*git, "ls-tree", "-r", "-z", commit], capture_output=True, check=True).stdout
    for entry in filter(None, listing.split(b"\0")):
        meta, _, name = entry.partition(b"\t")
        mode, kind, blob = meta.split()
        if kind != b"blob" or mode == b"120000":
            continue
        content = subprocess.run([*git, "cat-file", "blob", blob.decode()], capture_output=True, check=False)
        if content.returncode == 0:
            target = into / name.decode("utf-8", "surrogateescape")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.stdout)
    return commit


def codemod(folder: Path, language: str) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-m", "migrate", "codemod", "--language", language, "--format", "json", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode not in (0, 1):
        raise RuntimeError(completed.stderr)
    result: dict[str, object] = json.loads(completed.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repos", nargs="+", metavar="LANG:MIRROR")
    args = parser.parse_args()
    print(
        "| language | repository @ commit | scanned | rewritten | manifests | findings | failures | 2nd run |"
    )
    print("|---|---|---|---|---|---|---|---|")
    totals: collections.Counter[str] = collections.Counter()
    codes: collections.Counter[str] = collections.Counter()
    for spec in args.repos:
        language, mirror = spec.split(":", 1)
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            commit = export(Path(mirror), folder)
            first = codemod(folder, language)
            second = codemod(folder, language)
        summary, again = first["summary"], second["summary"]
        assert isinstance(summary, dict) and isinstance(again, dict)
        findings = first["findings"]
        assert isinstance(findings, list)
        failures = [
            f for f in findings if f["code"] in ("SW900", "SW901", "SW902", "SW903", "SW904", "SW905")
        ]
        codes.update(f["code"] for f in findings)
        row = {
            "scanned": summary["scanned"],
            "rewritten": summary["changed"],
            "manifests": summary["manifests_changed"],
            "findings": len(findings) - len(failures),
            "failures": len(failures),
            "second": again["changed"] + again["manifests_changed"],
        }
        totals.update(row)
        name = Path(mirror).parent.name.replace("+", "/")
        print(
            f"| {language} | {name} @ {commit[:12]} | {row['scanned']} | {row['rewritten']} "
            f"| {row['manifests']} | {row['findings']} | {row['failures']} | {row['second']} |"
        )
        for failure in failures:
            print(f"  failure: {failure['path']}:{failure['line']}: {failure['code']} {failure['message']}")
    print(
        f"| all | {len(args.repos)} repositories | {totals['scanned']} | {totals['rewritten']} | "
        f"{totals['manifests']} | {totals['findings']} | {totals['failures']} | {totals['second']} |"
    )
    print("findings by code:", ", ".join(f"{code} {count}" for code, count in sorted(codes.items())))


if __name__ == "__main__":
    main()
