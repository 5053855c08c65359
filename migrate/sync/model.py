"""Resources as a sync compares them: the transferable fields of each kind, normalised.

Both APIs blank fields at will (``""`` on one, ``null`` on the other, absent on SignalWire), so a value is
normalised before any comparison: blank means unset, and an unset method or mode reads as the API default
it stands for. Without this a second run would "change" fields that are already equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from migrate import contract
from migrate.hosted import Flag
from migrate.rest import api_name

Kind = Literal["bins", "applications", "numbers"]
#: Dependency order: applications point at bins, numbers at applications and bins.
KINDS: tuple[Kind, ...] = ("bins", "applications", "numbers")
SINGULAR: dict[Kind, str] = {"bins": "bin", "applications": "application", "numbers": "number"}

Value = str | bool | None

_HANDLER_FIELDS = (
    "voice_url",
    "voice_method",
    "voice_fallback_url",
    "voice_fallback_method",
    "voice_caller_id_lookup",
    "status_callback",
    "status_callback_method",
    "sms_url",
    "sms_method",
    "sms_fallback_url",
    "sms_fallback_method",
)

#: What a sync copies, per kind. Numbers: only what notes/rest-api-behaviour.md calls transferable.
FIELDS: dict[Kind, tuple[str, ...]] = {
    "bins": ("name", "contents"),
    "applications": (
        "friendly_name",
        *_HANDLER_FIELDS,
        "sms_status_callback",
        "message_status_callback",
    ),
    "numbers": (
        "friendly_name",
        *_HANDLER_FIELDS,
        "voice_receive_mode",
        "voice_application_sid",
        "sms_application_sid",
    ),
}

#: The natural key each kind is matched on when the journal has no SID for it.
NATURAL_KEY: dict[Kind, str] = {"bins": "name", "applications": "friendly_name", "numbers": "phone_number"}

#: The API resource behind each kind (its operations are in the spec's tables).
RESOURCE: dict[Kind, str] = {
    "bins": "LamlBins",
    "applications": "Applications",
    "numbers": "IncomingPhoneNumbers",
}


@cache
def not_updatable(kind: Kind) -> frozenset[str]:
    """Fields of *kind* the spec's "Update" table does not document (SignalWire's "Update an Application"
    has no ``VoiceCallerIdLookup``): sending them would break the contract, so a difference is reported
    instead. The spec is the contract for both dialects' requests.
    """
    update = contract.load().resource(RESOURCE[kind]).operation("update")
    documented = {p.name for p in update.parameters if p.location == "form"}
    return frozenset(name for name in FIELDS[kind] if api_name(name) not in documented)


#: Fields sent on every update of a kind, changed or not, because the API requires them there
#: (SignalWire's "Update an Application" marks ``FriendlyName`` required).
CARRIED: dict[Kind, tuple[str, ...]] = {"applications": ("friendly_name",)}

#: What an unset value means to the API; unset and default compare equal.
DEFAULTS: dict[str, Value] = {
    "voice_method": "POST",
    "voice_fallback_method": "POST",
    "status_callback_method": "POST",
    "sms_method": "POST",
    "sms_fallback_method": "POST",
    "voice_caller_id_lookup": False,
    "voice_receive_mode": "voice",
}

#: Fields holding an application SID (remapped to the target's application).
APPLICATION_REFERENCES = ("voice_application_sid", "sms_application_sid")


def canonical_contents(text: str) -> str:
    """A bin's text as compared and sent: no BOM, ``\n`` newlines, no surrounding whitespace.

    Both sides go through it, so a source file ending in a newline (or saved with CRLF) equals the
    target's copy instead of being "updated" on every run.
    """
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip()


def normalise(name: str, value: Any) -> Value:
    """One field's comparable value: blank → unset → the API default, booleans as ``bool``."""
    if isinstance(value, str):
        value = canonical_contents(value) if name == "contents" else value.strip()
        if name in DEFAULTS and isinstance(DEFAULTS[name], bool) and value.lower() in ("true", "false"):
            value = value.lower() == "true"
        elif name.endswith("_method"):
            value = value.upper()
    if value in ("", None):
        return DEFAULTS.get(name)
    if isinstance(value, bool):
        return value
    return str(value)


@dataclass(frozen=True)
class Resource:
    """One bin, application or number on one side, reduced to what a sync compares.

    ``url`` is how other resources reference a bin (a Twilio ``handler.twilio.com`` URL or a LaML Bin's
    ``request_url``); ``flags`` are what cannot move (Twilio-hosted URLs, non-transferable fields).
    """

    kind: Kind
    sid: str
    key: str
    fields: Mapping[str, Value]
    url: str | None = None
    flags: tuple[Flag, ...] = ()
    #: Why this resource cannot be migrated at all (a bin whose contents could not be read).
    problem: str | None = None
    #: Fields the API's answer left out (the live API omits some documented fields): their value is
    #: unknown, which is not the same as unset.
    unread: frozenset[str] = frozenset()


def resource_from(kind: Kind, record: Mapping[str, Any], *, flags: tuple[Flag, ...] = ()) -> Resource:
    """A :class:`Resource` from an API record (``request_url`` is a bin's address)."""
    fields = {name: normalise(name, record.get(name)) for name in FIELDS[kind]}
    key = str(record.get(NATURAL_KEY[kind]) or "")
    url = record.get("request_url") if kind == "bins" else None
    unread = frozenset(name for name in FIELDS[kind] if name not in record)
    return Resource(kind, str(record["sid"]), key, fields, url=url or None, flags=flags, unread=unread)


def bin_resource(
    sid: str, name: str, contents: str | None, *, url: str | None = None, problem: str | None = None
) -> Resource:
    """A bin read some other way than a LamlBins list (a Twilio TwiML Bin, a ``--bins-from`` file)."""
    fields = {"name": name, "contents": normalise("contents", contents)}
    return Resource("bins", sid, name, fields, url=url, problem=problem)


@dataclass
class Side:
    """Everything a sync read from one account, by kind (SID → resource)."""

    kind: str
    account_sid: str
    resources: dict[Kind, dict[str, Resource]] = field(default_factory=lambda: {k: {} for k in KINDS})

    def add(self, resource: Resource) -> None:
        self.resources[resource.kind][resource.sid] = resource
