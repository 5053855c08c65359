"""The emulator's resources: default fields, writable parameters and validation, per resource.

Field names and defaults follow the API references (Twilio's OpenAPI description and SignalWire's
Compatibility API reference); values are chosen so responses validate against Twilio's schema.
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
    "direction": "outbound-api",
    "error_code": None,
    "error_message": None,
    "from": None,
    "messaging_service_sid": None,
    "num_media": "0",
    "num_segments": "1",
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

#: Writable parameters → response field, per resource (``VoiceUrl`` → ``voice_url``).
APPLICATION_PARAMS = {
    "FriendlyName",
    "VoiceUrl",
    "VoiceMethod",
    "VoiceFallbackUrl",
    "VoiceFallbackMethod",
    "VoiceCallerIdLookup",
    "StatusCallback",
    "StatusCallbackMethod",
    "SmsUrl",
    "SmsMethod",
    "SmsFallbackUrl",
    "SmsFallbackMethod",
    "SmsStatusCallback",
    "MessageStatusCallback",
    "PublicApplicationConnectEnabled",
}
NUMBER_PARAMS = APPLICATION_PARAMS - {
    "SmsStatusCallback",
    "MessageStatusCallback",
    "PublicApplicationConnectEnabled",
} | {
    "VoiceApplicationSid",
    "SmsApplicationSid",
    "VoiceReceiveMode",
    "TrunkSid",
    "AddressSid",
    "IdentitySid",
    "EmergencyAddressSid",
    "EmergencyStatus",
    "BundleSid",
}
#: LamlBins: the documented names, and the ones SignalWire's own shell tool sends.
BIN_PARAMS = {"Name": "name", "Contents": "contents", "FriendlyName": "name", "LamlBinData": "contents"}


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


def available_entry(e164: str) -> dict[str, Any]:
    """One AvailablePhoneNumbers result."""
    return {
        "friendly_name": friendly_number(e164),
        "phone_number": e164,
        "lata": None,
        "locality": None,
        "rate_center": None,
        "latitude": None,
        "longitude": None,
        "region": None,
        "postal_code": None,
        "iso_country": "US",
        "address_requirements": "none",
        "beta": False,
        "capabilities": {"voice": True, "SMS": True, "MMS": True, "fax": False},
    }


def is_toll_free(e164: str) -> bool:
    return e164.startswith(TOLL_FREE_PREFIXES)


def is_e164(number: str) -> bool:
    return bool(E164.match(number))


def segments(body: str) -> int:
    """How many SMS segments *body* needs: 160/153 GSM-7 characters, or 70/67 UCS-2 ones."""
    single, part = (160, 153) if set(body) <= GSM7 else (70, 67)
    return 1 if len(body) <= single else -(-len(body) // part)
