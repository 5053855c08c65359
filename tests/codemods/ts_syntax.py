"""Run a language's own syntax checker (``php -l``, ``ruby -c``) on migrated output, or skip saying why."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def migrated_sample(tmp_path: Path, name: str, *options: str) -> Path:
    """A copy of ``samples/<name>`` migrated in place by the CLI (no file may fail)."""
    app = tmp_path / name
    shutil.copytree(SAMPLES / name, app)
    result = CliRunner().invoke(main, ["codemod", *options, str(app)])
    assert "0 failed" in result.stderr, result.output
    return app


def assert_valid(command: str, flag: str, path: Path) -> None:
    """``command flag path`` must succeed; skip when *command* is absent (.ci/run installs it if it can)."""
    executable = shutil.which(command)
    if executable is None:
        pytest.skip(f"`{command}` is not installed (Debian packages php-cli / ruby)")
    completed = subprocess.run([executable, flag, str(path)], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stdout + completed.stderr
