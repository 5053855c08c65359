"""Seeding an emulated account from a JSON fixture (``sw-migrate emulate --fixture FILE``).

The pinned format is one JSON object whose keys are the API's own list keys, each a list of objects with
the API's snake_case field names; nested lists seed what the API cannot create::

    {"incoming_phone_numbers": [{"phone_number": "+15550100001", "voice_url": "https://…"}],
     "conferences": [{"sid": "CF1", "friendly_name": "Room", "participants": [{"call_sid": "CA1"}]}],
     "queues": [{"sid": "QU1", "members": [{"call_sid": "CA2"}]}],     # front of the queue first
     "recordings": [{"sid": "RE1", "call_sid": "CA1", "transcriptions": [{"transcription_text": "hi"}]}],
     "messages": [{"to": "+1…", "from": "+1…", "media": [{"content_type": "image/png"}]}],
     "faxes": [{"to": "+1…", "media": [{}]}]}

Every key and field is optional (defaults filled in), unknown keys and fields are ignored, SIDs stay as
given. The output of ``sw-migrate inventory --format json`` is accepted too (``phone_numbers`` there),
so a rehearsal can start from a snapshot of a real account.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from migrate.emulator._server import Emulator
from migrate.emulator._state import EmulatedAccount

#: Fixture key → resource, in the order records may reference each other (apps before numbers …).
TOP_LEVEL = (
    ("applications", "Applications"),
    ("incoming_phone_numbers", "IncomingPhoneNumbers"),
    ("laml_bins", "LamlBins"),
    ("calls", "Calls"),
    ("conferences", "Conferences"),
    ("queues", "Queues"),
    ("recordings", "Recordings"),
    ("messages", "Messages"),
    ("faxes", "Faxes"),
)
#: Parent key → (nested key, child resource, the child's link to its parent).
NESTED = {
    "conferences": ("participants", "Participants", "conference_sid"),
    "queues": ("members", "QueueMembers", "queue_sid"),
    "recordings": ("transcriptions", "Transcriptions", "recording_sid"),
    "messages": ("media", "Media", "parent_sid"),
    "faxes": ("media", "FaxMedia", "fax_sid"),
}
#: Fields the emulator always decides itself (they name the emulated account and its paths).
DERIVED = frozenset({"account_sid", "uri", "url", "subresource_uris", "links", "flags"})


class FixtureError(ValueError):
    """A fixture that is not in the pinned shape; the message says where."""


def from_inventory(document: Mapping[str, Any]) -> dict[str, Any]:
    """``sw-migrate inventory --format json`` output → the pinned fixture format."""
    return {
        "applications": document.get("applications", []),
        "incoming_phone_numbers": document.get("phone_numbers", []),
        "laml_bins": document.get("laml_bins", []),
    }


def load_fixture(emulator: Emulator, account: EmulatedAccount, document: Any) -> dict[str, int]:
    """Seed *account* from *document*; returns how many records of each key were made."""
    if not isinstance(document, dict):
        raise FixtureError("the fixture must be one JSON object")
    if "phone_numbers" in document and "incoming_phone_numbers" not in document:
        friendly = (document.get("account") or {}).get("friendly_name")
        if isinstance(friendly, str) and friendly:
            account.friendly_name = friendly
        document = from_inventory(document)
    counts: dict[str, int] = {}
    for item in _items(document, "available_phone_numbers"):
        number = item.get("phone_number")
        if not isinstance(number, str):
            raise FixtureError("available_phone_numbers: every entry needs a phone_number")
        emulator.add_available(number, iso_country=item.get("iso_country") or "US", region=item.get("region"))
        counts["available_phone_numbers"] = counts.get("available_phone_numbers", 0) + 1
    for key, resource in TOP_LEVEL:
        if resource == "LamlBins" and emulator.dialect.name != "signalwire":
            continue  # Twilio has no LamlBins API
        for item in _items(document, key):
            if resource == "IncomingPhoneNumbers" and not isinstance(item.get("phone_number"), str):
                raise FixtureError("incoming_phone_numbers: every entry needs a phone_number")
            parent = emulator.seed(account, resource, **_fields(emulator, resource, item))
            counts[key] = counts.get(key, 0) + 1
            if key in NESTED:
                _seed_children(emulator, account, key, item, parent)
    return counts


def _seed_children(
    emulator: Emulator, account: EmulatedAccount, key: str, item: Mapping[str, Any], parent: Mapping[str, Any]
) -> None:
    nested, resource, link = NESTED[key]
    children = _items(item, nested, where=f"{key}[{parent['sid']}]")
    for position, child in enumerate(children, start=1):
        fields = _fields(emulator, resource, child)
        fields[link] = parent["sid"]
        if resource == "QueueMembers":
            fields.setdefault("position", position)
        if resource in ("Participants", "QueueMembers") and not isinstance(fields.get("call_sid"), str):
            raise FixtureError(f"{key}[{parent['sid']}].{nested}: every entry needs a call_sid")
        emulator.seed(account, resource, **fields)
    if resource == "QueueMembers":
        with emulator.state.lock:
            account.resources["Queues"][parent["sid"]]["current_size"] = len(children)


def _items(document: Mapping[str, Any], key: str, where: str | None = None) -> list[dict[str, Any]]:
    value = document.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise FixtureError(f"{where or key}: expected a list of objects")
    return value


def _fields(emulator: Emulator, resource: str, item: Mapping[str, Any]) -> dict[str, Any]:
    """The documented fields of *item* (unknown ones ignored; the account's own ones recomputed)."""
    known = emulator.app.handlers.documented_fields(resource) | {"queue_sid"}
    return {k: v for k, v in item.items() if k in known and k not in DERIVED}
