"""What differs between Twilio's 2010-04-01 API and SignalWire's LaML API, as the emulator speaks them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any


@dataclass(frozen=True)
class Dialect:
    """Paths, SIDs, dates, omitted fields and error bodies of one API flavour."""

    name: str
    prefix: str
    json_suffix_required: bool
    request_id_header: str
    #: Fields this API leaves out of its responses (clients must read with defaults).
    omitted: dict[str, frozenset[str]]
    #: Other path prefixes answered like ``prefix`` (response URIs still use ``prefix``).
    aliases: tuple[str, ...] = ()

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

    def error(self, status: int, code: int, message: str) -> dict[str, Any]:
        """Twilio's error body, which SignalWire also uses for auth and not-found errors."""
        return {
            "code": code,
            "message": message,
            "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status,
        }

    def validation_error(self, code: int, message: str, attribute: str) -> tuple[int, dict[str, Any]]:
        """Twilio: 400 with the flat body. SignalWire: 422 with ``{errors: [{code, message, more_info}]}``."""
        if self.name == "twilio":
            return 400, self.error(400, code, message)
        detail = {
            "code": str(code),
            "message": message,
            "attribute": attribute,
            "more_info": f"https://developer.signalwire.com/compatibility-api/reference/error-codes#{code}",
        }
        return 422, {"errors": [detail]}


TWILIO = Dialect(
    name="twilio",
    prefix="/2010-04-01",
    json_suffix_required=True,
    request_id_header="Twilio-Request-Id",
    omitted={},
)

SIGNALWIRE = Dialect(
    name="signalwire",
    prefix="/api/laml/2010-04-01",
    json_suffix_required=False,
    request_id_header="X-Request-Id",
    omitted={
        "IncomingPhoneNumbers": frozenset(
            {
                "trunk_sid",
                "emergency_status",
                "emergency_address_sid",
                "emergency_address_status",
                "bundle_sid",
            }
        ),
        "Applications": frozenset({"message_status_callback", "public_application_connect_enabled"}),
    },
    # The space root too: the ``signalwire`` Python SDK (and twilio-python pointed at the space) build
    # ``https://{space}/2010-04-01/Accounts/…``, without ``/api/laml``.
    aliases=("/2010-04-01",),
)

DIALECTS = {d.name: d for d in (TWILIO, SIGNALWIRE)}
