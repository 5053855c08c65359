"""SignalWire → SignalWire: LaML Bins listed by API, their request_urls remapped to the new project's."""

from __future__ import annotations

from pathlib import Path

from tests.sync.conftest import Scenario, assert_target_is, expected_signalwire_to_signalwire, run_sync


def test_signalwire_to_signalwire_reaches_the_expected_state(
    signalwire_pair: Scenario, tmp_path: Path
) -> None:
    scenario = signalwire_pair
    plan, outcomes = run_sync(scenario, state=tmp_path / "state.json")
    assert plan.counts() == {"create": 3, "update": 4, "unchanged": 0, "skip": 0}
    assert all(o.status == "applied" for o in outcomes)
    assert_target_is(scenario, expected_signalwire_to_signalwire(scenario))
    apps = scenario.by_key("applications")
    # The target's own bin URLs, never the source project's.
    source_urls = {b["request_url"] for b in scenario.source_emu.records(scenario.source, "LamlBins")}
    assert not source_urls & {a["voice_url"] for a in apps.values()}
    ivr = next(a for a in plan.actions if a.key == "IVR")
    if scenario.mode == "live":  # the source never returns it: unknown, so not copied, and said so
        assert [(n.code, n.field) for n in ivr.notes] == [("unread", "message_status_callback")]
        assert "message_status_callback" not in ivr.fields
    else:
        assert (
            ivr.notes == [] and ivr.fields["message_status_callback"] == "https://example.com/message-status"
        )

    writes = scenario.target_writes()
    plan, outcomes = run_sync(scenario, state=tmp_path / "state.json")
    assert plan.writes() == [] and scenario.target_writes() == writes
