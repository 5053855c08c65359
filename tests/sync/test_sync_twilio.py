"""Twilio → SignalWire: the seeded account converges, a second run writes nothing, problems are reported."""

from __future__ import annotations

from pathlib import Path

from migrate.sync.report import report_lines
from tests.sync.conftest import (
    STUDIO,
    Scenario,
    assert_target_is,
    expected_twilio_to_signalwire,
    run_sync,
)


def test_twilio_to_signalwire_reaches_the_expected_state(
    twilio_to_signalwire: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_signalwire
    plan, outcomes = run_sync(scenario, state=tmp_path / "state.json")
    assert [o.message for o in outcomes if o.status == "failed"] == []
    assert_target_is(scenario, expected_twilio_to_signalwire(scenario))
    assert plan.counts() == {"create": 6, "update": 5, "unchanged": 0, "skip": 2}


def test_second_run_plans_nothing_and_writes_nothing(twilio_to_signalwire: Scenario, tmp_path: Path) -> None:
    scenario = twilio_to_signalwire
    plan, outcomes = run_sync(scenario, state=tmp_path / "state.json")
    live = scenario.mode == "live"
    main = next(o for o in outcomes if o.action.key == "Main IVR")
    assert main.unverified == (("message_status_callback",) if live else ())
    assert (
        any("not verified: message_status_callback" in line for line in report_lines(plan, outcomes)) == live
    )
    writes = scenario.target_writes()
    plan, outcomes = run_sync(scenario, state=tmp_path / "state.json")
    assert plan.writes() == [] and outcomes == []
    assert scenario.target_writes() == writes
    unverified = [line for line in report_lines(plan, outcomes) if line.startswith("unverified")]
    assert unverified == (
        [
            'unverified        application "Main IVR": the target does not return message_status_callback, '
            "so it cannot be verified; assumed as last written (https://example.com/message-status)"
        ]
        if live
        else []
    )
    # Without the journal, natural keys alone also find everything; in live mode the one field the target
    # never returns cannot be known to be set without the journal's record of it, so it is sent again.
    plan, _ = run_sync(scenario, state=None, dry_run=True)
    changes = [(a.key, c.field) for a in plan.writes() for c in a.changes]
    assert changes == ([("Main IVR", "message_status_callback")] if live else [])


def test_problems_are_reported_per_resource_and_the_rest_migrates(twilio_to_signalwire: Scenario) -> None:
    scenario = twilio_to_signalwire
    plan, outcomes = run_sync(scenario)
    actions = {(a.kind, a.key): a for a in plan.actions}
    broken_sid = scenario.bins["broken"].rsplit("/", 1)[1]

    missing = actions[("numbers", "+15550100004")]
    assert missing.op == "skip" and "awaiting port or purchase" in (missing.reason or "")

    trunk = actions[("numbers", "+15550100003")]
    assert trunk.op == "update"
    assert any(n.field == "trunk_sid" and n.code == "non-transferable" for n in trunk.notes)

    studio = actions[("applications", "Studio app")]
    assert any(n.code == "studio" and STUDIO in n.message for n in studio.notes)

    invalid = actions[("bins", broken_sid)]
    assert invalid.op == "skip" and "invalid bin" in (invalid.reason or "")
    assert any(n.code == "LAML001" for n in invalid.notes)
    broken_app = actions[("applications", "Broken")]
    assert broken_app.op == "create" and {n.code for n in broken_app.notes} >= {
        "twiml-bin",
        "bin-not-migrated",
    }

    converted = next(
        a for a in plan.actions if a.kind == "bins" and any(n.code == "converted" for n in a.notes)
    )
    assert converted.op == "create"

    main = actions[("applications", "Main IVR")]
    # Carried like every other callback (the spec documents MessageStatusCallback on applications).
    assert main.fields["message_status_callback"] == "https://example.com/message-status"
    # The remapped bin URL is no longer flagged as Twilio-hosted: it moved.
    assert not any(n.code == "twiml-bin" for n in main.notes)
    assert all(o.status == "applied" for o in outcomes)


def test_renamed_source_application_is_updated_not_duplicated(
    twilio_to_signalwire: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_signalwire
    state = tmp_path / "state.json"
    run_sync(scenario, state=state)
    with scenario.client("source") as source:
        source.applications.update(scenario.sids["Support"], {"friendly_name": "Customer support"})
    plan, _ = run_sync(scenario, state=state)
    assert [(a.kind, a.key, a.op) for a in plan.writes()] == [("applications", "Customer support", "update")]
    assert plan.writes()[0].changes[0].new == "Customer support"
    names = sorted(scenario.by_key("applications"))
    assert "Customer support" in names and "Support" not in names


def test_only_numbers_uses_applications_already_in_the_target(twilio_to_signalwire: Scenario) -> None:
    scenario = twilio_to_signalwire
    plan, outcomes = run_sync(scenario, only=("numbers",))
    assert {a.kind for a in plan.actions} == {"numbers"}
    actions = {a.key: a for a in plan.actions}
    # "Support" exists in the target, so +…05 is remapped; "Main IVR" does not, so +…01 cannot be.
    assert actions["+15550100005"].op == "update"
    assert actions["+15550100001"].op == "skip" and "--only excludes applications" in (
        actions["+15550100001"].reason or ""
    )
    assert all(o.status == "applied" for o in outcomes)
    assert scenario.by_key("applications").keys() == {"Support"}


def test_dry_run_plan_writes_nothing(twilio_to_signalwire: Scenario) -> None:
    scenario = twilio_to_signalwire
    plan, _ = run_sync(scenario, dry_run=True)
    assert len(plan.writes()) == 11
    assert scenario.target_writes() == 0 and scenario.source_emu.writes() == []


def test_kinds_migrated_one_at_a_time_reach_the_same_state(
    twilio_to_signalwire: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_signalwire
    state = tmp_path / "state.json"
    run_sync(scenario, state=state, only=("bins",))
    assert len(scenario.target_records("bins")) == 2 and scenario.by_key("applications").keys() == {"Support"}
    fetched = len([r for r in scenario.source_emu.requests if r.path.startswith("/twiml/")])
    run_sync(scenario, state=state, only=("applications",))
    # Bins outside --only are matched by name in the target; their contents are not fetched again.
    assert len([r for r in scenario.source_emu.requests if r.path.startswith("/twiml/")]) == fetched
    _, outcomes = run_sync(scenario, state=state, only=("numbers",))
    assert all(o.status == "applied" for o in outcomes)
    assert_target_is(scenario, expected_twilio_to_signalwire(scenario))


def test_a_bin_that_cannot_be_fetched_is_reported(twilio_to_signalwire: Scenario) -> None:
    scenario = twilio_to_signalwire
    gone = "https://handler.twilio.com/twiml/EH" + "9" * 32
    scenario.source_emu.seed(scenario.source, "Applications", friendly_name="Deleted bin", voice_url=gone)
    plan, outcomes = run_sync(scenario)
    actions = {(a.kind, a.key): a for a in plan.actions}
    missing = actions[("bins", "EH" + "9" * 32)]
    assert missing.op == "skip" and "cannot read the bin" in (missing.reason or "")
    assert "HTTP 404" in (missing.reason or "")
    assert actions[("applications", "Deleted bin")].op == "create"
    assert all(o.status == "applied" for o in outcomes)
