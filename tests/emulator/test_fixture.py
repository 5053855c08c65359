"""``--fixture``'s pinned format as a user writes it: every key, nested records, unknown keys, given SIDs.

Read back through the API (werkzeug's test client on the emulator's WSGI application), as a migrated
application's tests would see the seeded project.
"""

from __future__ import annotations

import base64
from typing import Any

from werkzeug.test import Client

from migrate.emulator import Emulator
from migrate.emulator._fixture import load_fixture

FIXTURE: dict[str, Any] = {
    "incoming_phone_numbers": [{"sid": "PNmine", "phone_number": "+15550100001", "colour": "red"}],
    "available_phone_numbers": [{"phone_number": "+15550100099", "region": "WA"}],
    "applications": [{"sid": "APmine", "friendly_name": "IVR"}],
    "laml_bins": [{"sid": "LBmine", "name": "Greeting", "contents": "<Response/>"}],
    "calls": [{"sid": "CAone", "status": "in-progress"}, {"sid": "CAtwo"}, {"sid": "CAthree"}],
    "conferences": [{"sid": "CFmine", "friendly_name": "Room", "participants": [{"call_sid": "CAone"}]}],
    "queues": [
        {
            "sid": "QUmine",
            "friendly_name": "Line",
            "members": [{"call_sid": "CAthree"}, {"call_sid": "CAtwo"}],
        }
    ],
    "recordings": [{"sid": "REmine", "call_sid": "CAone", "transcriptions": [{"sid": "TRmine"}]}],
    "messages": [{"sid": "SMmine", "body": "hi", "media": [{"sid": "MEmine"}]}],
    "faxes": [{"sid": "FXmine", "media": [{"sid": "FMmine"}]}],
    "not_an_api_key": [{"sid": "XX"}],
}
#: Path below the account → (list key, the SIDs the fixture gave, in the order the API lists them).
LISTS = {
    "IncomingPhoneNumbers.json": ("incoming_phone_numbers", ["PNmine"]),
    "Applications.json": ("applications", ["APmine"]),
    "LamlBins": ("laml_bins", ["LBmine"]),
    "Conferences/CFmine/Participants.json": ("participants", ["CAone"]),
    "Queues/QUmine/Members.json": ("queue_members", ["CAthree", "CAtwo"]),
    "Recordings/REmine/Transcriptions.json": ("transcriptions", ["TRmine"]),
    "Messages/SMmine/Media.json": ("media_list", ["MEmine"]),
    "Faxes/FXmine/Media.json": ("media", ["FMmine"]),
}

#: Lists whose entries are named by the call they hold.
BY_CALL = ("participants", "queue_members")


def _seeded() -> tuple[Client, str, dict[str, str]]:
    emulator = Emulator("signalwire")
    account = emulator.add_account("Fixture")
    load_fixture(emulator, account, FIXTURE)
    basic = base64.b64encode(f"{account.sid}:{account.token}".encode()).decode()
    base = f"/api/laml/2010-04-01/Accounts/{account.sid}"
    return Client(emulator.app), base, {"Authorization": f"Basic {basic}"}


def test_every_pinned_key_seeds_what_the_api_then_lists_with_the_sids_given() -> None:
    client, base, auth = _seeded()
    for path, (key, sids) in LISTS.items():
        body = client.get(f"{base}/{path}", headers=auth).get_json()
        listed = [
            item["call_sid"] if key in ("participants", "queue_members") else item["sid"]
            for item in body[key]
        ]
        assert listed == sids, path
    calls = client.get(f"{base}/Calls.json", headers=auth).get_json()["calls"]
    assert sorted(c["sid"] for c in calls) == ["CAone", "CAthree", "CAtwo"]
    front = client.get(f"{base}/Queues/QUmine/Members/Front.json", headers=auth).get_json()
    assert front["call_sid"] == "CAthree"  # front first, as the fixture lists them
    queue = client.get(f"{base}/Queues/QUmine.json", headers=auth).get_json()
    assert queue["current_size"] == 2
    found = client.get(f"{base}/AvailablePhoneNumbers/US/Local.json", headers=auth).get_json()
    assert [n["phone_number"] for n in found["available_phone_numbers"]] == ["+15550100099"]


def test_unknown_fields_are_ignored_and_documented_ones_filled_in() -> None:
    client, base, auth = _seeded()
    number = client.get(f"{base}/IncomingPhoneNumbers/PNmine.json", headers=auth).get_json()
    assert "colour" not in number
    assert (number["voice_method"], number["api_version"], number["trunk_sid"]) == (
        "POST",
        "2010-04-01",
        None,
    )
    transcription = client.get(f"{base}/Transcriptions/TRmine.json", headers=auth).get_json()
    assert transcription["recording_sid"] == "REmine"


def test_a_seeded_bin_s_request_url_is_named_by_the_sid_given() -> None:
    client, base, auth = _seeded()
    bin_ = client.get(f"{base}/LamlBins/LBmine", headers=auth).get_json()
    assert bin_["request_url"] == "https://example.signalwire.com/laml-bins/LBmine"
    assert bin_["uri"].endswith("/LamlBins/LBmine")
