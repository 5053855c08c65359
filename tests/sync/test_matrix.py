"""Every direction, both emulator modes, every fault profile: the target converges, then nothing to do.

Directions: Twilio → SignalWire, SignalWire → SignalWire, SignalWire → Twilio. Modes: ``document`` (every
documented field answered) and ``live`` (SignalWire leaves out what its live API omits). The faults hit the
target while applying; whatever they cost, the target ends field by field as expected, holds no duplicate,
and a further run plans and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from migrate.emulator import Emulator, Fault
from migrate.rest import RetryPolicy
from migrate.sync.model import Kind
from tests.sync.conftest import (
    Scenario,
    assert_target_is,
    expected_signalwire_to_signalwire,
    expected_signalwire_to_twilio,
    expected_twilio_to_signalwire,
    run_sync,
    signalwire_pair_scenario,
    signalwire_to_twilio_scenario,
    twilio_to_signalwire_scenario,
)

Expected = dict[Kind, dict[str, dict[str, Any]]]
DIRECTIONS: dict[
    str, tuple[Callable[[str], AbstractContextManager[Scenario]], Callable[[Scenario], Expected]]
] = {
    "twilio-to-signalwire": (twilio_to_signalwire_scenario, expected_twilio_to_signalwire),
    "signalwire-to-signalwire": (signalwire_pair_scenario, expected_signalwire_to_signalwire),
    "signalwire-to-twilio": (signalwire_to_twilio_scenario, expected_signalwire_to_twilio),
}
#: Enough attempts that a storm concentrated on a small scenario's few writes is still waited out.
PATIENT = RetryPolicy(max_attempts=40, sleep=lambda _s: None, random=lambda: 0.5)


def storm(emu: Emulator) -> list[Fault]:
    return [emu.fail(429, times=15), emu.fail(429, retry_after="1", method="POST", times=15)]


def server_errors(emu: Emulator) -> list[Fault]:
    """At most two faults can meet one create whatever order the workers run in, and sync gives a create
    of unknown outcome three tries; so every profile converges in one run, as the matrix asserts."""
    return [
        emu.fail(500, method="POST", times=1),  # the first write: a create's outcome is unknown
        emu.fail(503, method="POST", after=3, times=1),
        emu.fail(503, method="POST", path="/IncomingPhoneNumbers/", times=1),  # an update: retried
        emu.drop_connections(method="POST", path="/IncomingPhoneNumbers/", after=1, times=1),
    ]


def lost_responses(emu: Emulator) -> list[Fault]:
    return [emu.lose_responses(method="POST", times=2)]  # done, but the client never hears


def refused_write(emu: Emulator) -> list[Fault]:
    return [emu.fail(400, method="POST", times=1)]  # reported; the re-run finishes the job


PROFILES: dict[str, Callable[[Emulator], list[Fault]]] = {
    "none": lambda _emu: [],
    "429-storm": storm,
    "5xx-and-drops": server_errors,
    "lost-responses": lost_responses,
    "refused-write": refused_write,
}


@pytest.fixture(params=sorted(DIRECTIONS))
def direction(
    request: pytest.FixtureRequest, mode: str
) -> Iterator[tuple[Scenario, Callable[[Scenario], Expected]]]:
    make, expected = DIRECTIONS[request.param]
    with make(mode) as scenario:
        yield scenario, expected


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_converges_under_faults_then_has_nothing_to_do(
    direction: tuple[Scenario, Callable[[Scenario], Expected]], profile: str, tmp_path: Path
) -> None:
    scenario, expected = direction
    state = tmp_path / "state.json"
    faults = PROFILES[profile](scenario.target_emu)
    _, outcomes = run_sync(scenario, state=state, policy=PATIENT)
    assert [fault.fired for fault in faults] == [fault.times for fault in faults]  # each fault was met
    failed = [o for o in outcomes if o.status == "failed"]
    refused = [o for o in failed if o.error is not None and o.error.status == 400]
    assert len(refused) == (1 if profile == "refused-write" else 0), [o.message for o in failed]
    # Whatever needed the refused resource fails with that reason; nothing else fails.
    assert all("was not created" in (o.message or "") for o in failed if o not in refused)
    if failed:
        _, outcomes = run_sync(scenario, state=state, policy=PATIENT)
        assert outcomes and all(o.status == "applied" for o in outcomes)
    scenario.target_emu.faults.clear()
    assert_target_is(scenario, expected(scenario))  # by natural key: a duplicate fails here too

    writes = scenario.target_writes()
    plan, outcomes = run_sync(scenario, state=state)
    assert plan.writes() == [] and outcomes == [] and scenario.target_writes() == writes
