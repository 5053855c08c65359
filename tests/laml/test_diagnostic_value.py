"""``laml.Diagnostic`` behaves as the immutable named tuple it was, although its position may be worked out
only when first read (the validator's findings are located lazily, for speed)."""

from __future__ import annotations

import copy
import pickle

import pytest

import laml
from laml import Diagnostic, Severity

FIELDS = ("path", "line", "col", "code", "severity", "message", "fix", "platform_code")


class CountingLocate:
    """A locate callable that records each subject it is asked about."""

    def __init__(self, position: tuple[int, int]) -> None:
        self.position = position
        self.asked: list[object] = []

    def __call__(self, subject: object) -> tuple[int, int]:
        self.asked.append(subject)
        return self.position


def pending(locate: CountingLocate) -> Diagnostic:
    return Diagnostic.located_later(
        "doc.xml", locate, "subject", "LAML105", Severity.WARNING, "m", "fix", None
    )


def test_a_diagnostic_has_the_named_tuple_fields_repr_and_unpacking() -> None:
    diagnostic = Diagnostic("doc.xml", 2, 3, "LAML213", Severity.ERROR, "no body", None, 21602)
    assert Diagnostic._fields == FIELDS
    assert tuple(diagnostic) == ("doc.xml", 2, 3, "LAML213", Severity.ERROR, "no body", None, 21602)
    path, line, col, *_ = diagnostic
    assert (path, line, col) == ("doc.xml", 2, 3)
    assert diagnostic._asdict() == dict(zip(FIELDS, diagnostic, strict=True))
    assert repr(diagnostic) == (
        "Diagnostic(path='doc.xml', line=2, col=3, code='LAML213', severity=<Severity.ERROR: 'error'>, "
        "message='no body', fix=None, platform_code=21602)"
    )
    assert str(diagnostic) == "doc.xml:2:3: LAML213 no body (platform error 21602)"
    assert Diagnostic("p", 1, 1, "LAML102", Severity.WARNING, "m").fix is None  # defaults as before


def test_a_diagnostic_indexes_and_compares_as_its_tuple_did() -> None:
    first = Diagnostic("a.xml", 2, 3, "LAML102", Severity.WARNING, "unknown")
    later = Diagnostic("a.xml", 2, 10, "LAML102", Severity.WARNING, "unknown")
    values = ("a.xml", 2, 3, "LAML102", Severity.WARNING, "unknown", None, None)
    assert (len(first), first[1], first[-1], first[:3]) == (8, 2, None, ("a.xml", 2, 3))
    assert first == values and values == first and hash(first) == hash(values)
    assert first < later <= later and later > first >= first and first < (*values[:2], 4)
    assert not (first < first) and first != later and first != "a.xml:2:3"
    assert sorted([later, pending(CountingLocate((1, 1))), first]) == [
        first,
        later,
        Diagnostic("doc.xml", 1, 1, "LAML105", Severity.WARNING, "m", "fix"),
    ]
    with pytest.raises(TypeError):
        first < "a.xml"  # noqa: B015


def test_a_diagnostic_is_an_immutable_value() -> None:
    diagnostic = Diagnostic("doc.xml", 2, 3, "LAML102", Severity.WARNING, "unknown")
    same = Diagnostic("doc.xml", 2, 3, "LAML102", Severity.WARNING, "unknown")
    assert diagnostic == same and hash(diagnostic) == hash(same) and len({diagnostic, same}) == 1
    assert diagnostic != diagnostic._replace(col=4)
    for name in FIELDS:
        with pytest.raises(AttributeError):
            setattr(diagnostic, name, "x")
    assert diagnostic._replace(message="other") == Diagnostic(
        "doc.xml", 2, 3, "LAML102", Severity.WARNING, "other"
    )
    with pytest.raises(ValueError, match="colour"):
        diagnostic._replace(colour=1)
    assert pickle.loads(pickle.dumps(diagnostic)) == diagnostic
    assert copy.deepcopy(diagnostic) == diagnostic


def test_a_pending_position_is_worked_out_once_on_first_read() -> None:
    locate = CountingLocate((7, 9))
    diagnostic = pending(locate)
    assert (diagnostic.code, diagnostic.message, diagnostic.fix, diagnostic.severity) == (
        "LAML105",
        "m",
        "fix",
        Severity.WARNING,
    )
    assert locate.asked == []  # nothing but the position needs it
    assert (diagnostic.col, diagnostic.line, str(diagnostic)) == (9, 7, "doc.xml:7:9: LAML105 m")
    assert locate.asked == ["subject"]


def test_replacing_other_fields_keeps_the_position_pending_and_shared() -> None:
    locate = CountingLocate((4, 2))
    original = pending(locate)
    as_error = original._replace(severity=Severity.ERROR)
    assert locate.asked == []
    assert (as_error.line, as_error.col, as_error.severity) == (4, 2, Severity.ERROR)
    assert (original.line, original.col) == (4, 2)
    assert len(locate.asked) == 2  # each copy locates its own subject once, the same one
    moved = pending(locate)._replace(line=1)
    assert (moved.line, moved.col) == (1, 2)


def test_a_pending_diagnostic_equals_hashes_and_pickles_as_located() -> None:
    located = Diagnostic("doc.xml", 7, 9, "LAML105", Severity.WARNING, "m", "fix")
    assert pending(CountingLocate((7, 9))) == located
    assert hash(pending(CountingLocate((7, 9)))) == hash(located)
    assert pending(CountingLocate((7, 9))) != pending(CountingLocate((7, 10)))
    assert pickle.loads(pickle.dumps(pending(CountingLocate((7, 9))))) == located
    assert repr(pending(CountingLocate((7, 9)))) == repr(located)


def test_validator_findings_read_late_are_where_they_were() -> None:
    """Positions read after other documents were validated, and after the tree is gone from the caller,
    still point at the finding (each document keeps its own locator)."""
    first = laml.validate("<Response>\n  <Sya/>\n</Response>", path="a.xml")
    second = laml.validate('<Response>\n\n   <Say lenguage="x">hi</Say></Response>', path="b.xml")
    strict = laml.validate("<Response>\n  <Sya/>\n</Response>", path="a.xml", strict=True)
    assert [str(d) for d in second] == ["b.xml:3:9: LAML105 " + second[0].message]
    assert [(d.line, d.col, d.code) for d in first] == [(2, 3, "LAML102")]
    assert [(d.line, d.col, d.severity) for d in strict] == [(2, 3, Severity.ERROR)]
