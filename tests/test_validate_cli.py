"""`sw-migrate validate` as a user runs it: paths, folders, stdin, formats and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from migrate.cli import main
from tests.conftest import PROJECT

GOOD = '<?xml version="1.0"?>\n<Response><Say>hi</Say></Response>\n'
WARN = '<Response>\n  <Say lenguage="en-US">hi</Say>\n</Response>\n'
BAD = "<Response>\n  <Say>hi</Response>\n"


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args], input=stdin)
    return result.exit_code, result.output


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "ok.xml").write_text(GOOD)
    code, output = run(str(tmp_path / "ok.xml"))
    assert (code, output) == (0, "Checked 1 document: no problems.\n")


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    path = tmp_path / "warn.xml"
    path.write_text(WARN)
    code, output = run(str(path))
    assert code == 0
    assert f"{path}:2:8: LAML105 unknown attribute 'lenguage' on <Say>; did you mean 'language'?" in output
    assert run(str(path), "--strict")[0] == 1


def test_folder_is_searched_recursively_for_document_suffixes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.twiml").write_text(GOOD)
    (tmp_path / "two.laml").write_text(BAD)
    (tmp_path / "notes.txt").write_text(BAD)
    code, output = run(str(tmp_path))
    assert code == 1
    assert "two.laml:2:21: LAML001" in output
    assert "notes.txt" not in output
    assert output.endswith("Checked 2 documents: 1 error, 0 warnings.\n")


def test_stdin_and_json(tmp_path: Path) -> None:
    code, output = run("-", "--format", "json", stdin=BAD)
    assert code == 1
    report = json.loads(output)
    assert report["files"] == 1 and report["errors"] == 1
    assert report["diagnostics"][0] == {
        "path": "<stdin>",
        "line": 2,
        "col": 21,
        "code": "LAML001",
        "severity": "error",
        "message": "Opening and ending tag mismatch: Say line 2 and Response",
        "platform_code": 12100,
        "platform_message": "Document parse failure",
    }


def test_dialect_and_bin_options(tmp_path: Path) -> None:
    path = tmp_path / "bin.laml"
    path.write_text("<Response>{{#if Digits}}<Hangup/>{{/if}}<Denoise>on</Denoise></Response>")
    code, output = run(str(path), "--bin", "--dialect", "twiml")
    assert code == 1
    assert "LAML303" in output and "LAML212" in output


def test_a_bin_checked_as_a_plain_document_gets_a_hint_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "after-hours.laml"
    path.write_text("<Response>{{#Digits}}<Say>Thanks</Say>{{/Digits}}</Response>")
    (tmp_path / "clean.xml").write_text("<Response><Say>{{not a finding}}</Say></Response>")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert "LAML104" in result.stdout
    assert result.stderr == (
        f"note: {path} holds mustache tags ({{{{...}}}}); if it is a LaML Bin, check it with --bin\n"
    )
    assert CliRunner().invoke(main, ["validate", "--bin", str(path)]).stderr == ""


def test_a_folder_without_documents_says_so_and_passes(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("<Response/>")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout == "Checked 0 documents: no problems.\n"
    assert result.stderr == f"warning: no .xml, .twiml, .laml files under {tmp_path}: nothing to check\n"


def test_missing_path_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    code, output = run(str(tmp_path / "nope.xml"))
    assert code == 2
    assert "nope.xml: no such file or folder" in output


def test_python_dash_m_and_bundled_samples() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "migrate", "validate", "samples/xml"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1  # one sample is broken on purpose
    assert "broken-migrated-from-twilio.xml:4:40: LAML105" in result.stdout
    assert "voice-ivr.xml" not in result.stdout  # the good samples are clean
    assert result.stderr == ""
