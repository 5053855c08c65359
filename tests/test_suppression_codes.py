"""A suppression comment naming a code that does not exist is reported at the comment (SW910, LAML006),
counts like any other finding, can itself be selected or ignored, and suppresses nothing it misnames."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main

HOSTED = 'URL = "https://demo.twilio.com/welcome"  # sw-migrate: ignore[{codes}]\n'
HOOK = (
    "const twilio = require('twilio');\n"
    "// sw-migrate: ignore[{codes}] checked by the proxy\n"
    "const ok = twilio.validateRequest(a, b, c, d);\n"
)
DOCUMENT = (
    "<Response>\n"
    '  <Say voice="Google.en-US-Standard-C">hi</Say>\n'
    "  <!-- sw-migrate: ignore {codes} -->\n"
    '  <Say voice="Google.en-US-Standard-C">hi</Say>\n'
    "</Response>\n"
)


def run(where: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, list[str]]:
    """Exit code and the ``path:line:col CODE`` of each finding, from the JSON output."""
    monkeypatch.chdir(where)
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    document = json.loads(result.stdout)
    findings = document.get("findings", document.get("diagnostics"))
    return result.exit_code, [f"{f['path']}:{f['line']}:{f['col']} {f['code']}" for f in findings]


def test_python_typo_is_reported_at_the_comment_and_fails_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "hosted.py").write_text(HOSTED.format(codes="SW11O"))
    code, found = run(tmp_path, monkeypatch, "codemod", "--check", ".")
    assert (code, found) == (1, ["hosted.py:1:7 SW110", "hosted.py:1:44 SW910"])
    assert run(tmp_path, monkeypatch, "codemod", "--check", "--select", "SW910", ".") == (
        1,
        ["hosted.py:1:44 SW910"],
    )
    assert run(tmp_path, monkeypatch, "codemod", "--check", "--ignore", "SW910", ".")[1] == [
        "hosted.py:1:7 SW110"
    ]
    (tmp_path / "hosted.py").write_text(HOSTED.format(codes="SW110"))  # the typo fixed: clean
    assert run(tmp_path, monkeypatch, "codemod", "--check", ".") == (0, [])


def test_a_good_code_beside_a_bad_one_still_suppresses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "hosted.py").write_text(HOSTED.format(codes="SW110, LAML-210"))
    assert run(tmp_path, monkeypatch, "codemod", "--check", ".") == (1, ["hosted.py:1:44 SW910"])


def test_files_that_never_name_twilio_and_empty_lists_are_reported_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plain.py").write_text(
        "x = 1  # sw-migrate: ignore[FOO1]\n# sw-migrate: ignore[]\n# sw-migrate: ignore\n"
    )
    assert run(tmp_path, monkeypatch, "codemod", "--check", ".") == (
        1,
        ["plain.py:1:10 SW910", "plain.py:2:3 SW910"],
    )
    result = CliRunner().invoke(main, ["codemod", "--check", "plain.py"])
    assert "plain.py:1:10: SW910 suppression comment names no sw-migrate code: FOO1\n" in result.stdout


def test_node_typo_is_reported_and_the_finding_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "hook.js").write_text(HOOK.format(codes="SW12O"))
    code, found = run(tmp_path, monkeypatch, "codemod", "--diff", ".")
    assert (code, found) == (1, ["hook.js:2:4 SW910", "hook.js:3:19 SW120"])
    (tmp_path / "hook.js").write_text(HOOK.format(codes="SW120"))
    assert run(tmp_path, monkeypatch, "codemod", "--diff", ".")[1] == []


def test_xml_typo_is_a_warning_at_the_comment_an_error_with_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "doc.xml").write_text(DOCUMENT.format(codes="LAML-211"))
    found = ["doc.xml:2:8 LAML211", "doc.xml:3:3 LAML006", "doc.xml:4:8 LAML211"]
    assert run(tmp_path, monkeypatch, "validate", "doc.xml") == (0, found)  # warnings: exit 0 (README)
    assert run(tmp_path, monkeypatch, "validate", "--strict", "doc.xml") == (1, found)
    assert run(tmp_path, monkeypatch, "validate", "--select", "LAML006", "doc.xml")[1] == [
        "doc.xml:3:3 LAML006"
    ]
    assert (
        "doc.xml:3:3 LAML006" not in run(tmp_path, monkeypatch, "validate", "--ignore", "LAML0", "doc.xml")[1]
    )
    (tmp_path / "doc.xml").write_text(DOCUMENT.format(codes="LAML211"))
    assert run(tmp_path, monkeypatch, "validate", "doc.xml")[1] == ["doc.xml:2:8 LAML211"]


def test_xml_typo_is_found_in_a_utf16_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "doc.xml").write_bytes(DOCUMENT.format(codes="LAML2ll").encode("utf-16"))
    assert "doc.xml:3:3 LAML006" in run(tmp_path, monkeypatch, "validate", "doc.xml")[1]


def test_text_output_names_the_unknown_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "doc.xml").write_text(DOCUMENT.format(codes="LAML211 reviewed"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "doc.xml"])
    assert "doc.xml:3:3: LAML006 suppression comment names no sw-migrate code: REVIEWED\n" in result.stdout
