"""Seeded source and target accounts on emulators, and a helper that runs a sync in-process.

The scenario has everything the issue names: applications pointing at bins, numbers pointing at
applications and at bins directly, Twilio TwiML Bin URLs (one with Handlebars, one invalid), a Studio URL,
a trunk-backed number and a number that is not in the target yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from migrate.emulator import EmulatedAccount, Emulator
from migrate.rest import RestClient, RetryPolicy
from migrate.sync import Applier, Journal, Outcome, Plan, build_plan, discover
from migrate.sync.model import KINDS, Kind, normalise
from tests._contract_check import checked_transport

STUDIO = "https://webhooks.twilio.com/v1/Accounts/AC" + "1" * 32 + "/Flows/FW" + "2" * 32
TRUNK = "TK" + "3" * 32
GREETING = '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Say>Hello {{From}}</Say></Response>'
HANDLEBARS = (
    "<Response>{{#if Digits}}<Say>You pressed {{Digits}}</Say>{{else}}<Say>Nothing</Say>{{/if}}</Response>"
)
CONVERTED = (
    "<Response>{{#Digits}}<Say>You pressed {{Digits}}</Say>{{/Digits}}"
    "{{^Digits}}<Say>Nothing</Say>{{/Digits}}</Response>"
)
BROKEN = "<Response><Say>never closed</Response>"
RESOURCE = {"bins": "LamlBins", "applications": "Applications", "numbers": "IncomingPhoneNumbers"}
KEY = {"bins": "name", "applications": "friendly_name", "numbers": "phone_number"}


@pytest.fixture(autouse=True)
def _no_proxy_for_the_emulator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def fast_policy() -> RetryPolicy:
    """The production policy's shape with the waits removed."""
    return RetryPolicy(max_attempts=8, sleep=lambda _seconds: None, random=lambda: 0.5)


@dataclass
class Scenario:
    """Two accounts and what the target must hold after a sync (natural key → field → value)."""

    source_emu: Emulator
    source: EmulatedAccount
    target_emu: Emulator
    target: EmulatedAccount
    bins: dict[str, str] = field(default_factory=dict)  # Twilio bin label → handler URL
    sids: dict[str, str] = field(default_factory=dict)  # source app name → source SID
    mode: str = "document"  # or "live": SignalWire emulators leave out what the live API omits

    def client(self, side: str, policy: RetryPolicy | None = None) -> RestClient:
        emu, account = (self.source_emu, self.source) if side == "source" else (self.target_emu, self.target)
        return RestClient(emu.account_for(account, name=side), retry=policy or fast_policy())

    def target_records(self, kind: Kind) -> list[dict[str, Any]]:
        return self.target_emu.records(self.target, RESOURCE[kind])

    def stored(self, kind: Kind) -> list[dict[str, Any]]:
        """What the target holds, including fields its answers leave out in live mode."""
        with self.target_emu.state.lock:
            records = self.target.resources[RESOURCE[kind]].values()
            return [{k: v for k, v in r.items() if not k.startswith("_")} for r in records]

    def by_key(self, kind: Kind) -> dict[str, dict[str, Any]]:
        records = self.stored(kind)
        keyed = {r[KEY[kind]]: r for r in records}
        assert len(keyed) == len(records), f"duplicate {kind} in the target"
        return keyed

    def target_writes(self) -> int:
        return len(self.target_emu.writes())


def run_sync(
    scenario: Scenario,
    *,
    state: Path | None = None,
    only: tuple[Kind, ...] = KINDS,
    files: dict[str, str] | None = None,
    concurrency: int = 4,
    dry_run: bool = False,
    policy: RetryPolicy | None = None,
) -> tuple[Plan, list[Outcome]]:
    """discover → plan → apply, exactly as the command does, with the waits of retries removed."""
    with (
        scenario.client("source", policy) as source,
        scenario.client("target", policy) as target,
        ThreadPoolExecutor(concurrency) as pool,
    ):
        pair = (
            (source.account.kind, source.account.account_sid),
            (target.account.kind, target.account.account_sid),
        )
        journal = Journal.load(state, *pair)
        handler = scenario.source_emu.url
        source_side, target_side = discover(
            source, target, pool, files=files, handler_origin=handler, fetch_bins="bins" in only
        )
        plan = build_plan(source_side, target_side, journal, only)
        if dry_run:
            return plan, []
        return plan, Applier(target, journal, concurrency=concurrency).run(plan)


def assert_fields(actual: dict[str, Any], expected: dict[str, Any], where: str) -> None:
    """Field by field, with blank and null (and an unset method) read the way a sync reads them."""
    for name, value in expected.items():
        assert normalise(name, actual.get(name)) == normalise(name, value), f"{where}.{name}"


def seed_twilio(emu: Emulator, account: EmulatedAccount) -> tuple[dict[str, str], dict[str, str]]:
    bins = {
        "greeting": emu.add_twiml_bin(account, GREETING),
        "handlebars": emu.add_twiml_bin(account, HANDLEBARS),
        "broken": emu.add_twiml_bin(account, BROKEN),
    }
    apps = {
        "Main IVR": emu.seed(
            account,
            "Applications",
            friendly_name="Main IVR",
            voice_url=bins["greeting"],
            voice_method="GET",
            sms_url="https://example.com/sms",
            message_status_callback="https://example.com/message-status",
        ),
        "Support": emu.seed(
            account,
            "Applications",
            friendly_name="Support",
            voice_url="https://example.com/support",
            status_callback="https://example.com/status",
        ),
        "Studio app": emu.seed(account, "Applications", friendly_name="Studio app", voice_url=STUDIO),
        "Conditional": emu.seed(
            account, "Applications", friendly_name="Conditional", voice_url=bins["handlebars"]
        ),
        "Broken": emu.seed(account, "Applications", friendly_name="Broken", voice_url=bins["broken"]),
    }
    sids = {name: record["sid"] for name, record in apps.items()}
    numbers: list[dict[str, Any]] = [
        {
            "phone_number": "+15550100001",
            "voice_application_sid": sids["Main IVR"],
            "friendly_name": "Main line",
        },
        {"phone_number": "+15550100002", "voice_url": bins["greeting"], "sms_url": "https://example.com/n2"},
        {"phone_number": "+15550100003", "trunk_sid": TRUNK, "voice_url": "https://example.com/trunk"},
        {"phone_number": "+15550100004", "voice_url": "https://example.com/not-ported"},
        {"phone_number": "+15550100005", "sms_application_sid": sids["Support"], "friendly_name": "Sales"},
    ]
    for number in numbers:
        emu.seed(account, "IncomingPhoneNumbers", **number)
    return bins, sids


def seed_target(emu: Emulator, account: EmulatedAccount) -> None:
    """Ported numbers (all but ...0004) and an application that already exists with an old URL."""
    for last in ("1", "2", "3", "5"):
        emu.seed(account, "IncomingPhoneNumbers", phone_number=f"+1555010000{last}")
    emu.seed(account, "Applications", friendly_name="Support", voice_url="https://old.example.com/support")


@pytest.fixture(params=["document", "live"])
def mode(request: pytest.FixtureRequest) -> str:
    """``document``: every documented field answered; ``live``: SignalWire omits what its live API omits."""
    return str(request.param)


def signalwire(mode: str, **options: Any) -> Emulator:
    """A SignalWire emulator that enforces the tables' required parameters on updates too."""
    return Emulator("signalwire", live=mode == "live", **options)


@contextmanager
def twilio_to_signalwire_scenario(mode: str) -> Iterator[Scenario]:
    with Emulator("twilio") as source_emu, signalwire(mode, paging="meta") as target_emu:
        source = source_emu.add_account("Old Twilio account")
        target = target_emu.add_account("New SignalWire project")
        bins, sids = seed_twilio(source_emu, source)
        seed_target(target_emu, target)
        yield Scenario(source_emu, source, target_emu, target, bins, sids, mode)


@pytest.fixture
def twilio_to_signalwire(mode: str) -> Iterator[Scenario]:
    with twilio_to_signalwire_scenario(mode) as scenario:
        yield scenario


def expected_twilio_to_signalwire(scenario: Scenario) -> dict[Kind, dict[str, dict[str, Any]]]:
    """What the target must hold, written out by hand (bins by their EH SID, URLs as the target's)."""
    eh = {label: url.rsplit("/", 1)[1] for label, url in scenario.bins.items()}
    bins = scenario.by_key("bins")
    apps = scenario.by_key("applications")
    greeting_url = bins[eh["greeting"]]["request_url"]
    return {
        "bins": {
            eh["greeting"]: {"contents": GREETING},
            eh["handlebars"]: {"contents": CONVERTED},
        },
        "applications": {
            "Main IVR": {
                "voice_url": greeting_url,
                "voice_method": "GET",
                "sms_url": "https://example.com/sms",
                "message_status_callback": "https://example.com/message-status",
            },
            "Support": {
                "voice_url": "https://example.com/support",
                "status_callback": "https://example.com/status",
            },
            "Studio app": {"voice_url": STUDIO},
            "Conditional": {"voice_url": bins[eh["handlebars"]]["request_url"]},
            "Broken": {"voice_url": scenario.bins["broken"]},
        },
        "numbers": {
            "+15550100001": {"voice_application_sid": apps["Main IVR"]["sid"], "friendly_name": "Main line"},
            "+15550100002": {"voice_url": greeting_url, "sms_url": "https://example.com/n2"},
            "+15550100003": {"voice_url": "https://example.com/trunk"},
            "+15550100005": {"sms_application_sid": apps["Support"]["sid"], "friendly_name": "Sales"},
        },
    }


def assert_target_is(scenario: Scenario, expected: dict[Kind, dict[str, dict[str, Any]]]) -> None:
    """Exactly the expected resources (no duplicates, nothing extra), each field as expected."""
    for kind, wanted in expected.items():
        actual = scenario.by_key(kind)
        extra = set(actual) - set(wanted)
        if kind == "numbers":
            extra = set()  # the target's numbers are its own; only their configuration is compared
        assert set(wanted) <= set(actual) and not extra, f"{kind}: {sorted(actual)} vs {sorted(wanted)}"
        for key, fields in wanted.items():
            assert_fields(actual[key], fields, f"{kind}[{key}]")


__all__ = ["checked_transport"]  # autouse: every request of these tests is checked against the contract


MENU = '<Response><Gather action="https://example.com/menu"><Say>Press one</Say></Gather></Response>'
MESSAGE_STATUS = "https://example.com/message-status"


@pytest.fixture(params=["flat", "meta"])
def signalwire_pair(request: pytest.FixtureRequest, mode: str) -> Iterator[Scenario]:
    with signalwire_pair_scenario(mode, request.param) as scenario:
        yield scenario


@contextmanager
def signalwire_pair_scenario(mode: str, paging: str = "meta") -> Iterator[Scenario]:
    """Two projects of one space: LaML Bins listed by API, their request_urls remapped to the new one's."""
    with signalwire(mode, paging=paging) as emu:
        source = emu.add_account("Old project")
        target = emu.add_account("New project")
        greeting = emu.seed(
            source, "LamlBins", name="Greeting", contents="<Response><Say>Hi</Say></Response>"
        )
        menu = emu.seed(source, "LamlBins", name="Menu", contents=MENU)
        ivr = emu.seed(
            source,
            "Applications",
            friendly_name="IVR",
            voice_url=menu["request_url"],
            voice_method="GET",
            message_status_callback=MESSAGE_STATUS,
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
        yield Scenario(emu, source, emu, target, mode=mode)


def expected_signalwire_to_signalwire(scenario: Scenario) -> dict[Kind, dict[str, dict[str, Any]]]:
    """The target's own bin URLs and application SIDs; a field the live source never returns stays unset."""
    bins = scenario.by_key("bins")
    apps = scenario.by_key("applications")
    return {
        "bins": {
            "Greeting": {"contents": "<Response><Say>Hi</Say></Response>"},
            "Menu": {"contents": MENU},
        },
        "applications": {
            "IVR": {
                "voice_url": bins["Menu"]["request_url"],
                "voice_method": "GET",
                "message_status_callback": MESSAGE_STATUS if scenario.mode == "document" else None,
            },
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
    }


@pytest.fixture
def signalwire_to_twilio(mode: str) -> Iterator[Scenario]:
    with signalwire_to_twilio_scenario(mode) as scenario:
        yield scenario


@contextmanager
def signalwire_to_twilio_scenario(mode: str) -> Iterator[Scenario]:
    """Moving back (or on) to Twilio: no bin API there, everything else migrates."""
    with signalwire(mode) as source_emu, Emulator("twilio") as target_emu:
        source = source_emu.add_account("SignalWire project")
        target = target_emu.add_account("Twilio account")
        greeting = source_emu.seed(source, "LamlBins", name="Greeting", contents=GREETING)
        ivr = source_emu.seed(
            source,
            "Applications",
            friendly_name="IVR",
            voice_url="https://example.com/ivr",
            voice_method="GET",
            status_callback="https://example.com/status",
            message_status_callback=MESSAGE_STATUS,
        )
        source_emu.seed(
            source, "IncomingPhoneNumbers", phone_number="+15550300001", voice_application_sid=ivr["sid"]
        )
        source_emu.seed(
            source,
            "IncomingPhoneNumbers",
            phone_number="+15550300002",
            voice_url=greeting["request_url"],
            sms_url="https://example.com/sms",
        )
        source_emu.seed(source, "IncomingPhoneNumbers", phone_number="+15550300003")
        for number in ("+15550300001", "+15550300002"):  # ...0003 has not been ported yet
            target_emu.seed(target, "IncomingPhoneNumbers", phone_number=number)
        bins = {"greeting": greeting["request_url"]}
        yield Scenario(source_emu, source, target_emu, target, bins, mode=mode)


def expected_signalwire_to_twilio(scenario: Scenario) -> dict[Kind, dict[str, dict[str, Any]]]:
    apps = scenario.by_key("applications")
    return {
        "bins": {},
        "applications": {
            "IVR": {
                "voice_url": "https://example.com/ivr",
                "voice_method": "GET",
                "status_callback": "https://example.com/status",
                "message_status_callback": MESSAGE_STATUS if scenario.mode == "document" else None,
            }
        },
        "numbers": {
            "+15550300001": {"voice_application_sid": apps["IVR"]["sid"]},
            "+15550300002": {"voice_url": scenario.bins["greeting"], "sms_url": "https://example.com/sms"},
        },
    }
