"""The project as a user's clone sees it: tests needing material from outside, reproducible property tests,
and packaging metadata that builds with the declared backend."""

from __future__ import annotations

import os
import subprocess
import sys
from email.parser import Parser
from importlib.metadata import version
from pathlib import Path

import pytest

import migrate
from tests._shared import REQUIRE_ENV, SHARED_ENV
from tests.conftest import PROJECT


def run_pytest(*args: str, env: dict[str, str], cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {SHARED_ENV, REQUIRE_ENV, "HYPOTHESIS_PROFILE"}}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_corpus_tests_skip_with_the_variable_to_set_when_the_material_is_absent(tmp_path: Path) -> None:
    result = run_pytest("tests/laml/test_corpus.py", env={SHARED_ENV: str(tmp_path)})
    assert result.returncode == 0, result.stdout
    assert "6 skipped" in result.stdout
    assert f"Twilio's published TwiML documents not found: {tmp_path}" in result.stdout
    assert f"set {SHARED_ENV} to the folder that holds corpus/twiml/api-snippets" in result.stdout


def test_absent_material_fails_when_ci_requires_it(tmp_path: Path) -> None:
    result = run_pytest("tests/laml/test_corpus.py", env={SHARED_ENV: str(tmp_path), REQUIRE_ENV: "1"})
    assert result.returncode == 1
    assert "6 errors" in result.stdout
    assert f"{REQUIRE_ENV} is set: CI requires it" in result.stdout


FLAKY = """
from hypothesis import given, strategies as st

@given(st.integers())
def test_fails(n):
    assert n < 1000
"""


@pytest.mark.parametrize(("profile", "blob"), [("ci", True), ("default", False)])
def test_ci_profile_prints_the_blob_that_replays_a_failure(tmp_path: Path, profile: str, blob: bool) -> None:
    """The suite's conftest, loaded as a plugin, applies HYPOTHESIS_PROFILE to a failing property test."""
    (tmp_path / "test_flaky.py").write_text(FLAKY)
    result = run_pytest(
        "-p",
        "tests.conftest",
        "test_flaky.py",
        env={"HYPOTHESIS_PROFILE": profile, "PYTHONPATH": str(PROJECT)},
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "n=1000" in result.stdout  # the failing example
    assert ("@reproduce_failure(" in result.stdout) is blob


def test_metadata_builds_with_the_installed_backend(tmp_path: Path) -> None:
    """What `pip install --no-build-isolation -e .` asks of the backend installed beside the test extra."""
    build = (
        "import sys, setuptools.build_meta as backend;"
        "print(backend.prepare_metadata_for_build_editable(sys.argv[1]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", build, str(tmp_path)], cwd=PROJECT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dist_info = tmp_path / result.stdout.strip().splitlines()[-1]
    metadata = Parser().parsestr((dist_info / "METADATA").read_text())
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    assert metadata["Version"] == version("signalwire-migrate") == migrate.__version__
    assert "MIT License" in (PROJECT / "LICENSE").read_text()
