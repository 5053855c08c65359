"""The emulator's records: default fields per resource, and the value rules the tables leave implicit.

Every field of the contract's sample object exists on a new record (see :func:`defaults`), with a neutral
value of the field's JSON type; the tables' documented defaults (``VoiceMethod``: POST) and the
constants below (a new Message is ``queued``) override them. Values are chosen so responses also validate
against Twilio's OpenAPI description.
"""

from __future__ import annotations

import re
from typing import Any

DEFAULT_BIN_CONTENTS = '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n</Response>'
METHODS = ("GET", "POST")
TOLL_FREE_PREFIXES = ("+1800", "+1833", "+1844", "+1855", "+1866", "+1877", "+1888")

APPLICATION_DEFAULTS: dict[str, Any] = {
    "api_version": "2010-04-01",
    "friendly_name": None,
    "message_status_callback": None,
    "sms_fallback_method": "POST",
    "sms_fallback_url": None,
    "sms_method": "POST",
    "sms_status_callback": None,
    "sms_url": None,
    "status_callback": None,
    "status_callback_method": "POST",
    "voice_caller_id_lookup": False,
    "voice_fallback_method": "POST",
    "voice_fallback_url": None,
    "voice_method": "POST",
    "voice_url": None,
    "public_application_connect_enabled": False,
}

NUMBER_DEFAULTS: dict[str, Any] = {
    "address_requirements": "none",
    "address_sid": None,
    "api_version": "2010-04-01",
    "beta": False,
    "capabilities": {"voice": True, "sms": True, "mms": True, "fax": False},
    "emergency_status": "Inactive",
    "emergency_address_sid": None,
    "emergency_address_status": "unregistered",
    "identity_sid": None,
    "sms_application_sid": None,
    "sms_fallback_method": "POST",
    "sms_fallback_url": "",
    "sms_method": "POST",
    "sms_url": "",
    "status_callback": "",
    "status_callback_method": "POST",
    "trunk_sid": None,
    "voice_receive_mode": "voice",
    "voice_application_sid": None,
    "voice_caller_id_lookup": False,
    "voice_fallback_method": "POST",
    "voice_fallback_url": None,
    "voice_method": "POST",
    "voice_url": None,
    "bundle_sid": None,
    "status": "in-use",
    "type": "local",
}

BIN_DEFAULTS: dict[str, Any] = {
    "date_last_accessed": None,
    "contents": DEFAULT_BIN_CONTENTS,
    "num_requests": 0,
    "api_version": "2010-04-01",
}

#: A Message as created by the REST API: queued, outbound, not yet priced or sent.
MESSAGE_DEFAULTS: dict[str, Any] = {
    "api_version": "2010-04-01",
    "body": "",
    "date_sent": None,
    "subresource_uris": {},
    "direction": "outbound-api",
    "error_code": None,
    "error_message": None,
    "from": None,
    "messaging_service_sid": None,
    "num_media": 0,
    "num_segments": 1,
    "price": None,
    "price_unit": "USD",
    "status": "queued",
    "to": None,
}
MAX_BODY = 1600
E164 = re.compile(r"^\+[1-9]\d{1,14}$")
#: GSM 03.38 basic characters (no extension table): a body outside it is sent as UCS-2.
GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)


def field_of(param: str) -> str:
    """``VoiceCallerIdLookup`` → ``voice_caller_id_lookup``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", param).lower()


def coerce(field: str, value: str) -> Any:
    """Form values as stored: booleans for ``*_lookup``/``*_enabled``, ``None`` for blank SIDs."""
    if field.endswith(("_lookup", "_enabled")):
        return value.lower() == "true"
    if field.endswith("_sid") and value == "":
        return None
    return value


def invalid_field(field: str, value: Any) -> str | None:
    """Why a written value is unacceptable, or ``None``: methods are GET/POST, URLs are absolute http(s)."""
    if value in (None, ""):
        return None
    if field.endswith("_method") and value not in METHODS:
        return f"{field} must be GET or POST, not {value!r}"
    if (field.endswith(("_url", "_callback"))) and not re.match(r"^https?://[^\s/]+", str(value)):
        return f"{field} must be an absolute http(s) URL, not {value!r}"
    if field == "voice_receive_mode" and value not in ("voice", "fax"):
        return "voice_receive_mode must be voice or fax"
    return None


def friendly_number(e164: str) -> str:
    """``+15551230001`` → ``(555) 123-0001`` as Twilio names new numbers."""
    digits = e164[2:] if e164.startswith("+1") else e164.lstrip("+")
    if len(digits) == 10:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return e164


def is_toll_free(e164: str) -> bool:
    return e164.startswith(TOLL_FREE_PREFIXES)


def is_e164(number: str) -> bool:
    return bool(E164.match(number))


def segments(body: str) -> int:
    """How many SMS segments *body* needs: 160/153 GSM-7 characters, or 70/67 UCS-2 ones."""
    single, part = (160, 153) if set(body) <= GSM7 else (70, 67)
    return 1 if len(body) <= single else -(-len(body) // part)


#: What a new record of the other resources says before anything happens to it.
OTHER_DEFAULTS: dict[str, dict[str, Any]] = {
    "Calls": {
        "status": "queued",
        "direction": "outbound-api",
        "price_unit": "USD",
        "api_version": "2010-04-01",
    },
    "Conferences": {"status": "init", "region": "us1", "api_version": "2010-04-01"},
    "Participants": {"muted": False, "hold": False, "coaching": False, "status": "connected"},
    "Faxes": {"status": "queued", "direction": "outbound", "quality": "fine", "price_unit": "USD"},
    "FaxMedia": {"content_type": "application/pdf"},
    "Media": {"content_type": "image/jpeg"},
    "Recordings": {
        "status": "in-progress",
        "source": "StartCallRecordingAPI",
        "channels": 1,
        "price_unit": "USD",
    },
    "Transcriptions": {"status": "completed", "price_unit": "USD", "type": "fast"},
    "Queues": {"current_size": 0, "max_size": 100, "average_wait_time": 0},
    "QueueMembers": {"position": 1, "wait_time": 0},
}
#: Fields no request parameter may change (the API sets them).
READ_ONLY = frozenset(
    {
        "sid",
        "account_sid",
        "api_version",
        "date_created",
        "date_updated",
        "uri",
        "url",
        "subresource_uris",
        "links",
        "request_url",
        "num_requests",
        "date_last_accessed",
        "phone_number",
        "num_media",
        "num_segments",
    }
)
_NEUTRAL: dict[str, Any] = {"integer": 0, "boolean": False}


def defaults(
    resource: str, fields: dict[str, str], example: dict[str, Any], documented: dict[str, str]
) -> dict[str, Any]:
    """A new record of *resource*: every sample field with a neutral value of its type, then the defaults.

    *fields* are the contract's field → JSON type; *example* the spec's sample (objects such as
    ``capabilities`` start as the sample shows them); *documented* maps fields to the tables' defaults.
    """
    record: dict[str, Any] = {}
    for name, kind in fields.items():
        if kind == "object" and name not in ("subresource_uris", "links"):
            record[name] = dict(example.get(name) or {})
        elif kind == "array":
            record[name] = []
        else:
            record[name] = _NEUTRAL.get(kind)
    for name, value in documented.items():
        if name in record:
            record[name] = coerce_to(fields.get(name, "string"), value)
    specific = {
        "Applications": APPLICATION_DEFAULTS,
        "IncomingPhoneNumbers": NUMBER_DEFAULTS,
        "LamlBins": BIN_DEFAULTS,
        "Messages": MESSAGE_DEFAULTS,
    }.get(resource) or OTHER_DEFAULTS.get(resource, {})
    record.update(specific)
    if "api_version" in record:
        record["api_version"] = "2010-04-01"
    return record


def coerce_to(kind: str, value: str) -> Any:
    """A form value as the field's JSON type; ValueError when it is not one (``"yes"`` for a boolean)."""
    if kind == "boolean":
        lowered = value.lower()
        if lowered not in ("true", "false"):
            raise ValueError(f"must be true or false, not {value!r}")
        return lowered == "true"
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    return value
