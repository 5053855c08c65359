"""Secrets stay secret, credentials only travel over https (or to loopback), responses are bounded."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from migrate.accounts import Account, Secret
from migrate.cli import main
from migrate.emulator import Emulator
from migrate.rest import ApiError, RestClient, RetryPolicy


def _account(base_url: str) -> Account:
    return Account("x", "twilio", "AC" + "0" * 32, Secret("t"), base_url, "test")


@pytest.mark.parametrize(
    "base_url",
    [
        "http://api.twilio.com/2010-04-01",
        "http://10.0.0.1:8080/2010-04-01",
        "http://127.0.0.1.evil.example/x",
        "ftp://h/x",
    ],
)
def test_plain_http_is_refused_for_non_loopback_hosts(base_url: str) -> None:
    with pytest.raises(ValueError, match=r"not an http|only allowed for loopback"):
        RestClient(_account(base_url))


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:9/2010-04-01", "http://localhost:9/x", "http://[::1]:9/x"]
)
def test_plain_http_is_allowed_for_loopback(base_url: str) -> None:
    RestClient(_account(base_url)).close()


def test_oversized_response_is_refused() -> None:
    with Emulator("twilio") as emu:
        account = emu.add_account()
        for i in range(20):
            emu.seed(account, "Applications", friendly_name=f"app-{i}")
        client = RestClient(emu.account_for(account), max_response_bytes=4096)
        with pytest.raises(ApiError, match="bytes refused"):
            list(client.applications.list())


def test_the_token_never_appears_in_logs_exceptions_reprs_or_reports(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Drive every path that produces text — retries, failures, lost creates, 401s, both commands in both
    formats — with DEBUG logging on for every logger (urllib3 included), then look for the token."""
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    with Emulator("twilio") as emu:
        account = emu.add_account("Secretive")
        token = account.token
        emu.seed(
            account, "Applications", friendly_name="Studio", voice_url="https://webhooks.twilio.com/v1/x"
        )
        profile = emu.account_for(account)
        client = RestClient(profile, retry=RetryPolicy(max_attempts=2, sleep=lambda _s: None))
        texts += [
            repr(client),
            repr(client.transport),
            repr(profile),
            str(profile),
            repr(client.applications),
        ]

        fetched = client.fetch_account()
        assert "auth_token" not in fetched  # Twilio returns it; the client drops it
        texts.append(json.dumps(fetched))
        emu.fail(429, method="GET", times=1)
        emu.fail(503, method="GET", times=None, path="/Applications/")
        emu.fail(500, method="POST", times=1)
        emu.lose_responses(method="POST", times=1)
        emu.drop_connections(method="DELETE", times=2)
        calls = [
            lambda: client.applications.fetch("AP" + "1" * 32),
            lambda: client.applications.create({"friendly_name": "a"}),
            lambda: client.applications.create({"friendly_name": "b"}),
            lambda: client.applications.delete("AP" + "2" * 32),
            lambda: RestClient(emu.account_for(account)).incoming_phone_numbers.fetch("PN" + "1" * 32),
        ]
        for call in calls:
            with pytest.raises(ApiError) as caught:
                call()
            texts += [str(caught.value), repr(caught.value), json.dumps(caught.value.to_dict())]
        emu.faults.clear()

        config = tmp_path / "sw-migrate.toml"
        config.write_text(emu.profile_toml("acct", account, "ACCT_TOKEN"), encoding="utf-8")
        runner = CliRunner()
        for command in ("whoami", "inventory"):
            for output_format in ("text", "json"):
                args = [command, "--account", "acct", "--config", str(config), "--format", output_format]
                texts.append(runner.invoke(main, args, env={"ACCT_TOKEN": token}).output)
        rejected = runner.invoke(
            main,
            ["whoami", "--account", "acct", "--config", str(config)],
            env={"ACCT_TOKEN": "wrong-" + token},
        )
        assert rejected.exit_code == 2
        texts.append(rejected.output)

    texts.append(caplog.text)
    texts += [record.getMessage() for record in caplog.records]
    assert any("retrying" in t for t in texts) and any(
        "Studio" in t for t in texts
    )  # the scan saw real output
    leaks = [t for t in texts if token in t]
    assert leaks == []
