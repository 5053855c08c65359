"""``sw-migrate codemod`` as users and CI call it: modes, output streams, exit codes, LibCST's runner."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main

CLEAN = b"from twilio.rest import Client\nclient = Client(sid, token)\n"
WITH_FINDING = b'from twilio.rest import Client\nURL = "https://demo-1.twil.io/x"\n'
SPACE = ["--space-url", "example.signalwire.com"]


def invoke(*args: str):
    return CliRunner().invoke(main, ["codemod", *args])


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_bytes(CLEAN)
    (tmp_path / "other.py").write_bytes(b"print('no sdk here')\n")
    return tmp_path


def test_write_mode_rewrites_and_exits_zero_without_findings(tree: Path) -> None:
    result = invoke(".")
    assert result.exit_code == 0, result.output
    assert (tree / "app.py").read_bytes() == CLEAN.replace(b"twilio.rest", b"signalwire.rest")
    assert "2 files scanned, 1 skipped by pre-filter, 1 rewritten, 0 unchanged, 0 failed" in result.stderr


def test_check_fails_when_something_would_change_then_passes(tree: Path) -> None:
    assert invoke("--check", ".", *SPACE).exit_code == 1
    assert (tree / "app.py").read_bytes() == CLEAN
    assert invoke(".", *SPACE).exit_code == 0
    assert invoke("--check", ".", *SPACE).exit_code == 0


def test_diff_is_a_patch_git_applies_and_findings_go_to_stderr(tree: Path) -> None:
    (tree / "hosted.py").write_bytes(WITH_FINDING)
    result = invoke("--diff", ".", *SPACE)
    assert result.exit_code == 1  # the hosted URL is a finding
    assert result.stdout.startswith("--- a/app.py\n+++ b/app.py\n")
    assert "hosted.py:2:7: SW110" not in result.stdout and "hosted.py:2:7: SW110" in result.stderr
    assert (tree / "app.py").read_bytes() == CLEAN
    git = shutil.which("git")
    assert git, "git is needed to prove the diff applies"
    subprocess.run([git, "init", "-q"], cwd=tree, check=True)
    (tree / "patch.diff").write_bytes(result.stdout_bytes)
    subprocess.run([git, "apply", "patch.diff"], cwd=tree, check=True)
    assert (tree / "app.py").read_bytes() == (
        b"from signalwire.rest import Client\n"
        b'client = Client(sid, token, signalwire_space_url="example.signalwire.com")\n'
    )


def test_clean_diff_exits_zero(tree: Path) -> None:
    assert invoke("--diff", ".", *SPACE).exit_code == 0


def test_check_with_diff_prints_the_patch_and_fails_like_black(tree: Path) -> None:
    """black's CI form: the patch on stdout (still one git applies), the files on stderr, exit 1."""
    result = invoke("--check", "--diff", ".", *SPACE)
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/app.py\n+++ b/app.py\n")
    assert result.stderr.startswith("would rewrite app.py\n")
    assert (tree / "app.py").read_bytes() == CLEAN
    assert invoke(".", *SPACE).exit_code == 0
    result = invoke("--diff", "--check", ".", *SPACE)
    assert (result.exit_code, result.stdout) == (0, "")


def test_findings_in_text_and_json(tree: Path) -> None:
    (tree / "hosted.py").write_bytes(WITH_FINDING)
    text = invoke("--check", ".", *SPACE)
    assert "hosted.py:2:7: SW110 Twilio-hosted URL https://demo-1.twil.io/x (a Twilio Function" in text.stdout
    result = invoke("--check", "--format", "json", ".", *SPACE)
    document = json.loads(result.stdout)
    assert result.exit_code == 1
    assert document["summary"] == {
        "scanned": 3,
        "skipped": 1,
        "changed": 2,
        "unchanged": 0,
        "failed": 0,
        "manifests_changed": 0,
    }
    assert [finding["code"] for finding in document["findings"]] == ["SW110"]
    assert document["findings"][0]["severity"] == "warning"


def test_files_no_parser_can_read_have_their_own_exit_status(tree: Path) -> None:
    (tree / "py2.py").write_bytes(b"import twilio\nprint 'x'\n")
    result = invoke(".", *SPACE)
    assert result.exit_code == 3
    assert "py2.py:2:1: SW900 syntax error" in result.stdout
    assert b"from signalwire.rest import Client" in (tree / "app.py").read_bytes()
    assert invoke("--check", ".", *SPACE).exit_code == 3  # nothing else left to do
    assert invoke("--check", "--exclude", "py2.py", ".", *SPACE).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["missing-dir"],
        [],
        [".", "--target", "nope"],
        [".", "--space-url", 'a"b'],
        [".", "--space-url", ""],
    ],
)
def test_usage_errors_exit_two(tree: Path, args: list[str]) -> None:
    assert invoke(*args).exit_code == 2


def test_libcst_tool_runs_the_same_command(tree: Path) -> None:
    command = "codemods.migrate_to_signalwire.MigrateToSignalWireCommand"
    subprocess.run(
        [sys.executable, "-m", "libcst.tool", "codemod", "--no-format", "-x", command, *SPACE, "app.py"],
        cwd=tree,
        check=True,
        capture_output=True,
    )
    assert (tree / "app.py").read_bytes() == (
        b"from signalwire.rest import Client\n"
        b'client = Client(sid, token, signalwire_space_url="example.signalwire.com")\n'
    )


def test_readme_documents_every_finding_code() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("## `sw-migrate codemod`", 1)[1].split("\n## ", 1)[0]
    from codemods import RULES

    table = re.findall(r"^\| `(SW\d+)` \| (\w+) \|", section, flags=re.MULTILINE)
    assert sorted(table) == sorted((code, rule.severity) for code, rule in RULES.items())
    assert len({code for code, _ in table}) == len(table), "a finding code is documented twice"


def test_check_still_fails_on_a_marker_in_a_file_that_no_longer_names_twilio(tree: Path) -> None:
    """After the migration the file mentions neither twilio nor a hosted URL: only its marker is left."""
    (tree / "verify.py").write_bytes(
        b'from twilio.rest import Client\nc = Client(a, b)\nc.verify.services("x")\n'
    )
    assert invoke(".", *SPACE).exit_code == 1
    assert b"twilio" not in (tree / "verify.py").read_bytes()  # what the pre-filter looks for
    result = invoke("--check", ".", *SPACE)
    assert result.exit_code == 1, result.output
    assert "verify.py:4:1: SW100" in result.stdout
    source = (tree / "verify.py").read_text().replace("# sw-migrate: SW100", "# sw-migrate: ignore[SW100]")
    (tree / "verify.py").write_text(source)
    assert invoke("--check", ".", *SPACE).exit_code == 0


def test_markers_stay_todos_until_a_person_turns_them_into_ignores(tree: Path) -> None:
    (tree / "hosted.py").write_bytes(WITH_FINDING)
    assert invoke(".", *SPACE).exit_code == 1  # new findings: the markers were just added
    result = invoke("--check", "--format", "json", ".", *SPACE)
    assert result.exit_code == 1, result.output  # nothing would change, but the marker is a TODO
    findings = json.loads(result.stdout)["findings"]
    assert [(finding["code"], finding["marked"]) for finding in findings] == [("SW110", True)]
    source = (tree / "hosted.py").read_text()
    marker = next(line for line in source.splitlines() if line.startswith("# sw-migrate: SW110"))
    (tree / "hosted.py").write_text(source.replace(marker, "# sw-migrate: ignore[SW110]  reviewed: ours"))
    result = invoke("--check", ".", *SPACE)
    assert result.exit_code == 0, result.output
    assert "SW110" not in result.stdout
    assert "sw-migrate: SW110" not in (tree / "hosted.py").read_text()  # no new marker either


def test_check_names_every_file_that_would_change(tree: Path) -> None:
    (tree / "second.py").write_bytes(CLEAN)
    result = invoke("--check", ".", *SPACE)
    assert result.exit_code == 1
    assert result.stdout == "would rewrite app.py\nwould rewrite second.py\n"


def test_an_ignore_comment_on_the_line_suppresses_that_code_only(tree: Path) -> None:
    (tree / "hosted.py").write_bytes(
        b"from twilio.rest import Client\n"
        b'A = "https://demo-1.twil.io/x"  # sw-migrate: ignore[SW110]\n'
        b'B = "https://demo-2.twil.io/y"  # sw-migrate: ignore[SW100]\n'
    )
    result = invoke("--diff", ".", *SPACE)
    assert "hosted.py:2:" not in result.stderr
    assert "hosted.py:3:5: SW110" in result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [(["--ignore", "SW110"], 0), (["--select", "SW1"], 1), (["--select", "SW2,SW9"], 0), ([], 1)],
)
def test_select_and_ignore_choose_the_codes_that_count(tree: Path, args: list[str], code: int) -> None:
    (tree / "hosted.py").write_bytes(WITH_FINDING)
    result = invoke("--diff", ".", *SPACE, *args)
    assert result.exit_code == code
    assert ("SW110" in result.stderr) is (code == 1)


def test_a_tree_without_python_files_says_so_and_passes(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("twilio")
    result = invoke(str(tmp_path))
    assert result.exit_code == 0
    assert f"warning: no source files or dependency manifests under {tmp_path}" in result.stderr
