"""Value kinds: what an attribute (or an element's text) may hold, as checkable objects.

The vocabulary says *which* kind each attribute has; this module says what each kind accepts. A check
returns ``None`` for a good value or a short phrase describing what was expected, which the validator turns
into a diagnostic. Values holding a mustache tag (``{{...}}``) are never checked here: they are only known
once a bin is rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Text:
    """Free text: anything goes."""

    label: str = "text"

    def check(self, value: str) -> str | None:
        return None


@dataclass(frozen=True)
class Url:
    """An absolute URL with one of *schemes*, or (when *relative*) a path relative to the document's URL."""

    schemes: tuple[str, ...] = ("http", "https")
    relative: bool = True

    @property
    def label(self) -> str:
        return "/".join(self.schemes) + " URL"

    def check(self, value: str) -> str | None:
        value = value.strip()
        if not value or any(ch.isspace() for ch in value):
            return f"a {self.label} without spaces"
        try:
            parts = urlsplit(value)
        except ValueError:
            return f"a {self.label}"
        if parts.scheme:
            if parts.scheme.lower() not in self.schemes:
                return f"a {self.label}"
            if not parts.netloc and parts.scheme.lower() in ("http", "https", "ws", "wss"):
                return f"a {self.label} with a host"
            return None
        return None if self.relative else f"an absolute {self.label}"


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of values, or with *multi* a space- or comma-separated list of them."""

    values: tuple[str, ...]
    multi: bool = False
    case_sensitive: bool = True

    @property
    def label(self) -> str:
        shown = ", ".join(self.values[:8]) + (", ..." if len(self.values) > 8 else "")
        return f"{'a list of ' if self.multi else 'one of '}{shown}"

    def check(self, value: str) -> str | None:
        items = re.split(r"[\s,]+", value.strip()) if self.multi else [value.strip()]
        allowed = self.values if self.case_sensitive else tuple(v.lower() for v in self.values)
        for item in items:
            probe = item if self.case_sensitive else item.lower()
            if probe not in allowed:
                return self.label
        return None


@dataclass(frozen=True)
class Integer:
    """A whole number in ``[low, high]``; *extra* lists non-numeric words also accepted (e.g. ``auto``)."""

    low: int
    high: int
    extra: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        words = "".join(f" or {word!r}" for word in self.extra)
        return f"an integer from {self.low} to {self.high}{words}"

    def check(self, value: str) -> str | None:
        value = value.strip()
        if value in self.extra:
            return None
        try:
            number = int(value)
        except ValueError:
            return self.label
        return None if self.low <= number <= self.high else self.label


@dataclass(frozen=True)
class Decimal:
    """A non-negative decimal amount (``chargeAmount``)."""

    label: str = "a decimal number such as 10.00"

    def check(self, value: str) -> str | None:
        return None if re.fullmatch(r"\d+(\.\d+)?", value.strip()) else self.label


@dataclass(frozen=True)
class Pattern:
    """A value matching a regular expression; *label* says in words what that means."""

    regex: str
    label: str

    def check(self, value: str) -> str | None:
        return None if re.fullmatch(self.regex, value.strip()) else self.label


ValueKind = Text | Url | Choice | Integer | Decimal | Pattern

TEXT = Text()
URL = Url()
METHOD = Choice(("GET", "POST"), case_sensitive=False)
BOOLEAN = Choice(("true", "false"), case_sensitive=False)
#: Twilio and SignalWire both accept BCP-47-ish tags such as ``en-US``, ``cmn-Hant-TW`` or plain ``arb``.
LANGUAGE = Pattern(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*", "a language tag such as en-US")
#: DTMF as played or sent: digits, ``*``, ``#``, ``A``-``D`` and ``w``/``W`` pauses.
DTMF = Pattern(r"[0-9*#A-Da-dwW]+", "DTMF digits (0-9, *, #, w for a pause)")
FINISH_KEY = Pattern(r"[0-9*#]*", "keys 0-9, * or # (empty for none)")
#: Phone numbers as people write them; E.164 is preferred but formatted numbers are dialled too.
PHONE = Pattern(r"\+?[0-9][0-9 ().\-]*", "a phone number, preferably E.164 such as +15551234567")
#: A SIP address; the ``sip:`` scheme may be left out (``alice@example.com``), as both platforms accept.
SIP_URI = Pattern(r"(?i:sips?:)?[^\s@]+@[^\s@]+|(?i:sips?:)[^\s]+", "a SIP URI such as sip:alice@example.com")
WSS_URL = Url(schemes=("wss", "ws"), relative=False)
SECONDS = Integer(0, 86400)
CALL_EVENTS = Choice(("initiated", "ringing", "answered", "completed"), multi=True)
RECORDING_EVENTS = Choice(("in-progress", "completed", "absent", "failed"), multi=True)
TRIM = Choice(("trim-silence", "do-not-trim"))
STREAM_TRACK = Choice(("inbound_track", "outbound_track", "both_tracks"))
CARD_TYPES = Choice(
    ("visa", "mastercard", "amex", "maestro", "discover", "optima", "jcb", "diners-club", "enroute"),
    multi=True,
)
