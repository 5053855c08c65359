"""Account resolution exactly as DESIGN.md's CLI contract says, with one-line errors naming what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.accounts import TWILIO_BASE_URL, AccountError, Secret, resolve_account

SID = "AC" + "a" * 32
UUID = "446e9986-0848-4d46-a617-48793c5f5e07"


def test_twilio_from_env() -> None:
    account = resolve_account("twilio", env={"TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": "tok"})
    assert (account.kind, account.account_sid, account.base_url) == ("twilio", SID, TWILIO_BASE_URL)
    assert account.token.reveal() == "tok"


@pytest.mark.parametrize(
    ("space", "base"),
    [
        ("example.signalwire.com", "https://example.signalwire.com/api/laml/2010-04-01"),
        ("https://example.signalwire.com/", "https://example.signalwire.com/api/laml/2010-04-01"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/laml/2010-04-01"),
    ],
)
def test_signalwire_from_env(space: str, base: str) -> None:
    env = {"SIGNALWIRE_PROJECT_ID": UUID, "SIGNALWIRE_TOKEN": "PTabc", "SIGNALWIRE_SPACE_URL": space}
    account = resolve_account("signalwire", env=env)
    assert (account.kind, account.account_sid, account.base_url) == ("signalwire", UUID, base)


@pytest.mark.parametrize(
    ("name", "env", "variable"),
    [
        ("twilio", {"TWILIO_AUTH_TOKEN": "t"}, "TWILIO_ACCOUNT_SID"),
        ("twilio", {"TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": " "}, "TWILIO_AUTH_TOKEN"),
        ("signalwire", {"SIGNALWIRE_PROJECT_ID": UUID, "SIGNALWIRE_TOKEN": "t"}, "SIGNALWIRE_SPACE_URL"),
        (
            "signalwire",
            {"SIGNALWIRE_SPACE_URL": "x.signalwire.com", "SIGNALWIRE_TOKEN": "t"},
            "SIGNALWIRE_PROJECT_ID",
        ),
    ],
)
def test_missing_env_variable_is_named(name: str, env: dict[str, str], variable: str) -> None:
    with pytest.raises(AccountError, match=f"environment variable {variable} is not set"):
        resolve_account(name, env=env, cwd=Path("/nonexistent"), home=Path("/nonexistent"))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


PROFILE = f"""
[accounts.old]
kind = "twilio"
account_sid = "{SID}"
token_env = "OLD_TWILIO_TOKEN"

[accounts.new]
kind = "signalwire"
account_sid = "{UUID}"
token_env = "NEW_SW_TOKEN"
space_url = "example.signalwire.com"

[accounts.local]
kind = "twilio"
account_sid = "{SID}"
token = "literal"
base_url = "http://127.0.0.1:8080/2010-04-01/"
"""


def test_profiles_from_explicit_config(tmp_path: Path) -> None:
    config = _write(tmp_path / "c.toml", PROFILE)
    env = {"OLD_TWILIO_TOKEN": "t1", "NEW_SW_TOKEN": "t2"}
    old = resolve_account("old", config=config, env=env)
    assert (old.kind, old.base_url, old.token.reveal()) == ("twilio", TWILIO_BASE_URL, "t1")
    assert "OLD_TWILIO_TOKEN" in old.credential_source
    new = resolve_account("new", config=config, env=env)
    assert new.base_url == "https://example.signalwire.com/api/laml/2010-04-01"
    local = resolve_account("local", config=config, env={})
    assert (local.base_url, local.credential_source) == (
        "http://127.0.0.1:8080/2010-04-01",
        f"{config}: accounts.local.token",
    )


def test_config_search_order_cwd_then_home(tmp_path: Path) -> None:
    cwd, home = tmp_path / "cwd", tmp_path / "home"
    (home / ".config" / "sw-migrate").mkdir(parents=True)
    cwd.mkdir()
    _write(home / ".config" / "sw-migrate" / "config.toml", PROFILE)
    env = {"OLD_TWILIO_TOKEN": "t"}
    assert resolve_account("old", env=env, cwd=cwd, home=home).kind == "twilio"
    _write(
        cwd / "sw-migrate.toml",
        PROFILE.replace('kind = "twilio"\naccount_sid = "AC', 'kind = "twilio"\naccount_sid = "ACb', 1),
    )
    assert resolve_account("old", env=env, cwd=cwd, home=home).account_sid.startswith("ACb")


@pytest.mark.parametrize(
    ("profile", "env", "message"),
    [
        ('kind = "twilio"\ntoken = "x"', {}, "accounts.p.account_sid is missing"),
        (
            f'kind = "plivo"\naccount_sid = "{SID}"\ntoken = "x"',
            {},
            'accounts.p.kind must be "twilio" or "signalwire"',
        ),
        (f'kind = "twilio"\naccount_sid = "{SID}"', {}, "accounts.p.token_env is missing"),
        (
            f'kind = "twilio"\naccount_sid = "{SID}"\ntoken_env = "P_TOKEN"',
            {},
            r"environment variable P_TOKEN \(named by .*accounts.p.token_env\) is not set",
        ),
        (f'kind = "signalwire"\naccount_sid = "{UUID}"\ntoken = "x"', {}, "accounts.p.space_url is missing"),
        (
            f'kind = "twilio"\naccount_sid = "{SID}"\ntoken = "x"\ntokn_env = "Y"',
            {},
            "accounts.p.tokn_env is not a known key",
        ),
        (
            f'kind = "twilio"\naccount_sid = "{SID}"\ntoken = "x"\nbase_url = "http://10.0.0.5/2010-04-01"',
            {},
            "accounts.p.base_url: http:// is only allowed for loopback hosts",
        ),
        (
            f'kind = "twilio"\naccount_sid = "{SID}"\ntoken = "x"\nbase_url = "https://u:p@api.example/2010-04-01"',
            {},
            "accounts.p.base_url: put credentials in the token settings",
        ),
        (
            'kind = "twilio"\naccount_sid = 12\ntoken = "x"',
            {},
            "accounts.p.account_sid must be a non-empty string",
        ),
    ],
)
def test_profile_errors_name_the_key(tmp_path: Path, profile: str, env: dict[str, str], message: str) -> None:
    config = _write(tmp_path / "c.toml", f"[accounts.p]\n{profile}\n")
    with pytest.raises(AccountError, match=message) as caught:
        resolve_account("p", config=config, env=env)
    assert "\n" not in str(caught.value)


def test_unknown_profile_missing_file_and_bad_toml(tmp_path: Path) -> None:
    config = _write(tmp_path / "c.toml", PROFILE)
    with pytest.raises(AccountError, match=r"has no \[accounts.nope\] table"):
        resolve_account("nope", config=config, env={})
    with pytest.raises(AccountError, match="does not exist"):
        resolve_account("old", config=tmp_path / "missing.toml", env={})
    with pytest.raises(AccountError, match="no config file"):
        resolve_account("old", env={}, cwd=tmp_path / "x", home=tmp_path / "y")
    with pytest.raises(AccountError, match="cannot read config file"):
        resolve_account("old", config=_write(tmp_path / "bad.toml", "[accounts\n"), env={})


def test_secret_never_shows_itself() -> None:
    secret = Secret("hunter2")
    account = resolve_account("twilio", env={"TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": "hunter2"})
    for text in (repr(secret), str(secret), repr(account), str(account), f"{secret}"):
        assert "hunter2" not in text
