"""Bins: compared canonically on both sides, and never moved backwards when unreadable this time."""

from __future__ import annotations

from pathlib import Path

from tests.sync.conftest import GREETING, Scenario, assert_target_is, expected_twilio_to_signalwire, run_sync


def eh(url: str) -> str:
    return url.rsplit("/", 1)[1]


def test_trailing_newlines_and_crlf_do_not_update_a_bin_every_run(
    twilio_to_signalwire: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_signalwire
    with scenario.source_emu.state.lock:  # the bin as Twilio's editor saves it: with a final newline
        scenario.source.twiml_bins[eh(scenario.bins["greeting"])] = GREETING + "\n"
    files = {"Welcome": "<Response>\r\n<Say>Welcome</Say>\r\n</Response>\r\n"}
    state = tmp_path / "state.json"
    _, outcomes = run_sync(scenario, state=state, files=files)
    assert all(o.status == "applied" for o in outcomes)
    bins = scenario.by_key("bins")
    assert bins["Welcome"]["contents"] == "<Response>\n<Say>Welcome</Say>\n</Response>"
    assert bins[eh(scenario.bins["greeting"])]["contents"] == GREETING
    writes = scenario.target_writes()
    plan, outcomes = run_sync(scenario, state=state, files=files)
    assert plan.writes() == [] and outcomes == [] and scenario.target_writes() == writes


def test_an_unreadable_bin_keeps_references_on_its_migrated_copy(
    twilio_to_signalwire: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_signalwire
    state = tmp_path / "state.json"
    run_sync(scenario, state=state)
    expected = expected_twilio_to_signalwire(scenario)
    writes = scenario.target_writes()
    # The numbers left Twilio: its handler now refuses every bin fetch.
    scenario.source_emu.fail(403, path="/twiml/", times=None)
    for journal in (state, None):  # with the state file, and matching by name alone
        plan, _ = run_sync(scenario, state=journal, dry_run=journal is None)
        greeting = next(a for a in plan.actions if a.key == eh(scenario.bins["greeting"]))
        assert greeting.op == "skip" and "cannot read the bin" in (greeting.reason or "")
        assert "HTTP 403" in (greeting.reason or "")
        target_url = scenario.by_key("bins")[greeting.key]["request_url"]
        assert [(n.code, target_url in n.message) for n in greeting.notes] == [("kept", True)]
        # Nothing points back at handler.twilio.com. (Without the journal, the one field a live target
        # never returns cannot be known to be set, so it alone is planned again.)
        changed = [(a.key, c.field) for a in plan.writes() for c in a.changes]
        resent = journal is None and scenario.mode == "live"
        assert changed == ([("Main IVR", "message_status_callback")] if resent else [])
        assert scenario.target_writes() == writes
        assert_target_is(scenario, expected)


def test_a_missing_bins_from_file_keeps_references_too(
    twilio_to_signalwire: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_signalwire
    greeting = eh(scenario.bins["greeting"])
    state = tmp_path / "state.json"
    run_sync(scenario, state=state, files={greeting: GREETING})
    writes = scenario.target_writes()
    with scenario.source_emu.state.lock:  # deleted on Twilio since, and no file for it this time
        del scenario.source.twiml_bins[greeting]
    plan, _ = run_sync(scenario, state=state)
    assert plan.writes() == [] and scenario.target_writes() == writes
    assert next(a for a in plan.actions if a.key == greeting).op == "skip"
