"""Value kinds: what an attribute (or an element's text) may hold, as checkable objects.

The vocabulary says *which* kind each attribute has; this module says what each kind accepts. A check
returns ``None`` for a good value or a short phrase describing what was expected, which the validator turns
into a diagnostic. Values holding a mustache tag (``{{...}}``) are never checked here: they are only known
once a bin is rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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

    def __post_init__(self) -> None:
        # One compiled expression instead of urlsplit: URL attributes are the most common values by far.
        schemes = "|".join(re.escape(scheme) for scheme in self.schemes)
        absolute = rf"(?i:{schemes})://[^\s/?#@]+(?:@[^\s/?#]+)?(?:[/?#]\S*)?"
        relative = r"|(?![A-Za-z][A-Za-z0-9+.\-]*:)\S+" if self.relative else ""
        object.__setattr__(self, "_pattern", re.compile(absolute + relative))

    def check(self, value: str) -> str | None:
        if self._pattern.fullmatch(value.strip()):  # type: ignore[attr-defined]
            return None
        return f"{'a' if self.relative else 'an absolute'} {self.label} without spaces"


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

    def __post_init__(self) -> None:
        allowed = self.values if self.case_sensitive else tuple(v.lower() for v in self.values)
        object.__setattr__(self, "_allowed", frozenset(allowed))

    def check(self, value: str) -> str | None:
        if not self.case_sensitive:
            value = value.lower()
        allowed: frozenset[str] = self._allowed  # type: ignore[attr-defined]
        if not self.multi:
            return None if value.strip() in allowed else self.label
        items = value.replace(",", " ").split()
        return None if items and all(item in allowed for item in items) else self.label


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", re.compile(self.regex))

    def check(self, value: str) -> str | None:
        return None if self._compiled.fullmatch(value.strip()) else self.label  # type: ignore[attr-defined]


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
PHONE = Pattern(r"\+?\(?[0-9][0-9 ().\-]*", "a phone number, preferably E.164 such as +15551234567")
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
