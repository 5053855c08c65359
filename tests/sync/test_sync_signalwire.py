"""SignalWire → SignalWire: LaML Bins listed by API, their request_urls remapped to the new project's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from migrate.emulator import Emulator
from tests.sync.conftest import Scenario, assert_target_is, run_sync

MENU = '<Response><Gather action="https://example.com/menu"><Say>Press one</Say></Gather></Response>'


@pytest.fixture(params=["flat", "meta"])
def signalwire_pair(request: pytest.FixtureRequest) -> Iterator[Scenario]:
    with Emulator("signalwire", paging=request.param) as emu:
        source = emu.add_account("Old project")
        target = emu.add_account("New project")
        greeting = emu.seed(
            source, "LamlBins", name="Greeting", contents="<Response><Say>Hi</Say></Response>"
        )
        menu = emu.seed(source, "LamlBins", name="Menu", contents=MENU)
        ivr = emu.seed(
            source, "Applications", friendly_name="IVR", voice_url=menu["request_url"], voice_method="GET"
        )
        fax = emu.seed(source, "Applications", friendly_name="Fax", voice_url="https://example.com/fax")
        emu.seed(
            source, "IncomingPhoneNumbers", phone_number="+15550200001", voice_application_sid=ivr["sid"]
        )
        emu.seed(
            source,
            "IncomingPhoneNumbers",
            phone_number="+15550200002",
            voice_url=greeting["request_url"],
            voice_receive_mode="fax",
            sms_application_sid=fax["sid"],
        )
        emu.seed(
            source, "IncomingPhoneNumbers", phone_number="+15550200003", sms_url="https://example.com/sms"
        )
        for number in ("+15550200001", "+15550200002", "+15550200003"):
            emu.seed(target, "IncomingPhoneNumbers", phone_number=number)
        # Already migrated by hand, with a typo in the contents.
        emu.seed(target, "LamlBins", name="Greeting", contents="<Response><Say>Hi!</Say></Response>")
        yield Scenario(emu, source, emu, target)


def test_signalwire_to_signalwire_reaches_the_expected_state(
    signalwire_pair: Scenario, tmp_path: Path
) -> None:
    scenario = signalwire_pair
    plan, outcomes = run_sync(scenario, state=tmp_path / "state.json")
    assert plan.counts() == {"create": 3, "update": 4, "unchanged": 0, "skip": 0}
    assert all(o.status == "applied" for o in outcomes)
    bins = scenario.by_key("bins")
    apps = scenario.by_key("applications")
    assert_target_is(
        scenario,
        {
            "bins": {
                "Greeting": {"contents": "<Response><Say>Hi</Say></Response>"},
                "Menu": {"contents": MENU},
            },
            "applications": {
                "IVR": {"voice_url": bins["Menu"]["request_url"], "voice_method": "GET"},
                "Fax": {"voice_url": "https://example.com/fax"},
            },
            "numbers": {
                "+15550200001": {"voice_application_sid": apps["IVR"]["sid"], "voice_url": None},
                "+15550200002": {
                    "voice_url": bins["Greeting"]["request_url"],
                    "voice_receive_mode": "fax",
                    "sms_application_sid": apps["Fax"]["sid"],
                },
                "+15550200003": {"sms_url": "https://example.com/sms"},
            },
        },
    )
    # The target's own bin URLs, never the source project's.
    source_urls = {b["request_url"] for b in scenario.source_emu.records(scenario.source, "LamlBins")}
    assert not source_urls & {a["voice_url"] for a in apps.values()}

    writes = scenario.target_writes()
    plan, outcomes = run_sync(scenario, state=tmp_path / "state.json")
    assert plan.writes() == [] and scenario.target_writes() == writes
