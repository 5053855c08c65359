"""``codemod --select/--ignore`` and the ``select``/``ignore`` settings decide which codes leave a marker
comment in the file, in both engines (LibCST for Python, tree-sitter for the other languages)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main

PYTHON = (
    b"from twilio.rest import Client\n"
    b'URL = "https://demo-1.twil.io/x"\n'
    b"c = Client(a, b)\n"
    b'c.verify.services("x")\n'
)
#: Migrated with every code: the import moves, and SW110 and SW100 each leave a marker.
PYTHON_ALL = (
    b"from signalwire.rest import Client\n"
    b"# sw-migrate: SW110 Twilio-hosted URL https://demo-1.twil.io/x (a Twilio Function or Asset): host what"
    b" it serves yourself\n"
    b'URL = "https://demo-1.twil.io/x"\n'
    b"c = Client(a, b)\n"
    b"# sw-migrate: SW100 .verify: Twilio Verify is not part of SignalWire's Compatibility API\n"
    b'c.verify.services("x")\n'
)
PHP = b'<?php\nuse Twilio\\Security\\RequestValidator;\n$v = new RequestValidator($token);\n$u = "https://demo-1.twil.io/x";\n'
PHP_SW120 = (
    b"// sw-migrate: SW120 `Twilio\\Security\\RequestValidator`: SignalWire signs webhooks with the project's"
    b" Signing Key, not the auth token: review\n"
)
PHP_SW110 = (
    b"// sw-migrate: SW110 Twilio-hosted URL 'https://demo-1.twil.io/x': it stops working after the move\n"
)
NODE = (
    b"const twilio = require('twilio');\n"
    b"const ok = twilio.validateRequest(a, b, c, d);\n"
    b"const u = 'https://demo-1.twil.io/x';\n"
)
NODE_IGNORING_SW120 = (
    b"const twilio = require('@signalwire/compatibility-api').RestClient;\n"
    b"const ok = twilio.validateRequest(a, b, c, d);\n"
    b"// sw-migrate: SW110 Twilio-hosted URL 'https://demo-1.twil.io/x': it stops working after the move\n"
    b"const u = 'https://demo-1.twil.io/x';\n"
)


def codemod(where: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(where)
    result = CliRunner().invoke(main, ["codemod", *args])
    return result.exit_code, result.stdout


def test_every_code_is_marked_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "app.py").write_bytes(PYTHON)
    (tmp_path / "hook.php").write_bytes(PHP)
    assert codemod(tmp_path, monkeypatch, ".")[0] == 1
    assert (tmp_path / "app.py").read_bytes() == PYTHON_ALL
    assert (tmp_path / "hook.php").read_bytes() == PHP.replace(b"use ", PHP_SW120 + b"use ").replace(
        b"$u", PHP_SW110 + b"$u"
    )


@pytest.mark.parametrize(
    "args", [["--ignore", "SW110"], ["--select", "SW100,SW2"], ["--select", "SW1", "--ignore", "SW11"]]
)
def test_a_deselected_code_leaves_no_marker_in_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    (tmp_path / "app.py").write_bytes(PYTHON)
    code, out = codemod(tmp_path, monkeypatch, *args, ".")
    assert code == 1 and "SW110" not in out and "app.py:4:1: SW100" in out
    without_sw110 = b"".join(line for line in PYTHON_ALL.splitlines(keepends=True) if b"SW110" not in line)
    assert (tmp_path / "app.py").read_bytes() == without_sw110


def test_ignored_codes_from_settings_leave_no_marker_in_either_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.sw-migrate]\nignore = ["SW120", "SW100"]\n')
    (tmp_path / "app.py").write_bytes(PYTHON)
    (tmp_path / "hook.js").write_bytes(NODE)
    (tmp_path / "hook.php").write_bytes(PHP)
    code, out = codemod(tmp_path, monkeypatch, ".")
    assert code == 1 and "SW120" not in out and "SW100" not in out
    assert (tmp_path / "app.py").read_bytes() == b"".join(
        line for line in PYTHON_ALL.splitlines(keepends=True) if b"SW100" not in line
    )
    assert (tmp_path / "hook.js").read_bytes() == NODE_IGNORING_SW120
    assert (tmp_path / "hook.php").read_bytes() == PHP.replace(b"$u", PHP_SW110 + b"$u")


def test_check_passes_when_the_only_finding_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrated = b'from signalwire.rest import Client\nURL = "https://demo-1.twil.io/x"\n'
    node = b"const twilio = require('@signalwire/compatibility-api').RestClient;\n" + NODE.split(b"\n", 1)[1]
    node = node.replace(b"const u = 'https://demo-1.twil.io/x';\n", b"")
    (tmp_path / "app.py").write_bytes(migrated)
    (tmp_path / "hook.js").write_bytes(node)
    code, out = codemod(tmp_path, monkeypatch, "--check", ".")
    assert code == 1 and "app.py:2:7: SW110" in out and "hook.js:2:19: SW120" in out
    assert codemod(tmp_path, monkeypatch, "--check", "--ignore", "SW110,SW120", ".") == (0, "")
    (tmp_path / "sw-migrate.toml").write_text('ignore = ["SW110", "SW120"]\n')
    assert codemod(tmp_path, monkeypatch, "--check", ".") == (0, "")
    assert codemod(tmp_path, monkeypatch, ".")[0] == 0  # writing adds no marker either
    assert (tmp_path / "app.py").read_bytes() == migrated
    assert (tmp_path / "hook.js").read_bytes() == node
