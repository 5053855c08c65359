"""The pre-commit hooks (.pre-commit-hooks.yaml) through ``pre-commit try-repo``, as a user's repository
runs them: both fail on a broken document and Twilio code, then pass once fixed or suppressed.

Offline: a ``language: python`` hook is installed with pip into a fresh virtualenv, which normally downloads
the project's dependencies. The test instead points pip at nothing (``PIP_NO_INDEX``), installs only the
project itself (``PIP_NO_DEPS``, no build isolation, so the setuptools of this environment builds it) and
lends the hook this environment's site-packages through ``PYTHONPATH``. The hooks are exactly what users
get; only where their dependencies come from differs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml  # pre-commit's own dependency

from codemods._discover import KINDS
from migrate.discovery import NAME_KINDS, SUFFIX_KINDS
from tests.conftest import PROJECT

BROKEN = (
    b"<Response>\n  <Dial>\n    <Number>+15550001111</Number>\n    <Sip>sip:a@example.com</Sip>\n"
    b"  </Dial>\n</Response>\n"
)
TWILIO = b"from twilio.rest import Client\nclient = Client(sid, token)\n"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PIP_NO_INDEX": "1",
        "PIP_NO_DEPS": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip reads this inverted: 0 turns build isolation off
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
    }
    command = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(PROJECT),
        "--all-files",
        "--color",
        "never",
    ]
    return subprocess.run(
        command, cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None or not (PROJECT / ".git").exists():
        pytest.skip("needs git and a git checkout of the project (pre-commit clones the hooks' repository)")
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    (repo / "call.xml").write_bytes(BROKEN)
    (repo / "app.py").write_bytes(TWILIO)
    git("add", "-A", cwd=repo)
    return repo


def test_both_hooks_fail_then_pass_once_fixed_or_suppressed(repo: Path, tmp_path: Path) -> None:
    home = tmp_path / "pre-commit-home"
    first = try_repo(repo, home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert re.search(r"sw-migrate validate\.+Failed", first.stdout)
    assert "call.xml:3:5: LAML207" in first.stdout
    assert re.search(r"sw-migrate codemod --check\.+Failed", first.stdout)
    assert "would rewrite app.py" in first.stdout

    # The fixes: the document's mixed <Dial> is reviewed and suppressed; the code is migrated.
    (repo / "call.xml").write_bytes(
        BROKEN.replace(b"  <Dial>", b"  <!-- sw-migrate: ignore LAML207 -->\n  <Dial>")
    )
    subprocess.run(
        [sys.executable, "-m", "migrate", "codemod", "--space-url", "example.signalwire.com", "app.py"],
        cwd=repo,
        check=True,
        capture_output=True,
    )
    git("add", "-A", cwd=repo)
    second = try_repo(repo, home)
    assert second.returncode == 0, second.stdout + second.stderr
    assert re.search(r"sw-migrate validate\.+Passed", second.stdout)
    assert re.search(r"sw-migrate codemod --check\.+Passed", second.stdout)


def test_the_codemod_hook_sees_every_kind_the_codemod_handles() -> None:
    """The hook's `files` pattern is written out by hand: it must keep up with the discovery registry."""
    hooks = {hook["id"]: hook for hook in yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text())}
    pattern = re.compile(hooks["sw-migrate-codemod-check"]["files"])
    examples = [f"src/app{suffix}" for suffix, kind in SUFFIX_KINDS.items() if kind in KINDS]
    examples += [
        f"sub/{name.replace('*', 'dev')}"
        for name, kind in NAME_KINDS.items()
        if kind == "manifest"
        and "/" not in name
        and not name.endswith((".lock", "-lock.json", "lock.yaml"))
        and name not in {"npm-shrinkwrap.json", "packages.lock.json"}
    ]
    assert [name for name in examples if not pattern.search(name)] == []
