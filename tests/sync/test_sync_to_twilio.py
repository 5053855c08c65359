"""A Twilio account as the target: consolidating Twilio accounts, or moving back from SignalWire.

Twilio has no API to create TwiML Bins, so bins are never written there: each is reported as skipped with
the reason, and whatever points at one keeps its URL with a note saying the bin was not migrated. All
else (applications, number configuration, references between them) migrates as it does to SignalWire.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from migrate.emulator import Emulator
from tests.sync.conftest import (
    STUDIO,
    Scenario,
    assert_target_is,
    expected_signalwire_to_twilio,
    run_sync,
    seed_twilio,
)


@pytest.fixture
def twilio_to_twilio() -> Iterator[Scenario]:
    with Emulator("twilio") as emu:
        source = emu.add_account("Old Twilio account")
        target = emu.add_account("New Twilio account")
        bins, sids = seed_twilio(emu, source)
        for last in ("1", "2", "3", "5"):
            emu.seed(target, "IncomingPhoneNumbers", phone_number=f"+1555010000{last}")
        yield Scenario(emu, source, emu, target, bins, sids)


def test_signalwire_to_twilio_migrates_all_but_bins(signalwire_to_twilio: Scenario, tmp_path: Path) -> None:
    scenario = signalwire_to_twilio
    plan, outcomes = run_sync(scenario, state=tmp_path / "state.json")
    actions = {(a.kind, a.key): a for a in plan.actions}
    greeting = actions["bins", "Greeting"]
    assert (greeting.op, greeting.reason) == (
        "skip",
        "the target has no bin API (LaML Bins are SignalWire's)",
    )
    awaiting = actions["numbers", "+15550300003"]
    assert awaiting.op == "skip" and "not in the target account" in (awaiting.reason or "")
    bin_user = actions["numbers", "+15550300002"]
    assert [(n.code, n.field) for n in bin_user.notes] == [("bin-not-migrated", "voice_url")]
    assert all(o.status == "applied" for o in outcomes) and len(outcomes) == 3
    assert_target_is(scenario, expected_signalwire_to_twilio(scenario))
    writes = scenario.target_writes()
    plan, _ = run_sync(scenario, state=tmp_path / "state.json")
    assert plan.writes() == [] and scenario.target_writes() == writes


def test_twilio_to_twilio_keeps_twiml_bin_urls_and_says_so(
    twilio_to_twilio: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_twilio
    plan, outcomes = run_sync(scenario, state=tmp_path / "state.json")
    skipped_bins = [a for a in plan.actions if a.kind == "bins"]
    assert skipped_bins and all(a.op == "skip" and "no bin API" in (a.reason or "") for a in skipped_bins)
    assert all(o.status == "applied" for o in outcomes)
    apps = scenario.by_key("applications")
    assert_target_is(
        scenario,
        {
            "bins": {},
            "applications": {
                "Main IVR": {"voice_url": scenario.bins["greeting"], "voice_method": "GET"},
                "Support": {"voice_url": "https://example.com/support"},
                "Studio app": {"voice_url": STUDIO},
                "Conditional": {"voice_url": scenario.bins["handlebars"]},
                "Broken": {"voice_url": scenario.bins["broken"]},
            },
            "numbers": {
                "+15550100001": {"voice_application_sid": apps["Main IVR"]["sid"]},
                "+15550100002": {"voice_url": scenario.bins["greeting"]},
                "+15550100005": {"sms_application_sid": apps["Support"]["sid"]},
            },
        },
    )
    notes = {(a.kind, a.key, n.field) for a in plan.actions for n in a.notes if n.code == "bin-not-migrated"}
    assert ("applications", "Main IVR", "voice_url") in notes
    assert ("numbers", "+15550100002", "voice_url") in notes
    # Message status callbacks are carried like every other callback.
    assert apps["Main IVR"]["message_status_callback"] == "https://example.com/message-status"
    writes = scenario.target_writes()
    plan, _ = run_sync(scenario, state=tmp_path / "state.json")
    assert plan.writes() == [] and scenario.target_writes() == writes
