"""Value kinds: what an attribute (or an element's text) may hold, as checkable objects.

The vocabulary says *which* kind each attribute has; this module says what each kind accepts. Each kind
offers two views of the same rule: ``accepts(value)``, a fast yes/no the validator runs on every value
(a compiled regular expression where one can express the kind, so the common case never enters Python
code), and ``check(value)``, which returns ``None`` for a good value or a short phrase describing what was
expected, for the diagnostic. Surrounding whitespace is ignored, as the platforms do. Values holding a
mustache tag (``{{...}}``) are never checked here: they are only known once a bin is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

Accepts = Callable[[str], object]


def _padded(regex: str) -> Accepts:
    """A fast acceptance test: *regex* matching the value stripped of surrounding whitespace.

    The match proper must start and end on a non-space character, so a *regex* that itself allows spaces
    (a postal code ``[A-Za-z0-9 \\-]+``) cannot take a blank value: blank is a value only for a kind whose
    *regex* matches the empty string (``finishOnKey=""`` means "no key").
    """
    core = rf"(?=\S)(?:{regex})(?<=\S)"
    if re.fullmatch(regex, ""):
        core += "|"
    return re.compile(rf"\s*(?:{core})\s*").fullmatch


@dataclass(frozen=True)
class Text:
    """Free text: anything goes."""

    label: str = "text"

    def accepts(self, value: str) -> bool:
        return True

    def check(self, value: str) -> str | None:
        return None


@dataclass(frozen=True)
class Url:
    """An absolute URL with one of *schemes*, or (when *relative*) a path relative to the document's URL."""

    schemes: tuple[str, ...] = ("http", "https")
    relative: bool = True
    accepts: Accepts = field(init=False, repr=False, compare=False)

    @property
    def label(self) -> str:
        return "/".join(self.schemes) + " URL"

    def __post_init__(self) -> None:
        schemes = "|".join(re.escape(scheme) for scheme in self.schemes)
        absolute = rf"(?i:{schemes})://[^\s/?#@]+(?:@[^\s/?#]+)?(?:[/?#]\S*)?"
        relative = r"|(?![A-Za-z][A-Za-z0-9+.\-]*:)\S+" if self.relative else ""
        object.__setattr__(self, "accepts", _padded(absolute + relative))

    def check(self, value: str) -> str | None:
        if self.accepts(value):
            return None
        return f"{'a' if self.relative else 'an absolute'} {self.label} without spaces"


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of values, or with *multi* a space- or comma-separated list of them."""

    values: tuple[str, ...]
    multi: bool = False
    case_sensitive: bool = True
    accepts: Accepts = field(init=False, repr=False, compare=False)

    @property
    def label(self) -> str:
        shown = ", ".join(self.values[:8]) + (", ..." if len(self.values) > 8 else "")
        return f"{'a list of ' if self.multi else 'one of '}{shown}"

    def __post_init__(self) -> None:
        # Case folds for ASCII letters only: the values are ASCII words, and Unicode folding would let
        # look-alikes through (re.IGNORECASE alone matches U+017F, the long s, to "s").
        one = rf"(?{'' if self.case_sensitive else 'ai'}:{'|'.join(map(re.escape, self.values))})"
        regex = rf"[\s,]*{one}(?:[\s,]+{one})*[\s,]*" if self.multi else one
        object.__setattr__(self, "accepts", _padded(regex))

    def check(self, value: str) -> str | None:
        return None if self.accepts(value) else self.label


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

    def accepts(self, value: str) -> bool:
        value = value.strip()
        if value in self.extra:
            return True
        # ASCII digits only: int() would also take "1_000", "+5" or Arabic-Indic digits.
        return value.isascii() and value.isdigit() and self.low <= int(value) <= self.high

    def check(self, value: str) -> str | None:
        return None if self.accepts(value) else self.label


@dataclass(frozen=True)
class Decimal:
    """A non-negative decimal amount (``chargeAmount``)."""

    label: str = "a decimal number such as 10.00"
    accepts: Accepts = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "accepts", _padded(r"[0-9]+(?:\.[0-9]+)?")
        )  # \d would take any script's digits

    def check(self, value: str) -> str | None:
        return None if self.accepts(value) else self.label


@dataclass(frozen=True)
class Pattern:
    """A value matching a regular expression; *label* says in words what that means."""

    regex: str
    label: str
    accepts: Accepts = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "accepts", _padded(self.regex))

    def check(self, value: str) -> str | None:
        return None if self.accepts(value) else self.label


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
