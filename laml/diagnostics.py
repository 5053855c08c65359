"""Diagnostics as values, and the table of stable codes every tool and document refers to.

Codes never change meaning once published; README.md lists them (a test keeps it in step with this table).
Findings that a call or message would hit as an error of the platform's own table (the Compatibility API
spec's "Error codes", kept as data in ``migrate.contract``) carry that code too, so a user can go from the
platform's logs to the finding and back.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from typing import Any


class Severity(str, enum.Enum):
    """How bad a finding is. Errors fail a run by default; warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


#: Works out a finding's (line, column) from what the validator recorded (its *subject*), on first need.
Locate = Callable[[Any], tuple[int, int]]
#: path, line, col, code, severity, message, fix, platform_code.
_Values = tuple[str, int, int, str, Severity, str, str | None, int | None]
_FIELDS = ("path", "line", "col", "code", "severity", "message", "fix", "platform_code")


class Diagnostic:
    """One finding in a document: where (1-based line and column), what (code) and how to fix it, and the
    platform error code (``platform_code``, see ``PLATFORM_CODES``) the document would run into, if any.

    An immutable value with the read-only fields, indexing, iteration (unpacking), comparisons (with plain
    tuples too), hash, ``repr``, ``_replace`` and ``_asdict`` of the named tuple it used to be. Not a tuple,
    because its position may be worked out late: the validator records findings against nodes of the
    parsed tree, and finding their lines and columns in the source text costs more than checking a clean
    document. So ``line`` and ``col`` may be resolved on first read (see ``located_later``), for all of a
    document's findings by one shared locator, and then kept; a caller that only counts or filters findings
    by code never pays for positions. Two slots that plain assignment fills (no ``__setattr__`` hook, no
    slot per field) keep making one about as cheap as making the named tuple was.
    """

    __slots__ = ("_pending", "_values")
    _fields = _FIELDS

    _values: _Values
    _pending: tuple[Locate, object] | None  # (locate, subject) until the position is worked out

    def __init__(
        self,
        path: str,
        line: int,
        col: int,
        code: str,
        severity: Severity,
        message: str,
        fix: str | None = None,
        platform_code: int | None = None,
    ) -> None:
        self._values = (path, line, col, code, severity, message, fix, platform_code)
        self._pending = None

    @classmethod
    def located_later(
        cls,
        path: str,
        locate: Locate,
        subject: object,
        code: str,
        severity: Severity,
        message: str,
        fix: str | None = None,
        platform_code: int | None = None,
    ) -> Diagnostic:
        """A diagnostic whose position ``locate(subject)`` works out when ``line`` or ``col`` is read."""
        diagnostic = _blank(cls)
        diagnostic._values = (path, 0, 0, code, severity, message, fix, platform_code)
        diagnostic._pending = (locate, subject)
        return diagnostic

    def _located(self) -> _Values:
        """The values, with the position worked out if it was pending (then the subject, which holds the
        parsed tree, is let go). Another thread doing the same at once finds the same position."""
        pending = self._pending
        if pending is not None:
            locate, subject = pending
            line, col = locate(subject)
            path, _, _, code, severity, message, fix, platform = self._values
            self._values = (path, line, col, code, severity, message, fix, platform)
            self._pending = None
        return self._values

    @property
    def path(self) -> str:
        return self._values[0]

    @property
    def line(self) -> int:
        """1-based line of the finding."""
        return self._located()[1]

    @property
    def col(self) -> int:
        """1-based column (in characters) of the finding."""
        return self._located()[2]

    @property
    def code(self) -> str:
        return self._values[3]

    @property
    def severity(self) -> Severity:
        return self._values[4]

    @property
    def message(self) -> str:
        return self._values[5]

    @property
    def fix(self) -> str | None:
        return self._values[6]

    @property
    def platform_code(self) -> int | None:
        return self._values[7]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._located())

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(_FIELDS, self._located(), strict=True))

    def _replace(self, **changes: Any) -> Diagnostic:
        """A copy with *changes*; a position not worked out yet stays pending (and shared) unless replaced."""
        unknown = changes.keys() - _FIELDS
        if unknown:
            raise ValueError(f"Got unexpected field names: {sorted(unknown)!r}")
        pending = None if "line" in changes or "col" in changes else self._pending
        values = self._values if pending is not None else self._located()
        copy = _blank(type(self))
        copy._values = tuple(changes.get(name, value) for name, value in zip(_FIELDS, values, strict=True))  # type: ignore[assignment]
        copy._pending = pending
        return copy

    def __getitem__(self, index: int) -> Any:
        return self._located()[index]

    def __len__(self) -> int:
        return len(_FIELDS)

    # Compared as the named tuple was: field by field, with each other and with plain tuples.
    def __eq__(self, other: object) -> bool:
        theirs = _comparable(other)
        return NotImplemented if theirs is None else self._located() == theirs

    def __lt__(self, other: object) -> bool:
        theirs = _comparable(other)
        return NotImplemented if theirs is None else self._located() < theirs

    def __le__(self, other: object) -> bool:
        theirs = _comparable(other)
        return NotImplemented if theirs is None else self._located() <= theirs

    def __gt__(self, other: object) -> bool:
        theirs = _comparable(other)
        return NotImplemented if theirs is None else self._located() > theirs

    def __ge__(self, other: object) -> bool:
        theirs = _comparable(other)
        return NotImplemented if theirs is None else self._located() >= theirs

    def __hash__(self) -> int:
        return hash(self._located())  # as the named tuple's: equal to its plain tuple's

    def __reduce__(self) -> tuple[type[Diagnostic], _Values]:
        return type(self), self._located()  # pickled with its position worked out (a tree does not pickle)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(_FIELDS, self._located(), strict=True))
        return f"{type(self).__name__}({fields})"

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"
        return text if self.platform_code is None else f"{text} (platform error {self.platform_code})"


_blank = object.__new__


def _comparable(other: object) -> tuple[Any, ...] | None:
    if isinstance(other, Diagnostic):
        return other._located()
    return other if isinstance(other, tuple) else None


E, W = Severity.ERROR, Severity.WARNING

#: code → (default severity, one-line title). The validator never emits a code missing from this table.
CODES: dict[str, tuple[Severity, str]] = {
    "LAML001": (E, "the document is not well-formed XML"),
    "LAML002": (E, "DOCTYPE and entity declarations are not allowed"),
    "LAML003": (E, "processing instructions are not allowed"),
    "LAML004": (E, "the document is larger than the 64 kB the platforms accept"),
    "LAML005": (E, "the bytes are not valid in the document's encoding"),
    # Reported by ``sw-migrate validate`` about its own suppression comments; laml.validate never emits it.
    "LAML006": (W, "suppression comment names no sw-migrate code"),
    "LAML101": (E, "the root element must be <Response>"),
    "LAML102": (W, "unknown element"),
    "LAML103": (W, "element not allowed here"),
    "LAML104": (W, "text not allowed in this element"),
    "LAML105": (W, "unknown attribute"),
    "LAML106": (W, "invalid attribute value"),
    "LAML107": (E, "required text missing"),
    "LAML108": (W, "invalid text value"),
    "LAML201": (W, "verb can never run (after <Hangup>, <Redirect> or <Reject>)"),
    "LAML202": (W, "<Reject> is not the first verb, so the call is answered (and billed) first"),
    "LAML203": (E, "<Say> text longer than the voice accepts"),
    "LAML204": (E, "message body longer than 1600 characters"),
    "LAML205": (E, "more than 10 <Media> in one message"),
    "LAML206": (E, "more than 10 <Number> in one <Dial>"),
    "LAML207": (E, "<Sip> mixed with other nouns, or more than 10 <Sip>, in one <Dial>"),
    "LAML208": (E, "<Stream> url must be wss:// without a query string"),
    "LAML209": (W, "<Sms> in a voice document is deprecated"),
    "LAML210": (W, "Twilio feature that SignalWire does not support"),
    "LAML211": (W, "Google.* voice: SignalWire names Google voices gcloud.*"),
    "LAML212": (W, "SignalWire feature that Twilio does not support"),
    "LAML213": (E, "<Message> with neither a body nor media"),
    "LAML301": (E, "mustache syntax error"),
    "LAML302": (W, "unescaped mustache variable: caller input can inject XML"),
    "LAML303": (E, "Handlebars construct that mustache does not understand"),
    "LAML304": (E, "mustache sections nested too deep (more than 32 levels)"),
}

#: LAML code → {subject: platform error code}: which findings a call or message would hit as an entry of the
#: platform's error table. The subject is ``""`` for every finding of the code, else the element (``Body``) or
#: attribute (``Number@method``) the finding is on, or what a parse failure is on (``entity``). Only the
#: numbers live here; what they mean is the contract's (``migrate.contract.error_code``), and a test checks
#: that each one is in its table.
PLATFORM_CODES: dict[str, dict[str, int]] = {
    "LAML001": {"": 12100},  # Document parse failure
    # An undeclared entity is not well-formed XML (no parser can read it); a DOCTYPE is, so it has no code.
    "LAML002": {"entity": 12100},
    "LAML005": {"": 12100},
    "LAML106": {"Number@method": 13221},  # Dial->Number: Invalid method value
    "LAML107": {"Body": 21602, "Media": 21620},  # Message body is required; Invalid media URL(s)
    "LAML108": {"Media": 21620},
    "LAML204": {"": 21617},  # The concatenated message body exceeds the 1600 character limit
    "LAML205": {"": 21623},  # Number of media files exceeds allowed limit
    "LAML213": {"": 21602},
}


def platform_code(code: str, tag: object = "", attribute: str = "") -> int | None:
    """The platform error code of a finding *code* on element *tag* (and *attribute*), or of a parse failure
    on *tag* (its subject), if it has one."""
    subjects = PLATFORM_CODES.get(code)
    if subjects is None:
        return None
    found = subjects.get("")
    if found is None and isinstance(tag, str):
        found = subjects.get(f"{tag}@{attribute}" if attribute else tag)
    return found
