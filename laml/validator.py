"""Validate a TwiML / LaML document: hardened parse → structure → platform rules → diagnostics.

Structure comes entirely from :mod:`laml.vocabulary` (compiled into checkers by :mod:`laml._structure`);
rules (:mod:`laml._rules`) encode what the platforms enforce beyond shape. The walk records findings
against lxml nodes; positions are only worked out (by :class:`~laml._locate.Locator`) when a diagnostic's
line or column is first read, or to sort a document's findings, which keeps validation close to raw parse
speed for documents with findings too.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from laml._locate import Locator, ascii_position
from laml._parsing import ParseFailure, as_bytes, document_text, parse
from laml._rules import check_reachability
from laml._structure import check_foreign_node, compile_checkers, display_tag
from laml._walk import DialectName, Finding, Walk
from laml.diagnostics import CODES, PLATFORM_CODES, Diagnostic, Locate, Severity, platform_code
from laml.vocabulary import ELEMENTS, ROOTS

__all__ = ["DialectName", "check_document", "document_kind", "validate"]

_ROOT_TAGS = {kind: {ELEMENTS[name].tag for name in root.children} for kind, root in ROOTS.items()}
_VOICE_ONLY = frozenset(_ROOT_TAGS["voice"] - _ROOT_TAGS["messaging"] - _ROOT_TAGS["fax"])
_MESSAGING_ONLY = frozenset(_ROOT_TAGS["messaging"] - _ROOT_TAGS["fax"] - {"Redirect"})
_FAX_ONLY = frozenset(_ROOT_TAGS["fax"] - _ROOT_TAGS["voice"])
#: (dialect, templated) → element name → checker, compiled once.
_CHECKERS = {
    (dialect, templated): compile_checkers(dialect, templated)
    for dialect in ("laml", "twiml")
    for templated in (False, True)
}


def validate(
    source: bytes | str,
    *,
    dialect: DialectName = "laml",
    bin: bool = False,
    strict: bool = False,
    path: str = "<string>",
) -> list[Diagnostic]:
    """Check one document and return its diagnostics, sorted by position.

    ``dialect`` picks the platform the document must run on (``laml`` = SignalWire, ``twiml`` = Twilio);
    ``bin`` treats the source as a LaML Bin (mustache template); ``strict`` turns every warning into an error.
    Never raises for bad input: every problem is a diagnostic.
    """
    if bin:
        from laml.bins import check_bin

        diagnostics = check_bin(source, dialect=dialect, path=path)
    else:
        diagnostics = check_document(source, dialect=dialect, path=path)
    if strict:
        diagnostics = [_as_error(d) for d in diagnostics]
    return diagnostics


#: Makes the callable that works out where one parsed document's findings are (``_Positions`` by default).
Positions = Callable[[bytes | str, bytes, etree._Element], Locate]


def check_document(
    source: bytes | str,
    *,
    dialect: DialectName,
    path: str,
    templated: bool = False,
    positions: Positions | None = None,
) -> list[Diagnostic]:
    """Parse and check a document; *templated* skips value checks on text holding mustache tags.

    *positions* places findings elsewhere than in *source* (a bin's rendering reports them in its template).
    """
    data, force_utf8 = as_bytes(source)
    root = parse(data, force_utf8, keep_whitespace=False)
    if isinstance(root, ParseFailure):
        severity = CODES[root.code][0]
        platform = platform_code(root.code, root.subject)
        return [Diagnostic(path, root.line, root.col, root.code, severity, root.message, None, platform)]
    walk = Walk(dialect, templated, _CHECKERS[dialect, templated])
    if root.getprevious() is not None or root.getnext() is not None:  # comments or PIs around the root
        for node in root.itersiblings(preceding=True):
            check_foreign_node(node, walk)
        for node in root.itersiblings():
            check_foreign_node(node, walk)
    _check_root(root, walk)
    if not walk.findings:
        return []
    return _diagnostics(walk.findings, (positions or _Positions)(source, data, root), path)


def _check_root(root: etree._Element, walk: Walk) -> None:
    if root.tag != "Response":
        shown = display_tag(root.tag)
        walk.add(
            root,
            "element",
            "LAML101",
            f"root element is <{shown}>; TwiML/LaML documents start with <Response>",
            fix="<Response>" if shown.lower() == "response" else None,
        )
        return
    definition = ROOTS[document_kind(root)]
    walk.checkers[definition.name](root, walk)
    if walk.ends_early:
        check_reachability(root, definition, walk)


def document_kind(root: etree._Element) -> str:
    """Voice if any verb is voice-only, else messaging or fax by their own verbs; voice by default.

    Usually the first verb decides (every voice verb but ``<Redirect>`` is voice-only).
    """
    if len(root) and root[0].tag in _VOICE_ONLY:
        return "voice"  # without an iterator, which costs more than indexing
    found = None
    for child in root:
        tag = child.tag
        if tag in _VOICE_ONLY:
            return "voice"
        if tag in _MESSAGING_ONLY:
            found = "messaging"
        elif tag in _FAX_ONLY and found is None:
            found = "fax"
    return found or "voice"


def _as_error(diagnostic: Diagnostic) -> Diagnostic:
    return (
        diagnostic if diagnostic.severity is Severity.ERROR else diagnostic._replace(severity=Severity.ERROR)
    )


class _Positions:
    """Where one document's findings are, worked out when a diagnostic's line or column is first read.

    The text is decoded and the :class:`~laml._locate.Locator` made on that first read, and serve every
    other finding of the document; a document whose diagnostics are only counted never needs them. Before
    that, a finding on a start tag or attribute of an ASCII document is read off its own line
    (:func:`~laml._locate.ascii_position`), which the usual finding needs and which costs less.
    """

    __slots__ = ("_data", "_locator", "_root", "_source")

    def __init__(self, source: bytes | str, data: bytes, root: etree._Element) -> None:
        self._source = source
        self._data = data
        self._root = root
        self._locator: Locator | None = None

    def __call__(self, finding: Finding) -> tuple[int, int]:
        node, where, _, _, _, attribute = finding  # one unpacking costs less than three field reads
        if self._locator is None:
            data = self._data
            if data.isascii() and b"\0" not in data:  # ASCII text, as document_text decodes it
                position = ascii_position(data, node, where, attribute)
                if position is not None:
                    return position
            source = self._source  # the document as text, for character columns: decoded as parsed
            text = source if isinstance(source, str) else document_text(data)
            self._locator = Locator(text, self._root)
        return self._locator.locate(node, where, attribute)


def _diagnostics(findings: list[Finding], positions: Locate, path: str) -> list[Diagnostic]:
    """The findings as diagnostics, sorted by position: positions are worked out now only when there is
    more than one finding to sort."""
    diagnostics = []
    for finding in findings:
        node, _, code, message, fix, attribute = finding
        platform = platform_code(code, node.tag, attribute) if code in PLATFORM_CODES else None
        diagnostics.append(_later(path, positions, finding, code, CODES[code][0], message, fix, platform))
    if len(diagnostics) > 1:
        diagnostics.sort(key=_position)
    return diagnostics


_later = Diagnostic.located_later


def _position(diagnostic: Diagnostic) -> tuple[int, int, str]:
    return diagnostic.line, diagnostic.col, diagnostic.code
