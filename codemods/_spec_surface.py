"""Which of twilio's REST resources the Compatibility API spec documents: derived from the contract data.

twilio-python exposes every Account subresource on the client (``client.addresses``, ``client.api.account
.usage``, ``client.calls(sid).payments``); the spec documents a subset and lists some as null in the
Account's ``subresource_uris``. The documented set is read from :mod:`migrate.contract` (the one source the
emulator and ``sync`` use too); only twilio's own attribute names are listed here, since the spec cannot
know them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from migrate.contract import absent_account_subresources, load

#: twilio-python 9.x ``AccountContext`` / ``CallContext`` resource properties (``twilio.rest.api.v2010``).
TWILIO_ACCOUNT_RESOURCES = frozenset(
    {
        "addresses",
        "applications",
        "authorized_connect_apps",
        "available_phone_numbers",
        "balance",
        "calls",
        "conferences",
        "connect_apps",
        "incoming_phone_numbers",
        "keys",
        "messages",
        "new_keys",
        "new_signing_keys",
        "notifications",
        "outgoing_caller_ids",
        "queues",
        "recordings",
        "short_codes",
        "signing_keys",
        "sip",
        "tokens",
        "transcriptions",
        "usage",
        "validation_requests",
    }
)
TWILIO_CALL_RESOURCES = frozenset(
    {
        "events",
        "notifications",
        "payments",
        "recordings",
        "siprec",
        "streams",
        "transcriptions",
        "user_defined_message_subscriptions",
        "user_defined_messages",
    }
)
#: twilio properties that create what another resource lists (``POST .../Keys.json``).
_SAME_RESOURCE = {"new_keys": "keys", "new_signing_keys": "signing_keys"}
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _segments_after(parent: str) -> frozenset[str]:
    """snake_case names of the path segments the spec documents right below ``/{parent}/{Sid}/``."""
    pattern = re.compile(rf"/{parent}/\{{\w+\}}/(\w+)")
    found: set[str] = set()
    for resource in load().resources:
        for operation in resource.operations:
            for path in operation.paths.values():
                match = pattern.search(path or "")
                if match:
                    found.add(_CAMEL_BOUNDARY.sub("_", match[1]).lower())
    return frozenset(found)


def _missing(twilio: frozenset[str], documented: frozenset[str], null: frozenset[str]) -> dict[str, str]:
    missing: dict[str, str] = {}
    for attribute in sorted(twilio):
        name = _SAME_RESOURCE.get(attribute, attribute)
        if name in null:
            missing[attribute] = "null in the spec's Account subresource_uris"
        elif name not in documented:
            missing[attribute] = "not in the Compatibility API spec"
    return missing


@functools.lru_cache(maxsize=1)
def missing_account_resources() -> Mapping[str, str]:
    """twilio Account subresources SignalWire does not document, with why (null in the spec, or absent)."""
    uris = load().resource("Accounts").example.get("subresource_uris", {})
    listed = frozenset(name for name, uri in uris.items() if uri)  # e.g. outgoing_caller_ids
    documented = _segments_after("Accounts") | listed
    return _missing(TWILIO_ACCOUNT_RESOURCES, documented, absent_account_subresources())


@functools.lru_cache(maxsize=1)
def missing_call_resources() -> Mapping[str, str]:
    """twilio Call subresources (``client.calls(sid).payments``) the spec does not document."""
    return _missing(TWILIO_CALL_RESOURCES, _segments_after("Calls"), frozenset())
