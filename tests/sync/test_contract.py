"""What a sync sends to SignalWire follows the spec's tables, and a refused write is explained."""

from __future__ import annotations

import json
from pathlib import Path

from migrate.sync.report import document, report_lines
from tests.sync.conftest import Scenario, run_sync


def test_updating_an_existing_application_sends_its_friendly_name(
    twilio_to_signalwire: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_signalwire
    run_sync(scenario, state=tmp_path / "state.json")
    support = next(
        r.form
        for r in scenario.target_emu.writes()
        if r.form.get("VoiceUrl") == "https://example.com/support"
    )
    # "Support" existed in the target: only its URLs changed, yet the required FriendlyName goes along.
    assert support == {
        "FriendlyName": "Support",
        "VoiceUrl": "https://example.com/support",
        "StatusCallback": "https://example.com/status",
    }
    numbers = [r.form for r in scenario.target_emu.writes() if "/IncomingPhoneNumbers/" in r.path]
    assert len(numbers) == 4 and all(f["AccountSid"] == scenario.target.sid for f in numbers)


def test_a_field_the_update_table_lacks_is_reported_not_sent(
    twilio_to_signalwire: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_signalwire
    with scenario.target_emu.state.lock:  # set in the target's dashboard
        support = next(
            r for r in scenario.target.resources["Applications"].values() if r["friendly_name"] == "Support"
        )
        support["voice_caller_id_lookup"] = True
    plan, _ = run_sync(scenario, state=tmp_path / "state.json")
    action = next(a for a in plan.actions if a.key == "Support")
    assert "voice_caller_id_lookup" not in action.fields
    [note] = [n for n in action.notes if n.code == "not-updatable"]
    assert note.field == "voice_caller_id_lookup"
    assert note.message.startswith("differs (true in the target, false wanted)")
    assert all("VoiceCallerIdLookup" not in r.form for r in scenario.target_emu.writes())


def test_a_refused_write_names_resource_sid_status_code_and_the_specs_meaning(
    twilio_to_signalwire: Scenario, tmp_path: Path
) -> None:
    scenario = twilio_to_signalwire
    refusal = {"code": 10002, "message": "Trial accounts cannot do that", "more_info": None, "status": 403}
    scenario.target_emu.fail(403, body=refusal, method="POST", path="/IncomingPhoneNumbers/", times=1)
    plan, outcomes = run_sync(scenario, state=tmp_path / "state.json", concurrency=1)
    [failed] = [o for o in outcomes if o.status == "failed"]
    sid = failed.action.target_sid
    assert sid is not None
    line = next(line for line in report_lines(plan, outcomes) if line.startswith("FAILED"))
    request_id = failed.error.request_id if failed.error else None
    assert line == (
        f'FAILED    update  number "{failed.action.key}": POST IncomingPhoneNumbers/{sid}: HTTP 403 '
        'code 10002 Trial accounts cannot do that (code 10002 means "Trial account does not support this '
        f'feature") [request {request_id}]'
    )
    report = json.loads(json.dumps(document(plan, outcomes, dry_run=False, state=None)))
    [entry] = [a for a in report["actions"] if a["outcome"] == "failed"]
    assert entry["error"] | {"request_id": None} == {
        "method": "POST",
        "resource": "IncomingPhoneNumbers",
        "sid": sid,
        "status": 403,
        "code": 10002,
        "message": "Trial accounts cannot do that",
        "more_info": None,
        "request_id": None,
        "meaning": {"type": "Generic", "message": "Trial account does not support this feature"},
    }
