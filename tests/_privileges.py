"""Running a command so that file permissions apply, even when the suite runs as root.

Root reads a mode-000 file and lists a mode-000 folder because it holds CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH. ``setpriv`` (util-linux) starts the command with both removed from its bounding set, so
the kernel checks permissions as for anyone else; the interpreter under /root stays reachable because root
still owns it. Without setpriv, or where the container forbids dropping capabilities, the test is skipped
with that reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

_DROP = "--bounding-set=-dac_override,-dac_read_search"


def unprivileged(argv: list[str]) -> list[str]:
    """*argv* as is for an ordinary user; as root, wrapped so that file permissions bind it."""
    if os.geteuid() != 0:
        return argv
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): file permissions cannot be enforced")
    probe = subprocess.run([setpriv, _DROP, "true"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"running as root and setpriv cannot drop capabilities: {probe.stderr.strip()}")
    return [setpriv, _DROP, *argv]
