"""Emulators for the REST tests: fresh per test, on ephemeral 127.0.0.1 ports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from migrate.emulator import EmulatedAccount, Emulator
from migrate.rest import RestClient, RetryPolicy
from tests._contract_check import checked_transport


class RecordedSleeps(list[float]):
    """A ``sleep`` that records instead of waiting, so retry tests are instant and exact."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture(autouse=True)
def _no_proxy_for_the_emulator(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that use requests or twilio-python directly must reach 127.0.0.1 even under HTTP(S)_PROXY."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def sleeps() -> RecordedSleeps:
    return RecordedSleeps()


@pytest.fixture
def policy(sleeps: RecordedSleeps) -> RetryPolicy:
    return RetryPolicy(max_attempts=4, base_delay=1.0, max_delay=8.0, sleep=sleeps, random=lambda: 0.5)


@pytest.fixture(params=["twilio", "signalwire"])
def emu(request: pytest.FixtureRequest) -> Iterator[Emulator]:
    with Emulator(request.param) as emulator:
        yield emulator


@pytest.fixture
def account(emu: Emulator) -> EmulatedAccount:
    return emu.add_account("Primary")


@pytest.fixture
def client(emu: Emulator, account: EmulatedAccount, policy: RetryPolicy) -> Iterator[RestClient]:
    with RestClient(emu.account_for(account), retry=policy) as rest:
        yield rest


__all__ = ["checked_transport"]  # autouse: every request of these tests is checked against the contract
