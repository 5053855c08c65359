"""What cannot simply move from Twilio: Twilio-hosted URLs and fields this API cannot transfer.

A URL served by Twilio (a TwiML Bin, a Studio flow, a Function, twimlets) stops working, or keeps a Twilio
dependency, once the number leaves Twilio; a trunk, address, E911, identity or bundle SID has no meaning in
another account. Both are reported, never silently copied or dropped. Hosts are compared after
``urllib.parse`` splits the URL — ``https://evil.example/?u=handler.twilio.com`` is not Twilio's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

#: Fields holding webhook URLs on applications and numbers.
URL_FIELDS = (
    "voice_url",
    "voice_fallback_url",
    "sms_url",
    "sms_fallback_url",
    "status_callback",
    "sms_status_callback",
    "message_status_callback",
)

#: Fields that do not transfer through the Compatibility API, with what they are.
NON_TRANSFERABLE = {
    "trunk_sid": "SIP trunk",
    "address_sid": "regulatory address",
    "emergency_address_sid": "emergency (E911) address",
    "identity_sid": "regulatory identity",
    "bundle_sid": "regulatory bundle",
}

TWIML_BIN_PATH = re.compile(r"^/twiml/(EH[0-9a-fA-F]{32})/?$")
STUDIO_PATH = re.compile(r"^/v1/Accounts/AC[0-9a-fA-F]{32}/Flows/FW[0-9a-fA-F]{32}/?$")

# The one table of Twilio-hosted content, shared by ``inventory``/``sync`` (URLs in account resources) and
# the codemods (URLs in source code): (domain, subdomains too?, kind, what it means).
_HOSTS = (
    ("handler.twilio.com", False, "twilio-hosted", "served by Twilio"),
    ("webhooks.twilio.com", False, "twilio-webhook", "a Twilio webhook"),
    ("twil.io", True, "functions", "a Twilio Function or Asset"),
    ("twimlets.com", True, "twimlets", "a Twilio twimlet"),
    ("demo.twilio.com", False, "demo", "Twilio's demo handler"),
    ("sip.twilio.com", True, "twilio-sip", "a Twilio SIP domain"),
    ("pstn.twilio.com", True, "twilio-pstn", "a Twilio Elastic SIP trunk"),
)


@dataclass(frozen=True)
class Flag:
    """One reportable field of one resource."""

    field: str
    kind: str
    value: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


#: A host under one of the table's registrable domains, as it appears in free text (source strings),
#: with an optional scheme before it and the path after it.
_HOST_IN_TEXT = re.compile(
    r"(?<![\w.-])(?:https?://)?(?P<host>(?:[A-Za-z0-9-]+\.)*(?:twilio\.com|twil\.io|twimlets\.com))"
    r"(?![\w-])(?P<path>/[^\s\"'<>]*)?"
)


def _host_matches(host: str, domain: str, subdomains: bool) -> bool:
    return host == domain or (subdomains and host.endswith("." + domain))


def _host_kind(host: str, path: str) -> tuple[str, str] | None:
    """``(kind, what it is)`` from the table; TwiML Bins and Studio flows are told apart by their path."""
    host = host.lower().rstrip(".")
    for domain, subdomains, kind, meaning in _HOSTS:
        if not _host_matches(host, domain, subdomains):
            continue
        if domain == "handler.twilio.com" and TWIML_BIN_PATH.match(path):
            return "twiml-bin", "a Twilio TwiML Bin"
        if domain == "webhooks.twilio.com" and STUDIO_PATH.match(path):
            return "studio", "a Twilio Studio flow"
        return kind, meaning
    return None


def classify_host(host: str, path: str = "") -> tuple[str, str] | None:
    """``(kind, explanation)`` for a host (and path) serving Twilio-hosted content, ``None`` otherwise."""
    found = _host_kind(host, path)
    if found is None:
        return None
    kind, meaning = found
    if kind in ("twiml-bin", "studio"):
        return kind, f"{meaning}: it stops working once the number leaves Twilio"
    return kind, f"{meaning}: it keeps a Twilio dependency or stops working after the move"


def classify_url(url: str) -> tuple[str, str] | None:
    """``(kind, explanation)`` for a Twilio-hosted URL, ``None`` for anything else."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    return classify_host(host, parts.path)


def hosted_in_text(text: str) -> tuple[str, str, str] | None:
    """The first Twilio-hosted URL or host in free text: ``(as written, kind, what it is)``."""
    for match in _HOST_IN_TEXT.finditer(text):
        found = _host_kind(match["host"], match["path"] or "")
        if found is not None:
            return match[0], found[0], found[1]
    return None


def twiml_bin_sid(url: str) -> str | None:
    """The ``EH…`` SID of a ``https://handler.twilio.com/twiml/EH…`` URL (to fetch the bin's contents)."""
    parts = urlsplit(url.strip())
    if (parts.hostname or "") != "handler.twilio.com":
        return None
    match = TWIML_BIN_PATH.match(parts.path)
    return match.group(1) if match else None


def flags_for(record: Mapping[str, Any]) -> list[Flag]:
    """Every Twilio-hosted URL and every set non-transferable field of an application or number."""
    flags: list[Flag] = []
    for name in URL_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value:
            found = classify_url(value)
            if found:
                flags.append(Flag(name, found[0], value, found[1]))
    for name, meaning in NON_TRANSFERABLE.items():
        value = record.get(name)
        if value:
            flags.append(
                Flag(name, "non-transferable", str(value), f"{meaning}: not transferable, set it up again")
            )
    if record.get("emergency_status") == "Active":
        flags.append(
            Flag(
                "emergency_status", "non-transferable", "Active", "E911 does not transfer: register it again"
            )
        )
    return flags
