"""``sw-migrate sync`` end to end through the CLI: confirmation, dry run, report, state file, exit codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
from click.testing import CliRunner, Result

from migrate.cli import main
from migrate.emulator import EmulatedAccount, Emulator


class Invoke(Protocol):
    def __call__(self, *args: str, input: str | None = None) -> Result: ...


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator("signalwire") as emulator:
        yield emulator


@pytest.fixture
def accounts(emu: Emulator) -> tuple[EmulatedAccount, EmulatedAccount]:
    old, new = emu.add_account("Old"), emu.add_account("New")
    bin_ = emu.seed(old, "LamlBins", name="Hello", contents="<Response><Say>Hello</Say></Response>")
    app = emu.seed(old, "Applications", friendly_name="Main", voice_url=bin_["request_url"])
    emu.seed(old, "IncomingPhoneNumbers", phone_number="+15550300001", voice_application_sid=app["sid"])
    emu.seed(old, "IncomingPhoneNumbers", phone_number="+15550300002", voice_url="https://example.com/v")
    emu.seed(new, "IncomingPhoneNumbers", phone_number="+15550300001")
    return old, new


@pytest.fixture
def config(tmp_path: Path, emu: Emulator, accounts: tuple[EmulatedAccount, EmulatedAccount]) -> Path:
    path = tmp_path / "sw-migrate.toml"
    old, new = accounts
    path.write_text(emu.profile_toml("old", old, "OLD_TOKEN") + emu.profile_toml("new", new, "NEW_TOKEN"))
    return path


@pytest.fixture
def run(config: Path, accounts: tuple[EmulatedAccount, EmulatedAccount]) -> Invoke:
    old, new = accounts

    def invoke(*args: str, input: str | None = None) -> Result:
        env = {"OLD_TOKEN": old.token, "NEW_TOKEN": new.token, "NO_PROXY": "127.0.0.1"}
        argv = ["sync", "--from", "old", "--to", "new", "--config", str(config), *args]
        return CliRunner().invoke(main, argv, env=env, input=input)

    return invoke


def test_refuses_to_apply_without_yes_when_stdin_is_not_a_terminal(run: Invoke, emu: Emulator) -> None:
    result = run()
    assert result.exit_code == 2
    assert "pass --yes" in result.output
    assert emu.requests == []


def test_dry_run_json_plan_and_no_writes(run: Invoke, emu: Emulator) -> None:
    result = run("--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert plan["dry_run"] is True and plan["summary"]["plan"] == {
        "create": 2,
        "update": 1,
        "unchanged": 0,
        "skip": 1,
    }
    actions = {(a["resource"], a["key"]): a for a in plan["actions"]}
    number = actions[("number", "+15550300001")]
    assert number["changes"][0]["field"] == "voice_application_sid"
    assert number["changes"][0]["new"]["label"] == 'application "Main"'
    assert "awaiting port or purchase" in actions[("number", "+15550300002")]["reason"]
    assert emu.writes() == []


def test_dry_run_text_shows_the_plan(run: Invoke, emu: Emulator) -> None:
    result = run("--dry-run")
    assert result.exit_code == 0, result.output
    assert "Plan: 2 to create, 1 to update, 0 unchanged, 1 skipped" in result.output
    assert "voice_application_sid" in result.output and "awaiting port or purchase" in result.output
    assert emu.writes() == []


def test_apply_with_yes_reports_and_journals_without_secrets(
    run: Invoke,
    emu: Emulator,
    config: Path,
    tmp_path: Path,
    accounts: tuple[EmulatedAccount, EmulatedAccount],
) -> None:
    old, new = accounts
    report_path = tmp_path / "report.json"
    result = run("--yes", "--report", str(report_path))
    assert result.exit_code == 0, result.output
    assert "Applied 3 of 3 changes; 0 failed; 1 skipped; 0 unchanged" in result.output
    report = json.loads(report_path.read_text())
    assert report["summary"]["outcomes"] == {"applied": 3, "skipped": 1}
    state = config.parent / f".sw-migrate-sync.{old.sid}.{new.sid}.json"
    journal = json.loads(state.read_text())
    assert len(journal["resources"]["applications"]) == 1 and len(journal["resources"]["numbers"]) == 1
    for text in (result.output, report_path.read_text(), state.read_text()):
        assert old.token not in text and new.token not in text
    again = run("--yes", "--format", "json")
    assert again.exit_code == 0
    assert json.loads(again.output)["summary"]["plan"] == {
        "create": 0,
        "update": 0,
        "unchanged": 3,
        "skip": 1,
    }


def test_a_failed_write_exits_1_naming_the_api_error(run: Invoke, emu: Emulator) -> None:
    emu.fail(400, method="POST", path="/Applications", times=1)
    result = run("--yes")
    assert result.exit_code == 1
    assert "FAILED" in result.output and "HTTP 400" in result.output
    assert 'application "Main" was not created' in result.output


def test_interactive_confirmation(run: Invoke, emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("migrate.commands.sync.stdin_is_terminal", lambda: True)
    declined = run(input="n\n")
    assert declined.exit_code == 1 and "Apply 3 changes" in declined.output
    assert emu.writes() == []
    accepted = run(input="y\n")
    assert accepted.exit_code == 0 and "Applied 3 of 3" in accepted.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--only", "bins,queues"), "expected a comma-separated subset"),
        (("--bins-from", "/nonexistent/dir", "--dry-run"), "not a directory"),
        (("--concurrency", "0", "--dry-run"), "0 is not in the range"),
    ],
)
def test_usage_errors_exit_2(run: Invoke, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and message in result.output


def test_state_file_of_another_pair_is_refused(
    run: Invoke, tmp_path: Path, accounts: tuple[EmulatedAccount, EmulatedAccount]
) -> None:
    state = tmp_path / "other.json"
    state.write_text(
        json.dumps(
            {
                "format": "sw-migrate-sync/1",
                "source": {"kind": "twilio", "account_sid": "AC1"},
                "target": {"kind": "signalwire", "account_sid": "x"},
                "resources": {},
            }
        )
    )
    result = run("--dry-run", "--state", str(state))
    assert result.exit_code == 2
    old, new = accounts
    assert result.output == (
        f"Error: state file {state} records a sync from twilio account AC1 to signalwire project x, "
        f"not from signalwire project {old.sid} to signalwire project {new.sid}; "
        "give each pair of accounts its own --state file\n"
    )


def test_default_state_file_of_another_pair_suggests_state(
    run: Invoke, config: Path, accounts: tuple[EmulatedAccount, EmulatedAccount]
) -> None:
    old, new = accounts
    default = config.parent / f".sw-migrate-sync.{old.sid}.{new.sid}.json"
    other = {"format": "sw-migrate-sync/1", "source": {"kind": "signalwire", "account_sid": "p-9"}}
    default.write_text(json.dumps({**other, "target": {"kind": "signalwire", "account_sid": new.sid}}))
    result = run("--dry-run")
    assert result.exit_code == 2
    assert "records a sync from signalwire project p-9 to" in result.output
    assert result.output.endswith("; pass --state FILE to keep this pair's state elsewhere\n")
    assert "{" not in result.output


def test_rejected_target_credentials_exit_2(
    config: Path, accounts: tuple[EmulatedAccount, EmulatedAccount], emu: Emulator
) -> None:
    old, _ = accounts
    env = {"OLD_TOKEN": old.token, "NEW_TOKEN": "wrong", "NO_PROXY": "127.0.0.1"}
    argv = ["sync", "--from", "old", "--to", "new", "--config", str(config), "--dry-run"]
    result = CliRunner().invoke(main, argv, env=env)
    assert result.exit_code == 2 and "credentials rejected (HTTP 401)" in result.output
    assert "NEW_TOKEN" in result.output and "wrong" not in result.output
