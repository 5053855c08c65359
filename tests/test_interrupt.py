"""Ctrl-C at the awkward moments, through a real process and real SIGINTs sent to its process group (as a
terminal sends them): while files are still being looked for, and pressed again (and again) while a file is
still being transformed. Either way: exit 130, one ``interrupted`` line, no traceback, no "Aborted!", every
file whole.

To press Ctrl-C at a known moment, the command runs under a small wrapper that makes one step wait (the
folder walk, or one file's transform) and touches a file when it gets there; everything else is the real
command.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TWILIO = b"from twilio.rest import Client\nclient = Client(sid, token)\n"
MIGRATED = b"from signalwire.rest import Client\nclient = Client(sid, token)\n"

#: Runs ``sw-migrate`` with the folder walk held until a Ctrl-C ends it.
HOLD_WALK = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
from pathlib import Path
import migrate.discovery as discovery
walk = discovery._Walker.top
def top(self, root):
    Path(os.environ["READY"]).touch()
    time.sleep(60)
    yield from walk(self, root)
discovery._Walker.top = top
from migrate.cli import main
main(prog_name="sw-migrate")
"""

#: Runs ``sw-migrate`` with the transform of ``slow.py`` held for a minute (workers are forked from here).
HOLD_TRANSFORM = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
from pathlib import Path
import codemods._runner as runner
migrate = runner.migrate_source
def held(data, path, *args):
    if path.endswith("slow.py"):
        Path(os.environ["READY"]).touch()
        time.sleep(60)
    return migrate(data, path, *args)
runner.migrate_source = held
from migrate.cli import main
main(prog_name="sw-migrate")
"""


@dataclass
class Outcome:
    """What the interrupted command did, whole: every assertion message shows all of it, so a failure on
    a loaded machine can be diagnosed from the test report alone."""

    code: int | None
    stdout: str
    stderr: str
    presses: list[float] = field(default_factory=list)  # seconds after the command held, per Ctrl-C

    def __str__(self) -> str:
        presses = ", ".join(f"{when:.2f}s" for when in self.presses)
        return (
            f"exit code {self.code}; Ctrl-C pressed at {presses or 'never'} after it held\n"
            f"--- stderr ---\n{self.stderr}--- stdout ---\n{self.stdout}"
        )


def _interrupt(wrapper: str, args: list[str], ready: Path) -> Outcome:
    """Start the wrapped command, wait until it holds, then press Ctrl-C every two seconds until it exits
    (at most ten times).

    The wrappers take SIGINT back as a terminal's foreground process has it: a test run started as a
    background job of a non-interactive shell hands its children SIGINT ignored, and Python then never
    raises KeyboardInterrupt (rightly so for a real background job)."""
    process = subprocess.Popen(
        [sys.executable, "-c", wrapper, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "READY": str(ready)},
        start_new_session=True,
    )
    presses: list[float] = []
    try:
        while not ready.exists():
            if process.poll() is not None:
                stdout, stderr = process.communicate()
                pytest.fail(
                    f"exited before holding\n{Outcome(process.returncode, stdout.decode(), stderr.decode())}"
                )
            time.sleep(0.02)
        held = time.monotonic()
        for _press in range(10):
            os.killpg(process.pid, signal.SIGINT)
            presses.append(time.monotonic() - held)
            try:
                process.wait(timeout=2)
                break
            except subprocess.TimeoutExpired:
                continue
        # Far less than the 60 s the held step sleeps: nothing waited for it, and no worker outlived the
        # command holding its stderr open.
        stdout, stderr = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        outcome = Outcome(None, stdout.decode(), stderr.decode(), presses)
        pytest.fail(f"still running 30 s after the last Ctrl-C\n{outcome}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    return Outcome(process.returncode, stdout.decode(), stderr.decode(), presses)


@pytest.mark.parametrize("command", ["validate", "codemod"])
def test_ctrl_c_while_looking_for_files_exits_130_with_one_line(tmp_path: Path, command: str) -> None:
    (tmp_path / "app.py").write_bytes(TWILIO)
    (tmp_path / "doc.xml").write_bytes(b"<Response><Say>Hi</Say></Response>\n")
    outcome = _interrupt(HOLD_WALK, [command, str(tmp_path)], tmp_path / "ready")
    assert outcome.code == 130, outcome
    assert outcome.stderr.startswith("interrupted: ") and outcome.stderr.count("\n") == 1, outcome
    assert (tmp_path / "app.py").read_bytes() == TWILIO, outcome


def test_ctrl_c_again_stops_waiting_for_a_file_still_being_transformed(tmp_path: Path) -> None:
    files = [tmp_path / f"m{index}.py" for index in range(6)]
    for path in [*files, tmp_path / "slow.py"]:
        path.write_bytes(TWILIO)
    outcome = _interrupt(HOLD_TRANSFORM, ["codemod", "--jobs", "2", str(tmp_path)], tmp_path / "ready")
    assert outcome.code == 130, outcome
    assert "Traceback" not in outcome.stderr and "Aborted" not in outcome.stderr, outcome
    lines = outcome.stderr.splitlines()
    headers = [line for line in lines if line.startswith("interrupted: ")]
    assert len(headers) == 1, outcome
    assert (tmp_path / "slow.py").read_bytes() == TWILIO, outcome  # dropped before any write
    rewritten = {path for path in files if path.read_bytes() == MIGRATED}
    assert rewritten | {path for path in files if path.read_bytes() == TWILIO} == set(files), outcome  # whole
    listed = {Path(line.split(": ", 1)[1]) for line in lines if line.startswith("rewritten: ")}
    assert listed == rewritten, outcome
    assert headers[0].startswith(f"interrupted: {len(rewritten)} file"), outcome
    assert not list(tmp_path.glob(".*.sw-migrate")), outcome
