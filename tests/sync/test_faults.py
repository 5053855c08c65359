"""Faults on the target while applying: the run still converges, and never duplicates anything."""

from __future__ import annotations

from pathlib import Path

from migrate.rest import RetryPolicy
from tests.sync.conftest import Scenario, assert_target_is, expected_twilio_to_signalwire, run_sync

PATIENT = RetryPolicy(max_attempts=12, sleep=lambda _s: None, random=lambda: 0.5)


def converged(scenario: Scenario, state: Path) -> None:
    """Target equals the expected state, and a further run has nothing left to do."""
    assert_target_is(scenario, expected_twilio_to_signalwire(scenario))
    plan, _ = run_sync(scenario, state=state)
    assert plan.writes() == []


def test_429_storm_is_waited_out(twilio_to_signalwire: Scenario, tmp_path: Path) -> None:
    scenario = twilio_to_signalwire
    scenario.target_emu.fail(429, times=15)
    scenario.target_emu.fail(429, retry_after="1", method="POST", times=15)
    sleeps: list[float] = []
    # More attempts per call than 429s injected in all: concurrent workers share the storm, and a worker
    # left to run alone while the others wait for the CPU may meet every one of them in a row.
    policy = RetryPolicy(max_attempts=31, sleep=sleeps.append, random=lambda: 0.5)
    _, outcomes = run_sync(scenario, state=tmp_path / "s.json", policy=policy)
    assert [o.message for o in outcomes if o.status != "applied"] == []
    assert 1.0 in sleeps and len(sleeps) >= 30  # Retry-After honoured; every 429 was retried
    converged(scenario, tmp_path / "s.json")


def test_500_and_503_on_writes(twilio_to_signalwire: Scenario, tmp_path: Path) -> None:
    scenario = twilio_to_signalwire
    emu = scenario.target_emu
    # Two faults on application writes in all: with two workers either create may meet both, and sync
    # gives a create of unknown outcome CREATE_ATTEMPTS (3) tries, so the run must converge in any order.
    faults = [
        emu.fail(500, method="POST", path="/LamlBins", times=1),  # a create: outcome unknown, re-listed
        emu.fail(503, method="POST", path="/Applications", times=1),
        emu.fail(500, method="POST", path="/IncomingPhoneNumbers/", times=2),  # updates: retried
        emu.drop_connections(method="POST", path="/Applications", after=2, times=1),
    ]
    _, outcomes = run_sync(scenario, state=tmp_path / "s.json", concurrency=2, policy=PATIENT)
    assert [o.message for o in outcomes if o.status == "failed"] == []
    assert [fault.fired for fault in faults] == [1, 1, 2, 1]
    converged(scenario, tmp_path / "s.json")


def test_lost_create_responses_are_adopted_not_duplicated(
    twilio_to_signalwire: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_signalwire
    scenario.target_emu.lose_responses(method="POST", path="/Applications", times=2)
    scenario.target_emu.lose_responses(method="POST", path="/LamlBins", times=1)
    _, outcomes = run_sync(scenario, state=tmp_path / "s.json", policy=PATIENT)
    recovered = [o for o in outcomes if o.recovered]
    assert len(recovered) == 3 and all("found it by re-listing" in (o.recovered or "") for o in recovered)
    creates = [
        r
        for r in scenario.target_emu.writes()
        if r.method == "POST" and r.path.endswith("/Applications.json")
    ]
    assert len(creates) == 4  # one per new application: nothing was sent twice
    converged(scenario, tmp_path / "s.json")


def test_a_failed_write_is_reported_and_the_rest_applies(
    twilio_to_signalwire: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_signalwire
    scenario.target_emu.fail(400, method="POST", path="/Applications.json", times=1)
    _, outcomes = run_sync(scenario, state=tmp_path / "s.json", concurrency=1, policy=PATIENT)
    failed = [o for o in outcomes if o.status == "failed"]
    # Concurrency 1 and sorted keys: the first application create ("Broken") is the one refused.
    assert [(o.action.key, o.error.status if o.error else None) for o in failed] == [("Broken", 400)]
    assert sum(o.status == "applied" for o in outcomes) == len(outcomes) - 1
    # A re-run finishes the job.
    _, outcomes = run_sync(scenario, state=tmp_path / "s.json", policy=PATIENT)
    assert all(o.status == "applied" for o in outcomes)
    converged(scenario, tmp_path / "s.json")
