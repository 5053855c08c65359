"""``sw-migrate whoami`` and ``inventory`` against the emulator, in both dialects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import pytest
from click.testing import CliRunner, Result

from migrate.cli import main
from migrate.emulator import EmulatedAccount, Emulator

FLOW = "https://webhooks.twilio.com/v1/Accounts/AC" + "1" * 32 + "/Flows/FW" + "2" * 32


@pytest.fixture
def config(tmp_path: Path, emu: Emulator, account: EmulatedAccount) -> Path:
    path = tmp_path / "sw-migrate.toml"
    path.write_text(emu.profile_toml("acct", account, "ACCT_TOKEN"), encoding="utf-8")
    return path


class Invoke(Protocol):
    def __call__(self, *args: str, token: str | None = None) -> Result: ...


@pytest.fixture
def run(config: Path, account: EmulatedAccount) -> Invoke:
    """``sw-migrate ARGS --account acct --config FILE`` with the token in the profile's variable."""

    def invoke(*args: str, token: str | None = None) -> Result:
        env = {"ACCT_TOKEN": account.token if token is None else token}
        return CliRunner().invoke(main, [*args, "--account", "acct", "--config", str(config)], env=env)

    return invoke


def test_whoami_text_and_json(run: Invoke, emu: Emulator, account: EmulatedAccount) -> None:
    result = run("whoami")
    assert result.exit_code == 0, result.output
    assert account.sid in result.output and "Primary" in result.output and "active" in result.output
    data = json.loads(run("whoami", "--format", "json").output)
    assert data["sid"] == account.sid and data["kind"] == emu.dialect.name and data["type"] == "Full"
    assert emu.writes() == []


def test_whoami_rejected_token_is_exit_2_naming_the_variable(run: Invoke) -> None:
    result = run("whoami", token="wrong")
    assert result.exit_code == 2
    assert "credentials rejected (HTTP 401)" in result.output and "ACCT_TOKEN" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_whoami_missing_token_is_exit_2(run: Invoke) -> None:
    result = run("whoami", token="")
    assert result.exit_code == 2
    assert "environment variable ACCT_TOKEN" in result.output


def test_env_account_missing_variable_is_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["whoami", "--account", "twilio"], env={"TWILIO_ACCOUNT_SID": "", "TWILIO_AUTH_TOKEN": ""}
    )
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == "Error: environment variable TWILIO_ACCOUNT_SID is not set (needed by --account twilio)"
    )


def test_signalwire_env_account_against_the_emulator() -> None:
    with Emulator("signalwire") as emu:
        account = emu.add_account("Env project")
        env = {
            "SIGNALWIRE_PROJECT_ID": account.sid,
            "SIGNALWIRE_TOKEN": account.token,
            "SIGNALWIRE_SPACE_URL": emu.url,
        }
        result = CliRunner().invoke(main, ["whoami", "--account", "signalwire"], env=env)
        assert result.exit_code == 0, result.output
        assert "Env project" in result.output


def test_clean_inventory_exits_0(run: Invoke, emu: Emulator, account: EmulatedAccount) -> None:
    app = emu.seed(account, "Applications", friendly_name="Main IVR", voice_url="https://example.com/ivr")
    emu.seed(account, "IncomingPhoneNumbers", phone_number="+15551230001", voice_application_sid=app["sid"])
    result = run("inventory")
    assert result.exit_code == 0, result.output
    assert f'voice: app "Main IVR" ({app["sid"]})' in result.output
    assert "1 application, 1 phone number" in result.output and "0 flags" in result.output


def test_inventory_flags_hosted_urls_and_non_transferable_fields(
    run, emu: Emulator, account: EmulatedAccount
) -> None:
    emu.seed(account, "Applications", friendly_name="Flow", voice_url=FLOW)
    emu.seed(
        account,
        "IncomingPhoneNumbers",
        phone_number="+15551230002",
        sms_url="https://x.twil.io/sms",
        trunk_sid="TK" + "4" * 32,
    )
    if emu.dialect.name == "signalwire":
        emu.seed(account, "LamlBins", name="Greeting", contents="<Response/>")
    text = run("inventory")
    assert text.exit_code == 1
    assert "! voice_url: a Twilio Studio flow" in text.output
    assert "! sms_url: a Twilio Function or Asset" in text.output
    data = json.loads(run("inventory", "--format", "json").output)
    kinds = {f["kind"] for record in data["applications"] + data["phone_numbers"] for f in record["flags"]}
    # The spec documents trunk_sid on SignalWire's numbers too (the live API may omit it: see live mode).
    assert kinds == {"studio", "functions", "non-transferable"}
    if emu.dialect.name == "twilio":
        assert data["summary"] == {"applications": 1, "phone_numbers": 1, "laml_bins": 0, "flags": 3}
    else:
        assert data["laml_bins"][0]["request_url"].startswith("https://example.signalwire.com/laml-bins/")
        assert data["summary"]["laml_bins"] == 1
    assert emu.writes() == []
