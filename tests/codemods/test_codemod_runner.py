"""The runner on real files: byte preservation, atomic writes, bad files, discovery, worker crashes."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from codemods import Mode, Options, Report, collect, run

TWILIO = b"from twilio.rest import Client\nclient = Client(sid, token)\n"


def _run(root: Path, mode: Mode = "write", excludes: tuple[str, ...] = (), jobs: int = 2) -> Report:
    options = Options(mode=mode, space_url="example.signalwire.com")
    return run(collect([root], excludes), options, jobs=jobs)


def test_bom_crlf_and_mode_are_preserved(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_bytes(b"\xef\xbb\xbf" + TWILIO.replace(b"\n", b"\r\n"))
    path.chmod(0o751)
    report = _run(tmp_path)
    data = path.read_bytes()
    assert [result.status for result in report.results] == ["changed"]
    assert data.startswith(b"\xef\xbb\xbffrom signalwire.rest import Client\r\n")
    assert data.count(b"\r\n") == data.count(b"\n") == 2
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert not [p for p in tmp_path.iterdir() if p.name != "app.py"], "temporary file left behind"


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_a_bom_file_keeps_exactly_one_bom_after_import_sorting(tmp_path: Path, newline: bytes) -> None:
    """A sorted BOM file goes through the import sorter; the file must still start with one BOM and parse."""
    path = tmp_path / "app.py"
    path.write_bytes(b"\xef\xbb\xbffrom twilio.rest import Client" + newline)
    _run(tmp_path)
    data = path.read_bytes()
    assert data == b"\xef\xbb\xbffrom signalwire.rest import Client" + newline
    compile(data, str(path), "exec")


def test_latin1_source_keeps_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "legacy.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\n" + TWILIO + b'GREETING = "caf\xe9"\n')
    _run(tmp_path)
    data = path.read_bytes()
    assert b'GREETING = "caf\xe9"\n' in data and b"from signalwire.rest import Client\n" in data


def test_bad_files_are_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_bytes(TWILIO)
    (tmp_path / "py2.py").write_bytes(b"import twilio\nprint 'hello'\n")
    (tmp_path / "broken.py").write_bytes(b"import twilio\ndef f(:\n")
    (tmp_path / "binary.py").write_bytes(b"# twilio\nx = '\xff\xfe\xfa'\n")
    (tmp_path / "dangling.py").symlink_to(tmp_path / "missing.py")
    report = _run(tmp_path)
    by_name = {Path(result.path).name: result for result in report.results}
    assert by_name["good.py"].status == "changed"
    failed = {name: result.findings[0] for name, result in by_name.items() if result.status == "failed"}
    assert {name: finding.code for name, finding in failed.items()} == {
        "py2.py": "SW900",
        "broken.py": "SW900",
        "binary.py": "SW901",
        "dangling.py": "SW902",
    }
    assert "Missing parentheses in call to 'print'" in failed["py2.py"].message
    assert (failed["py2.py"].line, failed["broken.py"].line) == (2, 2)
    assert (tmp_path / "py2.py").read_bytes() == b"import twilio\nprint 'hello'\n"


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied, simulated: tests may run as root, where file modes do not stop reads."""
    path = tmp_path / "secret.py"
    path.write_bytes(TWILIO)
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "secret.py":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    report = _run(tmp_path)
    finding = report.results[0].findings[0]
    assert (finding.code, finding.message) == ("SW902", "cannot read: Permission denied")


def test_prefilter_never_parses_files_without_twilio(tmp_path: Path) -> None:
    (tmp_path / "unrelated.py").write_bytes(b"def broken(:\n")
    report = _run(tmp_path)
    assert [result.status for result in report.results] == ["skipped"]


def test_discovery_skips_environments_vendored_code_and_excludes(tmp_path: Path) -> None:
    for relative in [
        "app/sms.py",
        ".git/hooks/x.py",
        ".venv/lib/x.py",
        "node_modules/pkg/x.py",
        "lib/python3.11/site-packages/twilio/rest/__init__.py",
        "myenv/bin/x.py",
        "generated/x.py",
    ]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(TWILIO)
    (tmp_path / "myenv/pyvenv.cfg").write_text("home = /usr\n")
    files = collect([tmp_path], ["generated/"])  # gitignore-style, as --exclude
    assert [Path(file).relative_to(tmp_path).as_posix() for file in files] == ["app/sms.py"]


def test_a_worker_crash_is_pinned_on_its_file(tmp_path: Path) -> None:
    """A 100k-deep expression overflows the native parser's stack and kills the process that parses it."""
    depth = 100_000
    (tmp_path / "deep.py").write_bytes(b"import twilio\nx = " + b"(" * depth + b"1" + b")" * depth + b"\n")
    for index in range(3):
        (tmp_path / f"ok{index}.py").write_bytes(TWILIO)
    report = _run(tmp_path, jobs=2)
    statuses = {Path(result.path).name: result.status for result in report.results}
    assert statuses == {"deep.py": "failed", "ok0.py": "changed", "ok1.py": "changed", "ok2.py": "changed"}
    assert report.results[0].findings[0].code == "SW904"


def test_second_run_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_bytes(TWILIO)
    (tmp_path / "requirements.txt").write_bytes(b"flask\ntwilio>=9\n")
    first = _run(tmp_path)
    assert first.count("changed") == 1 and first.count("changed", manifest=True) == 1
    second = _run(tmp_path)
    assert second.count("changed") == 0 and second.count("changed", manifest=True) == 0
    assert (tmp_path / "requirements.txt").read_bytes() == b"flask\nsignalwire>=2.1.1\n"


def test_check_and_diff_modes_write_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(TWILIO)
    modes: tuple[Mode, ...] = ("check", "diff")
    for mode in modes:
        report = _run(tmp_path, mode=mode)
        assert report.count("changed") == 1
        assert path.read_bytes() == TWILIO
    assert report.results[0].diff.startswith(b"--- a/")
