"""The retry policy against injected faults: what is retried, how long it waits, and what never is."""

from __future__ import annotations

import logging
import socket
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from migrate.accounts import Account, Secret
from migrate.emulator import EmulatedAccount, Emulator
from migrate.rest import ApiError, CreateOutcomeUnknown, RestClient, RetryPolicy, parse_retry_after
from tests.rest.conftest import RecordedSleeps


def test_429_with_retry_after_waits_exactly_that(
    emu: Emulator, client: RestClient, sleeps: RecordedSleeps
) -> None:
    emu.fail(429, retry_after="7", method="GET", times=2)
    assert list(client.applications.list()) == []
    assert sleeps == [7.0, 7.0]
    assert [r.status for r in emu.requests] == [429, 429, 200]


def test_429_without_retry_after_backs_off_exponentially_with_jitter(
    emu: Emulator, account: EmulatedAccount
) -> None:
    sleeps = RecordedSleeps()
    jitter = iter([0.0, 1.0, 0.5])
    policy = RetryPolicy(
        max_attempts=4, base_delay=1.0, max_delay=8.0, sleep=sleeps, random=lambda: next(jitter)
    )
    client = RestClient(emu.account_for(account), retry=policy)
    emu.fail(429, method="GET", times=3)
    client.fetch_account()
    # ceilings 1, 2, 4: half fixed, half jitter
    assert sleeps == [0.5, 2.0, 3.0]


def test_retry_after_as_http_date_and_garbage() -> None:
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert parse_retry_after(format_datetime(now + timedelta(seconds=12)), now=lambda: now) == 12.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=12)), now=lambda: now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert RetryPolicy(max_retry_after=60).delay(1, "3600") == 60


def test_429_on_create_is_retried_because_it_was_never_processed(
    emu: Emulator, client: RestClient, account: EmulatedAccount, sleeps: RecordedSleeps
) -> None:
    emu.fail(429, retry_after="1", method="POST", times=2)
    client.applications.create({"friendly_name": "IVR"})
    assert len(emu.records(account, "Applications")) == 1
    assert sleeps == [1.0, 1.0]


@pytest.mark.parametrize("status", [500, 503, 504])
def test_server_errors_are_retried_for_reads_updates_and_deletes(
    emu: Emulator, client: RestClient, account: EmulatedAccount, status: int
) -> None:
    app = emu.seed(account, "Applications", friendly_name="IVR")
    for method in ("GET", "POST", "DELETE"):
        emu.fail(status, method=method, times=1)
    client.applications.fetch(app["sid"])
    client.applications.update(app["sid"], {"friendly_name": "IVR", "voice_url": "https://example.com/v"})
    client.applications.delete(app["sid"])
    assert [r.status for r in emu.requests] == [status, 200, status, 200, status, 204]


@pytest.mark.parametrize("status", [500, 503, 504])
def test_server_error_on_create_is_never_retried_blindly(
    emu: Emulator, client: RestClient, account: EmulatedAccount, status: int, sleeps: RecordedSleeps
) -> None:
    emu.fail(status, method="POST", times=1)
    with pytest.raises(CreateOutcomeUnknown) as caught:
        client.applications.create({"friendly_name": "IVR"})
    assert caught.value.status == status
    assert "re-list" in str(caught.value)
    assert len(emu.writes()) == 1 and sleeps == []


def test_lost_create_response_never_duplicates(
    emu: Emulator, client: RestClient, account: EmulatedAccount
) -> None:
    """The duplicate-maker: the server creates, the response is lost. Re-listing finds the one record."""
    emu.lose_responses(method="POST", path="/Applications")
    with pytest.raises(CreateOutcomeUnknown):
        client.applications.create({"friendly_name": "IVR"})
    created = 201 if emu.dialect.name == "twilio" else 200  # SignalWire's spec: Create an Application is 200
    assert [(w.status, w.outcome) for w in emu.writes()] == [(created, "lost")]
    found = client.applications.lookup("IVR")
    assert len(found) == 1
    assert len(emu.records(account, "Applications")) == 1


def test_dropped_create_before_processing_is_also_unknown_and_relist_finds_nothing(
    emu: Emulator, client: RestClient, account: EmulatedAccount
) -> None:
    emu.add_available("+15551230001")
    emu.drop_connections(method="POST")
    with pytest.raises(CreateOutcomeUnknown):
        client.incoming_phone_numbers.create({"phone_number": "+15551230001"})
    assert client.incoming_phone_numbers.lookup("+15551230001") == []
    client.incoming_phone_numbers.create({"phone_number": "+15551230001"})
    assert len(emu.records(account, "IncomingPhoneNumbers")) == 1


def test_connection_dropped_after_n_requests_mid_listing_is_resumed(
    emu: Emulator, account: EmulatedAccount, policy: RetryPolicy, sleeps: RecordedSleeps
) -> None:
    for i in range(25):
        emu.seed(account, "Applications", friendly_name=f"app-{i}")
    client = RestClient(emu.account_for(account), retry=policy, page_size=10)
    emu.drop_connections(after=1, times=2)
    assert len(list(client.applications.list())) == 25
    assert [r.outcome for r in emu.requests] == ["ok", "dropped", "dropped", "ok", "ok"]
    assert len(sleeps) == 2


def test_attempts_are_capped(emu: Emulator, client: RestClient, sleeps: RecordedSleeps) -> None:
    emu.fail(503, method="GET", times=None)
    with pytest.raises(ApiError) as caught:
        client.fetch_account()
    assert caught.value.status == 503
    assert "gave up after 4 attempts" in str(caught.value)
    assert len(emu.requests) == 4 and len(sleeps) == 3


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_refused_connection_is_retried_even_for_create_then_reported(
    policy: RetryPolicy, sleeps: RecordedSleeps
) -> None:
    """A refused connection never reached the server, so even a create may be retried."""
    account = Account(
        "dead",
        "twilio",
        "AC" + "0" * 32,
        Secret("t"),
        f"http://127.0.0.1:{_closed_port()}/2010-04-01",
        "test",
    )
    with pytest.raises(ApiError) as caught:
        RestClient(account, retry=policy).applications.create({"friendly_name": "x"})
    assert not isinstance(caught.value, CreateOutcomeUnknown)
    assert caught.value.status is None and "connection refused by 127.0.0.1:" in caught.value.message
    assert len(sleeps) == 3


def test_every_retry_is_logged_at_debug(
    emu: Emulator, client: RestClient, caplog: pytest.LogCaptureFixture
) -> None:
    emu.fail(429, retry_after="2", method="GET", times=2)
    with caplog.at_level(logging.DEBUG, logger="migrate.rest"):
        client.fetch_account()
    retries = [r for r in caplog.records if r.name == "migrate.rest" and "retrying" in r.getMessage()]
    assert len(retries) == 2
    assert all(r.levelno == logging.DEBUG for r in retries)
    assert "GET Accounts (attempt 2 of 4) in 2.00s after: HTTP 429" in retries[0].getMessage()


def test_read_timeout_retries_a_read_but_makes_a_create_unknown(
    emu: Emulator, account: EmulatedAccount, policy: RetryPolicy, sleeps: RecordedSleeps
) -> None:
    """A timed-out create may still happen on the server: the client must say so, not retry."""
    client = RestClient(emu.account_for(account), retry=policy, timeout=(2.0, 0.1))
    emu.faults.latency = 0.3
    with pytest.raises(CreateOutcomeUnknown, match=r"sent nothing for 0.1 s \(read timeout\)"):
        client.applications.create({"friendly_name": "slow"})
    with pytest.raises(ApiError, match="gave up after 4 attempts"):
        client.fetch_account()
    assert len(sleeps) == 3
    emu.faults.latency = 0.0
    deadline = time.monotonic() + 5
    while not emu.records(account, "Applications") and time.monotonic() < deadline:
        time.sleep(0.01)  # the server finishes the create on its own schedule
    assert [a["friendly_name"] for a in client.applications.lookup("slow")] == ["slow"]


def test_unreadable_success_body_on_create_is_unknown(emu: Emulator, client: RestClient) -> None:
    emu.fail(201, body="<html>created, probably</html>", method="POST")
    with pytest.raises(CreateOutcomeUnknown, match="not a JSON object"):
        client.applications.create({"friendly_name": "x"})
