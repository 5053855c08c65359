"""What differs between Twilio's 2010-04-01 API and SignalWire's LaML API, as the emulator speaks them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any

SIGNALWIRE_ERRORS = "https://developer.signalwire.com/compatibility-api/reference/error-codes"


@dataclass(frozen=True)
class Dialect:
    """Paths, SIDs, dates, value types and error bodies of one API flavour."""

    name: str
    prefix: str
    json_suffix_required: bool
    request_id_header: str
    #: Fields this API prints as strings where SignalWire's documents show numbers (Twilio's OpenAPI).
    string_fields: frozenset[str] = frozenset()
    #: Status of a successful create: Twilio always answers 201; SignalWire as its documents show.
    create_status: int | None = None
    #: Other path prefixes answered like ``prefix`` (response URIs still use ``prefix``).
    aliases: tuple[str, ...] = ()
    #: ``(resource, action, parameter)`` the spec's tables require but this API does not: not enforced.
    optional: frozenset[tuple[str, str, str]] = frozenset()

    @property
    def prefixes(self) -> tuple[str, ...]:
        """Every prefix this API answers under, longest first so ``/api/laml/…`` wins over ``/2010…``."""
        return tuple(sorted((self.prefix, *self.aliases), key=len, reverse=True))

    def sid(self, prefix: str) -> str:
        """Twilio: two letters + 32 hex (``AP…``); SignalWire: a UUID whatever the resource."""
        if self.name == "twilio":
            return prefix + uuid.uuid4().hex
        return str(uuid.uuid4())

    def request_id(self) -> str:
        return "RQ" + uuid.uuid4().hex if self.name == "twilio" else str(uuid.uuid4())

    @staticmethod
    def rfc2822(moment: datetime) -> str:
        """``Fri, 21 Aug 2015 00:07:25 +0000`` as both APIs print most dates."""
        return format_datetime(moment)

    @staticmethod
    def iso8601(moment: datetime) -> str:
        """``2019-11-26T20:00:00Z`` as SignalWire prints LamlBins dates."""
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def shape(self, resource: str, body: dict[str, Any]) -> dict[str, Any]:
        """Values in this dialect's JSON types (Twilio: counts and prices as strings)."""
        for name in self.string_fields & body.keys():
            if body[name] is not None and not isinstance(body[name], str):
                body[name] = str(body[name])
        return body

    def more_info(self, code: int) -> str:
        if self.name == "twilio":
            return f"https://www.twilio.com/docs/errors/{code}"
        return f"{SIGNALWIRE_ERRORS}#{code}"

    def error(self, status: int, code: int, message: str) -> dict[str, Any]:
        """The flat error body both APIs use for auth, not-found and most non-validation errors."""
        return {"code": code, "message": message, "more_info": self.more_info(code), "status": status}

    def validation_error(self, code: int, message: str, attribute: str) -> tuple[int, dict[str, Any]]:
        """Twilio: 400 with the flat body. SignalWire: 422 with ``{errors: [{code, message, more_info}]}``."""
        if self.name == "twilio":
            return 400, self.error(400, code, message)
        detail = {
            "code": str(code),
            "message": message,
            "attribute": attribute,
            "more_info": self.more_info(code),
        }
        return 422, {"errors": [detail]}


TWILIO = Dialect(
    name="twilio",
    prefix="/2010-04-01",
    json_suffix_required=True,
    request_id_header="Twilio-Request-Id",
    string_fields=frozenset({"num_media", "num_segments", "price", "duration", "call_duration"}),
    create_status=201,
    # Twilio's own API is lenient here (its OpenAPI, twilio_api_v2010.json, requires none of these, and the
    # number's AccountSid is a path segment there): clients written against Twilio never send them, and a
    # Twilio-dialect emulator that refused them would fail code that works against Twilio.
    optional=frozenset(
        {
            ("Applications", "create", "FriendlyName"),
            ("Applications", "update", "FriendlyName"),
            ("IncomingPhoneNumbers", "update", "AccountSid"),
            ("Queues", "list", "FriendlyName"),
        }
    ),
)

SIGNALWIRE = Dialect(
    name="signalwire",
    prefix="/api/laml/2010-04-01",
    json_suffix_required=False,
    request_id_header="X-Request-Id",
    # The space root too: the ``signalwire`` Python SDK (and twilio-python pointed at the space) build
    # ``https://{space}/2010-04-01/Accounts/…``, without ``/api/laml``.
    aliases=("/2010-04-01",),
)

DIALECTS = {d.name: d for d in (TWILIO, SIGNALWIRE)}
