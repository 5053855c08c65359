"""``sw-migrate codemod`` on mixed repositories: discovery by extension, --language, --check, --diff, JSON,
exit codes, manifests and lock files, and files that do not parse."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main

NODE = "const twilio = require('twilio');\nconst client = new twilio(sid, token);\n"
NODE_AFTER = "const twilio = require('@signalwire/compatibility-api').RestClient;\nconst client = twilio(sid, token);\n"
PYTHON = "from twilio.rest import Client\n"
PACKAGE = '{\n  "dependencies": {\n    "twilio": "^3.84.1",\n    "express": "^4"\n  }\n}\n'


def _repo(root: Path) -> Path:
    (root / "web").mkdir()
    (root / "web" / "send.js").write_text(NODE)
    (root / "web" / "plain.js").write_text("console.log('no SDK here');\n")
    (root / "web" / "broken.js").write_text("const twilio = require('twilio');\nconst = ;\n")
    (root / "app.py").write_text(PYTHON)
    (root / "package.json").write_text(PACKAGE)
    (root / "package-lock.json").write_text('{"packages": {"node_modules/twilio": {"version": "3.84.1"}}}\n')
    (root / "node_modules" / "twilio").mkdir(parents=True)
    (root / "node_modules" / "twilio" / "index.js").write_text(NODE)
    return root


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["codemod", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return _repo(tmp_path)


def test_mixed_repository_in_place(repo: Path) -> None:
    code, out, err = _run(".")
    assert code == 1  # the parse failure and the lock file stay reported
    assert (repo / "web" / "send.js").read_text() == NODE_AFTER
    assert (repo / "app.py").read_text() != PYTHON  # Python still goes through LibCST
    assert (repo / "web" / "broken.js").read_text().startswith("const twilio = require('twilio');")
    assert (repo / "node_modules" / "twilio" / "index.js").read_text() == NODE
    assert (
        '"@signalwire/compatibility-api": "^3.2.0",\n    "express": "^4"'
        in (repo / "package.json").read_text()
    )
    assert "web/broken.js:2:1: SW900 syntax error, file left unchanged" in out
    assert "package-lock.json:1:29: SW202 lock file still resolves twilio: run `npm install`" in out
    assert "4 files scanned, 1 skipped by pre-filter, 2 rewritten, 0 unchanged, 1 failed" in err

    _, out, err = _run("--check", ".")
    assert "0 would be rewritten" in err and "SW900" in out


def test_language_restricts_files_and_manifests(repo: Path) -> None:
    code, out, err = _run("--language", "python", "--check", ".")
    assert code == 1 and "1 file scanned" in err and "SW202" not in out
    code, out, err = _run("--language", "node", "--diff", ".")
    assert out.startswith("--- a/package.json") or "--- a/web/send.js" in out
    assert "app.py" not in out and "3 files scanned" in err
    assert (repo / "web" / "send.js").read_text() == NODE  # --diff writes nothing


def test_json_output_and_rules(repo: Path) -> None:
    code, out, _ = _run("--format", "json", "--language", "node", ".")
    assert code == 1
    document = json.loads(out)
    assert document["summary"]["changed"] == 1 and document["summary"]["failed"] == 1
    assert document["summary"]["manifests_changed"] == 1
    assert {"SW900", "SW202", "SW200"} <= {finding["code"] for finding in document["findings"]}
    assert "SW905" in document["rules"] and "SW172" in document["rules"]


def test_markers_stay_todos_until_turned_into_ignores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("hook.js").write_text(
        "const twilio = require('twilio');\nconst ok = twilio.validateRequest(a, b, c, d);\n"
    )
    code, out, _ = _run(".")
    assert code == 1 and "hook.js:2:19: SW120" in out
    assert "// sw-migrate: SW120" in Path("hook.js").read_text()
    code, out, err = _run("--check", ".")
    assert code == 1 and "hook.js:3:19: SW120" in out and "0 would be rewritten" in err  # a TODO
    code, out, _ = _run("--format", "json", ".")
    assert [finding["marked"] for finding in json.loads(out)["findings"]] == [True]
    source = Path("hook.js").read_text()
    marker = next(line for line in source.splitlines() if line.startswith("// sw-migrate: SW120"))
    Path("hook.js").write_text(source.replace(marker, "// sw-migrate: ignore[SW120] checked by the proxy"))
    code, out, err = _run("--check", ".")
    assert code == 0 and "SW120" not in out and "0 would be rewritten" in err


def test_crlf_bom_and_mode_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = Path("send.js")
    path.write_bytes(b"\xef\xbb\xbf" + NODE.replace("\n", "\r\n").encode())
    os.chmod(path, 0o754)
    assert _run(".")[0] == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + NODE_AFTER.replace("\n", "\r\n").encode()
    assert path.stat().st_mode & 0o777 == 0o754


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_positions_are_character_columns_an_editor_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bom: bytes
) -> None:
    """tree-sitter counts bytes: a byte-order mark is no column, and "é" is one column, not two."""
    monkeypatch.chdir(tmp_path)
    Path("token.js").write_bytes(bom + b"const t = require('twilio'); const x = t.jwt.AccessToken;\n")
    Path("broken.js").write_bytes(bom + "const é = require('twilio';\n".encode())
    _code, out, _err = _run("--check", ".")
    assert "broken.js:1:27: SW900" in out and "token.js:1:42: SW102" in out, out
