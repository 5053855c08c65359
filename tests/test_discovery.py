"""Which files ``validate`` and ``codemod`` look at, as a user sees it: .gitignore, exclude patterns, kinds,
and paths that cannot be read (FIFOs, unreadable files and folders, huge files) reported without a hang,
an abort or a traceback."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main
from tests._privileges import unprivileged

GOOD = b'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Say>Hello</Say></Response>\n'
BROKEN = b"<Response><Say>Hello</Response>\n"
TWILIO = b"from twilio.rest import Client\nclient = Client(sid, token)\n"
SPACE = ["--space-url", "example.signalwire.com"]


def write(root: Path, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def cli(*args: str, cwd: Path, argv: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, with a timeout: a hang fails the test instead of the suite."""
    command = argv if argv is not None else [sys.executable, "-m", "migrate", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60, check=False)


def invoke(tree: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(tree)
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[list[Path]]:
    """Paths a test makes unreadable (mode 000); their modes are restored so the tree can be removed."""
    paths: list[Path] = []
    yield paths
    for path in paths:
        path.chmod(0o755)


def lock(path: Path, locked: list[Path]) -> None:
    path.chmod(0)
    locked.append(path)


# --- FIFOs ---------------------------------------------------------------------------------------------


def test_validate_reports_a_fifo_named_on_the_command_line_instead_of_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.xml")
    result = cli("validate", "pipe.xml", cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    assert "pipe.xml: not a regular file (a FIFO): skipped" in result.stdout
    assert "Checked 0 documents: no problems. 1 path could not be read." in result.stdout


def test_codemod_reports_a_fifo_named_on_the_command_line_instead_of_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.py")
    result = cli("codemod", "pipe.py", *SPACE, cwd=tmp_path)
    assert "pipe.py:1:1: SW902 not a regular file (a FIFO): skipped" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("command", "fifo", "other", "done"),
    [
        ("validate", "pipe.xml", GOOD, "Checked 1 document: no problems."),
        ("codemod", "pipe.py", TWILIO, "1 rewritten"),
    ],
)
def test_a_fifo_in_a_folder_is_reported_and_the_rest_checked(
    tmp_path: Path, command: str, fifo: str, other: bytes, done: str
) -> None:
    os.mkfifo(tmp_path / fifo)
    (tmp_path / f"other{Path(fifo).suffix}").write_bytes(other)
    extra = SPACE if command == "codemod" else []
    result = cli(command, ".", *extra, cwd=tmp_path)
    assert f"{fifo}:" in result.stdout and "not a regular file (a FIFO): skipped" in result.stdout
    assert done in result.stdout + result.stderr


def test_a_fifo_named_gitignore_is_reported_instead_of_hanging_the_walk(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / ".gitignore")
    (tmp_path / "doc.xml").write_bytes(GOOD)
    result = cli("validate", ".", cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    assert result.stdout.splitlines() == [
        ".gitignore: cannot read: not a regular file (a FIFO)",
        "Checked 1 document: no problems. 1 path could not be read.",
    ]


# --- permissions (file modes bind root too: see tests/_privileges.py) -------------------------------------


def test_validate_reports_an_unreadable_file_in_a_folder_and_checks_the_others(
    tmp_path: Path, locked: list[Path]
) -> None:
    write(tmp_path, {"a-locked.xml": GOOD, "b-broken.xml": BROKEN})
    lock(tmp_path / "a-locked.xml", locked)
    result = cli(cwd=tmp_path, argv=unprivileged([sys.executable, "-m", "migrate", "validate", "."]))
    assert result.returncode == 1, result.stderr  # b-broken.xml's error
    assert "a-locked.xml: cannot read: Permission denied" in result.stdout
    assert "b-broken.xml:1:" in result.stdout and "LAML001" in result.stdout
    assert "Checked 1 document: 1 error, 0 warnings. 1 path could not be read." in result.stdout


def test_codemod_reports_an_unreadable_file_in_a_folder_and_migrates_the_others(
    tmp_path: Path, locked: list[Path]
) -> None:
    write(tmp_path, {"a_locked.py": TWILIO, "b_app.py": TWILIO})
    lock(tmp_path / "a_locked.py", locked)
    argv = [sys.executable, "-m", "migrate", "codemod", ".", *SPACE]
    result = cli(cwd=tmp_path, argv=unprivileged(argv))
    assert "a_locked.py:1:1: SW902 cannot read: Permission denied" in result.stdout
    assert b"signalwire" in (tmp_path / "b_app.py").read_bytes()


@pytest.mark.parametrize(
    ("command", "name", "data", "checked"),
    [
        ("validate", "ok.xml", GOOD, "Checked 1 document: no problems. 1 path could not be read."),
        ("codemod", "ok.py", TWILIO, "1 rewritten"),
    ],
)
def test_an_unreadable_subfolder_is_reported_and_the_run_carries_on(
    tmp_path: Path, locked: list[Path], command: str, name: str, data: bytes, checked: str
) -> None:
    write(tmp_path, {name: data, f"locked/inside{Path(name).suffix}": data})
    lock(tmp_path / "locked", locked)
    extra = SPACE if command == "codemod" else []
    result = cli(cwd=tmp_path, argv=unprivileged([sys.executable, "-m", "migrate", command, ".", *extra]))
    assert "Traceback" not in result.stderr
    assert "locked" in result.stdout and "cannot list folder: Permission denied" in result.stdout
    assert checked in result.stdout + result.stderr


# --- size ----------------------------------------------------------------------------------------------


def test_a_huge_document_is_reported_from_its_first_bytes(tmp_path: Path) -> None:
    """A 3 GB sparse file under a 500 MB address-space limit: reading it whole would die of MemoryError."""
    with (tmp_path / "huge.xml").open("wb") as stream:
        stream.truncate(3 * 1024**3)

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (500 * 1024**2, 500 * 1024**2))

    result = subprocess.run(
        [sys.executable, "-m", "migrate", "validate", "huge.xml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
        check=False,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "huge.xml:1:1: LAML004 document is 3,221,225,472 bytes" in result.stdout


# --- what is walked --------------------------------------------------------------------------------------


def test_validate_walk_respects_gitignore_files_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    write(
        tmp_path,
        {
            ".gitignore": b"generated/\n*.tmp.xml\n!keep.tmp.xml\n",
            "app/.gitignore": b"local.xml\n",
            "app/ok.xml": GOOD,
            "app/generated/x.xml": BROKEN,
            "app/b.tmp.xml": BROKEN,
            "app/keep.tmp.xml": BROKEN,
            "app/local.xml": BROKEN,
            "app/other.xml": BROKEN,
            ".git/x.xml": BROKEN,
            "node_modules/pkg/x.xml": BROKEN,
            ".venv/x.xml": BROKEN,
            "lib/python3.11/site-packages/x.xml": BROKEN,
            "myenv/pyvenv.cfg": b"home = /usr\n",
            "myenv/x.xml": BROKEN,
        },
    )
    for where, shown in [(tmp_path, "app/"), (tmp_path / "app", "")]:
        code, out, _ = invoke(where, monkeypatch, "validate", "--format", "json", ".")
        reported = sorted({d["path"] for d in json.loads(out)["diagnostics"]})
        assert reported == [f"{shown}keep.tmp.xml", f"{shown}other.xml"]
        assert code == 1


@pytest.mark.parametrize(
    ("pattern", "left"),
    [
        ("vendor/", ["app.py", "generated/c.py", "pkg/generated/d.py"]),
        ("./vendor", ["app.py", "generated/c.py", "lib/vendor/b.py", "pkg/generated/d.py"]),
        ("**/generated/*.py", ["app.py", "lib/vendor/b.py", "vendor/a.py"]),
    ],
)
def test_exclude_takes_gitignore_patterns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, left: list[str]
) -> None:
    names = ["app.py", "vendor/a.py", "lib/vendor/b.py", "generated/c.py", "pkg/generated/d.py"]
    write(tmp_path, dict.fromkeys(names, TWILIO))
    write(tmp_path, {name.replace(".py", ".xml"): BROKEN for name in names})
    _, out, _ = invoke(
        tmp_path, monkeypatch, "codemod", "--check", "--format", "json", "--exclude", pattern, "."
    )
    assert sorted(json.loads(out)["changed"]) == left
    xml_pattern = pattern.replace(".py", ".xml")
    _, out, _ = invoke(tmp_path, monkeypatch, "validate", "--format", "json", "--exclude", xml_pattern, ".")
    assert sorted(d["path"] for d in json.loads(out)["diagnostics"]) == [
        n.replace(".py", ".xml") for n in left
    ]


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="24"><path d="M0 0h24v24H0z"/></svg>\n'
POM = b"<project><modelVersion>4.0.0</modelVersion><dependencies><dependency/></dependencies></project>\n"
LAYOUT = (
    b'<LinearLayout xmlns:android="http://schemas.android.com/apk/res/android"><TextView/></LinearLayout>'
)
TYPO = b"<Reponse><Say>Hello</Say></Reponse>\n"
#: Tomcat's META-INF/context.xml: <Parameter> is a TwiML noun's name too, but no verb is anywhere near.
TOMCAT = b'<Context>\n  <Parameter name="company" value="Acme"/>\n  <Resource name="jdbc/db"/>\n</Context>\n'
FEED = b"<rss><channel><item><title>x</title><Play>deep</Play></item></channel></rss>\n"
VERB_ROOT = b"<Say>Hello</Say>\n"


def test_walked_xml_that_is_not_call_control_is_passed_over_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "icon.xml": SVG,
            "pom.xml": POM,
            "res/layout/main.xml": LAYOUT,
            "META-INF/context.xml": TOMCAT,
            "feed.xml": FEED,
            "ok.xml": GOOD,
            "typo.xml": TYPO,
            "say.xml": VERB_ROOT,
        },
    )
    code, out, _ = invoke(tmp_path, monkeypatch, "validate", ".")
    assert code == 1
    reported = sorted(line.split(":")[0] for line in out.splitlines() if ": LAML" in line)
    assert reported == ["say.xml", "typo.xml"]  # a verb as root, a misspelt root around TwiML verbs
    assert out.endswith(
        "Checked 3 documents: 2 errors, 0 warnings. Passed over 5 XML files that are not call-control"
        " (root not <Response>, no TwiML verb under it).\n"
    )
    code, out, _ = invoke(tmp_path, monkeypatch, "validate", "pom.xml")  # named: always checked
    assert code == 1 and "pom.xml:1:1: LAML101" in out


def test_codemod_on_a_file_it_does_not_handle_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"README.md": b"# Uses twilio\n\n```python\nfrom twilio.rest import Client\n```\n"})
    code, out, err = invoke(tmp_path, monkeypatch, "codemod", "README.md", *SPACE)
    assert "README.md: not a source file or dependency manifest: skipped" in err
    assert "SW900" not in out + err
    assert code == 0


def test_another_language_registers_its_extensions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """How a language joins the walk (see migrate.discovery): one register() call, one kind asked for."""
    from migrate import discovery

    monkeypatch.setattr(discovery, "SUFFIX_KINDS", dict(discovery.SUFFIX_KINDS))
    write(tmp_path, {"web/app.js": b"require('twilio')\n", "web/app.py": TWILIO, "node_modules/x.js": b""})
    discovery.register("javascript", suffixes=(".JS", ".mjs"))
    found = discovery.discover([tmp_path], kinds={"javascript"})
    assert [(f.path.relative_to(tmp_path).as_posix(), f.kind) for f in found.files] == [
        ("web/app.js", "javascript")
    ]
