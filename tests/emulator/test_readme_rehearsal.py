"""The README's "Rehearse a migration locally" block, run as a user pastes it (with free ports)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT


def rehearsal_script() -> str:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- rehearsal -->\n```sh\n(.*?)```", readme, re.DOTALL)
    assert match is not None, "README.md lost its rehearsal block"
    return match.group(1)


def free_ports(count: int) -> list[int]:
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def test_the_rehearsal_block_migrates_the_demo_account(tmp_path: Path) -> None:
    script = rehearsal_script()
    assert "8931" in script and "8932" in script
    old, new = free_ports(2)
    script = script.replace("8931", str(old)).replace("8932", str(new))
    # Only the installed command on PATH, as after the quick start; no test extra needed by the block.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("SW_MIGRATE_EMULATE_TOKEN", None)
    result = subprocess.run(
        ["bash", "-e", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Plan: 1 to create, 2 to update" in out
    assert "Applied 3 of 3 changes; 0 failed" in out
    assert re.search(r'\+15550100001 .*\n\s+voice: app "Main IVR"', out)
    assert "sms: POST https://example.com/sms" in out
    assert "GET /api/laml" not in (tmp_path / "new.log").read_text()  # no access log without --access-log
