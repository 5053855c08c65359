"""``--target twilio-sdk``: one helper module for the repository, and an import line per migrated file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.cli import main

SMS = b"from twilio.rest import Client\n\nclient = Client(sid, token)\n"
VOICE = b"import twilio.rest\n\n\ndef make():\n    return twilio.rest.Client(sid, token)\n"


def invoke(*args: str):
    return CliRunner().invoke(main, ["codemod", "--target", "twilio-sdk", *args])


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    package = tmp_path / "app" / "gateways"
    package.mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_bytes(b"")
    (package / "__init__.py").write_bytes(b"")
    (package / "sms.py").write_bytes(SMS)
    (package / "voice.py").write_bytes(VOICE)
    return tmp_path


def test_one_helper_module_and_only_import_lines_change(repo: Path) -> None:
    result = invoke(".")
    assert result.exit_code == 0, result.output
    gateways = repo / "app" / "gateways"
    assert (gateways / "sms.py").read_bytes() == SMS.replace(b"twilio.rest", b"app.signalwire_space")
    assert (gateways / "voice.py").read_bytes() == (
        b"from app.signalwire_space import Client\n\n\ndef make():\n    return Client(sid, token)\n"
    )
    helpers = sorted(path.relative_to(repo).as_posix() for path in repo.rglob("signalwire_space.py"))
    assert helpers == ["app/signalwire_space.py"]
    assert b"class Client(TwilioClient):" in (repo / "app" / "signalwire_space.py").read_bytes()
    again = invoke("--check", ".")
    assert again.exit_code == 0, again.output  # the helper itself is left alone on the second run


def test_diff_creates_the_helper_as_a_new_file_git_applies(repo: Path) -> None:
    result = invoke("--diff", ".")
    assert result.exit_code == 0, result.output
    assert "--- /dev/null\n+++ b/app/signalwire_space.py\n" in result.stdout
    assert not (repo / "app" / "signalwire_space.py").exists()
    git = shutil.which("git")
    assert git, "git is needed to prove the diff applies"
    subprocess.run([git, "init", "-q"], cwd=repo, check=True)
    (repo / "patch.diff").write_bytes(result.stdout_bytes)
    subprocess.run([git, "apply", "patch.diff"], cwd=repo, check=True)
    assert (repo / "app" / "signalwire_space.py").is_file()


def test_space_url_becomes_the_helper_default_not_a_call_argument(repo: Path) -> None:
    assert invoke(".", "--space-url", "example.signalwire.com").exit_code == 0
    assert (repo / "app" / "gateways" / "sms.py").read_bytes().endswith(b"client = Client(sid, token)\n")
    helper = (repo / "app" / "signalwire_space.py").read_bytes()
    assert b'os.environ.get("SIGNALWIRE_SPACE_URL", "example.signalwire.com")' in helper


def test_an_existing_helper_module_is_never_overwritten(repo: Path) -> None:
    mine = b"from twilio.rest import Client as TwilioClient\n\n\nclass Client(TwilioClient):\n    pass\n"
    (repo / "app" / "signalwire_space.py").write_bytes(mine)
    assert invoke(".").exit_code == 0
    assert (repo / "app" / "signalwire_space.py").read_bytes() == mine
