"""The public trial: run the codemod over real repositories and count what a reviewer would see.

For each repository and commit (``../shared/corpus/PUBLIC-REPOS.md``: HEAD and, where listed, the legacy
5.x commit) the tree is extracted from a local mirror (``git archive``) and migrated by each code version
given (``--code NAME=DIR``: a checkout of this project, so the previous behaviour can be measured next to
the current one). Per version it reports: Python files rewritten, how many of those differ only in import
lines, files ``ruff check --select I001`` passed before and fails after (with the repository's own ruff
settings), and files a second run would still change. Nothing here touches the network.

    python bench/codemod_trial.py --mirrors /work/.mirror --code before=/tmp/old --code after=.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

_ROW = re.compile(r"^\| (?P<repo>[\w.-]+/[\w.-]+) \| (?P<head>[0-9a-f]{40}) \| (?P<legacy>[0-9a-f]{40}|—) \|")
_IMPORT = re.compile(r"^\s*(import |from \S+ import |\)|[\w, ]+,?\s*$)")


def repositories(listing: Path) -> list[tuple[str, str, str | None]]:
    """(owner/name, HEAD, legacy commit or None) for the Python rows of the corpus listing."""
    rows = []
    for line in listing.read_text().splitlines():
        match = _ROW.match(line)
        if match:
            legacy = match["legacy"] if match["legacy"] != "—" else None
            rows.append((match["repo"], match["head"], legacy))
    return rows


def extract(git_dir: Path, commit: str, target: Path) -> None:
    archive = subprocess.run(
        ["git", "--git-dir", str(git_dir), "archive", "--format=tar", commit], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")


def python_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*.py")
        if path.is_file() and not path.is_symlink()
    }


def imports_only(before: bytes, after: bytes) -> bool:
    """Every removed or added line is an import line (or a continuation of one, or blank)."""
    old = before.decode("utf-8", "replace").splitlines()
    new = after.decode("utf-8", "replace").splitlines()
    for line in difflib.unified_diff(old, new, lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        body = line[1:]
        if body.strip() and not _IMPORT.match(body):
            return False
    return True


def unsorted_files(root: Path) -> set[str]:
    """Files ``ruff check --select I001`` flags, with the repository's own settings (if any)."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--select",
            "I001",
            "--output-format",
            "json",
            "--exit-zero",
            ".",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return {
        Path(item["filename"]).relative_to(root).as_posix() for item in json.loads(completed.stdout or "[]")
    }


def migrate(code: Path, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    return subprocess.run(
        [sys.executable, "-m", "migrate", "codemod", *args, "."],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def trial(code: Path, source: Path, work: Path) -> dict[str, int]:
    tree = work / "tree"
    shutil.copytree(source, tree, symlinks=True)
    before = python_files(tree)
    unsorted_before = unsorted_files(tree)
    migrate(code, tree, "--jobs", "2")
    after = python_files(tree)
    changed = [name for name in before if after.get(name) != before[name]]
    unsorted_after = unsorted_files(tree)
    second = migrate(code, tree, "--check", "--format", "json", "--jobs", "2")
    try:
        again = json.loads(second.stdout)["summary"]["changed"]
    except (json.JSONDecodeError, KeyError):
        again = -1  # the older CLI has no JSON summary in this form
    shutil.rmtree(tree)
    return {
        "python_files": len(before),
        "rewritten": len(changed),
        "imports_only": sum(1 for name in changed if imports_only(before[name], after[name])),
        "i001_regressions": len((unsorted_after - unsorted_before) & set(before)),
        "second_run_changes": again,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mirrors", type=Path, required=True, help="folder of OWNER+NAME/repo git mirrors")
    parser.add_argument("--listing", type=Path, default=Path("../shared/corpus/PUBLIC-REPOS.md"))
    parser.add_argument("--code", action="append", required=True, metavar="NAME=DIR")
    parser.add_argument("--only", action="append", default=[], metavar="OWNER/NAME", help="repeatable")
    args = parser.parse_args()
    versions = {name: Path(folder).resolve() for name, folder in (item.split("=", 1) for item in args.code)}
    totals: dict[str, dict[str, dict[str, int]]] = {}
    rows = []
    with tempfile.TemporaryDirectory(prefix="sw-trial-") as workdir:
        for repo, head, legacy in repositories(args.listing):
            if args.only and repo not in args.only:
                continue
            mirror = args.mirrors / repo.replace("/", "+") / "repo"
            git_dir = mirror / ".git" if (mirror / ".git").is_dir() else mirror
            for state, commit in (("head", head), ("legacy", legacy)):
                if commit is None:
                    continue
                source = Path(workdir) / f"{repo.replace('/', '+')}-{state}"
                extract(git_dir, commit, source)
                row: dict[str, object] = {"repo": repo, "state": state, "commit": commit[:12]}
                for name, code in versions.items():
                    counts = trial(code, source, Path(workdir))
                    row[name] = counts
                    bucket = totals.setdefault(name, {}).setdefault(state, {})
                    for key, value in counts.items():
                        bucket[key] = bucket.get(key, 0) + value
                rows.append(row)
                print(json.dumps(row), flush=True)
    print(json.dumps({"totals": totals}, indent=2))


if __name__ == "__main__":
    main()
