"""``sw-migrate codemod`` on unlucky trees: huge files, links, read-only files, bytes LibCST cannot keep,
and Ctrl-C. Each case ends with the bytes on disk a user would find."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from migrate.cli import main

TWILIO = b"from twilio.rest import Client\nclient = Client(sid, token)\n"
MIGRATED = b"from signalwire.rest import Client\nclient = Client(sid, token)\n"


def codemod(*args: str) -> Result:
    return CliRunner().invoke(main, ["codemod", *args])


def test_file_over_the_size_limit_is_reported_and_left_alone(tmp_path: Path) -> None:
    big = tmp_path / "big.py"
    big.write_bytes(TWILIO + b"x = 1\n" * 200)
    (tmp_path / "small.py").write_bytes(TWILIO)
    result = codemod(str(tmp_path), "--max-file-size", "1000")
    assert result.exit_code == 3  # files the tool could not process (see README: Exit codes)
    assert f"{big}:1:1: SW906 larger than 1,000 bytes (--max-file-size): not migrated" in result.output
    assert big.read_bytes() == TWILIO + b"x = 1\n" * 200
    assert (tmp_path / "small.py").read_bytes() == MIGRATED


def test_sparse_three_gigabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    """Only the limit plus one byte is read: a whole read would need 3 GB of memory."""
    huge = tmp_path / "huge.py"
    with huge.open("wb") as stream:
        stream.write(TWILIO)
        stream.truncate(3 * 1024**3)
    result = codemod(str(huge))
    assert result.exit_code == 3  # files the tool could not process (see README: Exit codes)
    assert "SW906 larger than 262,144 bytes (--max-file-size): not migrated" in result.output


def test_symlinks_are_written_through_only_inside_the_tree(tmp_path: Path) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside.py"
    (tree / "vendor").mkdir(parents=True)
    outside.write_bytes(TWILIO)
    (tree / "direct.py").write_bytes(TWILIO)
    (tree / "vendor" / "hidden.py").write_bytes(TWILIO)  # excluded: reached only through the link
    (tree / "out.py").symlink_to(outside)
    (tree / "twin.py").symlink_to(tree / "direct.py")
    (tree / "through.py").symlink_to(tree / "vendor" / "hidden.py")
    result = codemod(str(tree), "--exclude", "vendor/")
    assert f"{tree}/out.py:1:1: SW907 symlink to {outside}, outside the tree: not rewritten" in result.output
    assert f"{tree}/twin.py:1:1: SW908 symlink to {tree}/direct.py, which is migrated as itself" in (
        result.output
    )
    assert outside.read_bytes() == TWILIO
    assert (tree / "direct.py").read_bytes() == MIGRATED
    assert (tree / "vendor" / "hidden.py").read_bytes() == MIGRATED
    for name in ("out.py", "twin.py", "through.py"):
        assert (tree / name).is_symlink(), name


def test_hard_links_keep_their_link_count(tmp_path: Path) -> None:
    first, second = tmp_path / "a.py", tmp_path / "b.py"
    first.write_bytes(TWILIO)
    os.link(first, second)
    result = codemod(str(tmp_path))
    assert result.exit_code == 3  # files the tool could not process (see README: Exit codes)
    assert f"{first}:1:1: SW907 has 2 hard links; replacing it would split them: not rewritten" in (
        result.output
    )
    assert first.stat().st_nlink == 2 and first.read_bytes() == TWILIO


def test_read_only_file_is_reported_not_rewritten(tmp_path: Path) -> None:
    """Decided on the mode bits, so it holds for root too (who could write the file anyway)."""
    path = tmp_path / "frozen.py"
    path.write_bytes(TWILIO)
    path.chmod(0o444)
    result = codemod(str(path))
    assert result.exit_code == 3  # files the tool could not process (see README: Exit codes)
    assert f"{path}:1:1: SW907 read-only: not rewritten" in result.output
    assert path.read_bytes() == TWILIO
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.parametrize(
    "source",
    [
        b"from twilio.rest import Client\n\x0cclient = Client(sid, token)\n",  # form feed before a statement
        b"from twilio.rest import Client\rclient = Client(sid, token)\r",  # CR-only line endings
    ],
)
def test_bytes_libcst_cannot_round_trip_are_left_alone(tmp_path: Path, source: bytes) -> None:
    path = tmp_path / "odd.py"
    path.write_bytes(source)
    result = codemod(str(path))
    assert result.exit_code == 3  # files the tool could not process (see README: Exit codes)
    assert f"{path}:1:1: SW909 LibCST cannot reproduce this file byte for byte" in result.output
    assert path.read_bytes() == source
    assert codemod(str(path), "--diff").stdout_bytes == b""


def test_ctrl_c_stops_at_once_and_lists_what_was_rewritten(tmp_path: Path) -> None:
    """SIGINT to the whole process group, as a terminal sends it: workers ignore it, the parent stops
    dispatching, lets writes in progress finish, names the rewritten files and exits 130."""
    body = b"".join(
        b"def f%d(x):\n    return client.messages.create(to=x, body='%d')\n\n" % (i, i) for i in range(80)
    )
    files = [tmp_path / f"m{index:03}.py" for index in range(40)]
    for path in files:
        path.write_bytes(TWILIO + body)
    process = subprocess.Popen(
        [sys.executable, "-m", "migrate", "codemod", "--jobs", "2", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # SIGINT as a terminal's foreground process has it, even when this test run is a background job
        # of a non-interactive shell (which hands its children SIGINT ignored).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        while not any(path.read_bytes().startswith(b"from signalwire") for path in files):
            assert process.poll() is None, process.communicate()
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGINT)
        _stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr.decode()
    rewritten = {path for path in files if path.read_bytes().startswith(b"from signalwire")}
    untouched = {path for path in files if path.read_bytes() == TWILIO + body}
    assert rewritten | untouched == set(files)  # every file whole: old bytes or fully migrated
    assert 1 <= len(rewritten) < len(files)
    listed = {
        Path(line.split(": ", 1)[1])
        for line in stderr.decode().splitlines()
        if line.startswith("rewritten: ")
    }
    assert listed == rewritten
    assert f"interrupted: {len(rewritten)} file" in stderr.decode()
    assert "Traceback" not in stderr.decode() and "Aborted" not in stderr.decode()
    assert not list(tmp_path.glob(".*.sw-migrate"))
