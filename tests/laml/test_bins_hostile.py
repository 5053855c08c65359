"""Hostile LaML Bins: deep mustache nesting is a finding, never a RecursionError."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from migrate.cli import main
from migrate.sync.bins import check_bin

#: 600 nested inverted sections (7 kB): pystache renders sections recursively.
DEEP = "<Response><Say>" + "{{^a}}" * 600 + "hi" + "{{/a}}" * 600 + "</Say></Response>"


def test_validate_bin_reports_deep_nesting_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.xml"
    path.write_text(DEEP)
    result = CliRunner().invoke(main, ["validate", "--bin", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:1:208: LAML304 mustache sections nested more than 32 deep; the template was not rendered",
        "Checked 1 document: 1 error, 0 warnings.",
    ]


def test_sync_bin_check_reports_deep_nesting() -> None:
    check = check_bin("deep", DEEP)
    assert [d.code for d in check.diagnostics] == ["LAML304"]
    assert check.contents == DEEP
