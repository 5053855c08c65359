"""Validate a TwiML / LaML document: hardened parse → structure → platform rules → diagnostics.

Structure comes entirely from :mod:`laml.vocabulary`. Rules encode what the platforms enforce beyond shape
(limits, unreachable verbs, dialect differences). The walk records findings against lxml nodes; positions are
only computed (by :class:`~laml._locate.Locator`) when there is something to report, which keeps the clean
path close to raw parse speed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from lxml import etree

from laml import _kinds
from laml._locate import Locator
from laml._parsing import ParseFailure, as_bytes, parse
from laml._parsing import xml_name as _xml_name
from laml.diagnostics import CODES, Diagnostic, Severity
from laml.vocabulary import BY_TAG, CHILDREN, ELEMENTS, ROOTS, Dialect, Element

DialectName = Literal["laml", "twiml"]
_TERMINAL_VERBS = frozenset({"Hangup", "Redirect", "Reject"})
_ROOT_TAGS = {kind: {ELEMENTS[name].tag for name in root.children} for kind, root in ROOTS.items()}
_VOICE_ONLY = frozenset(_ROOT_TAGS["voice"] - _ROOT_TAGS["messaging"] - _ROOT_TAGS["fax"])
_MESSAGING_ONLY = frozenset(_ROOT_TAGS["messaging"] - _ROOT_TAGS["fax"] - {"Redirect"})
_FAX_ONLY = frozenset(_ROOT_TAGS["fax"] - _ROOT_TAGS["voice"])
_SAY_LIMITS = {"polly": 3000, "google": 5000, "gcloud": 5000}
_SAY_DEFAULT_LIMIT = 4096
_SAY_SMALLEST_LIMIT = min(_SAY_DEFAULT_LIMIT, *_SAY_LIMITS.values())
_MAX_BODY, _MAX_MEDIA, _MAX_NUMBERS, _MAX_SIPS = 1600, 10, 10, 10
#: Mustache tags that render to nothing themselves (sections, comments): text made only of them is no text.
_SECTION_TAGS = re.compile(r"\{\{\s*(?:[#^/!][^}]*|else\s*)\}\}")

Where = Literal["element", "attribute", "text"]


@dataclass
class _Finding:
    node: etree._Element
    where: Where
    code: str
    message: str
    fix: str | None = None
    attribute: str = ""


class _Walk:
    """State of one validation: options and the findings so far (a plain slotted class: it is made per
    document, on the hot path)."""

    __slots__ = ("dialect", "findings", "templated")

    def __init__(self, dialect: DialectName, templated: bool) -> None:
        self.dialect = dialect
        self.templated = templated
        self.findings: list[_Finding] = []

    def add(
        self,
        node: etree._Element,
        where: Where,
        code: str,
        message: str,
        *,
        fix: str | None = None,
        attribute: str = "",
    ) -> None:
        self.findings.append(_Finding(node, where, code, message, fix, attribute))


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


def check_document(
    source: bytes | str, *, dialect: DialectName, path: str, templated: bool = False
) -> list[Diagnostic]:
    """Parse and check a document; *templated* skips value checks on text holding mustache tags."""
    data, force_utf8 = as_bytes(source)
    root = parse(data, force_utf8)
    if isinstance(root, ParseFailure):
        severity = CODES[root.code][0]
        return [Diagnostic(path, root.line, root.col, root.code, severity, root.message)]
    walk = _Walk(dialect, templated)
    # Byte searches rule out processing instructions and terminal verbs, so whole passes, in most documents.
    outside_root = data.find(b"<?", 2) >= 0
    may_end_early = _TERMINAL_START_TAG.search(data) is not None
    _check_root(root, walk, outside_root=outside_root, may_end_early=may_end_early)
    if not walk.findings:
        return []
    text = source if isinstance(source, str) else data.decode(_encoding(root), errors="replace")
    return _located(walk.findings, Locator(text, root), path)


def _encoding(root: etree._Element) -> str:
    return root.getroottree().docinfo.encoding or "utf-8"


def _as_error(diagnostic: Diagnostic) -> Diagnostic:
    if diagnostic.severity is Severity.ERROR:
        return diagnostic
    return Diagnostic(
        diagnostic.path,
        diagnostic.line,
        diagnostic.col,
        diagnostic.code,
        Severity.ERROR,
        diagnostic.message,
        diagnostic.fix,
    )


def _located(findings: list[_Finding], locator: Locator, path: str) -> list[Diagnostic]:
    diagnostics = []
    for finding in findings:
        if finding.where == "attribute":
            line, col = locator.attribute(finding.node, finding.attribute)
        elif finding.where == "text":
            line, col = locator.text(finding.node)
        else:
            line, col = locator.element(finding.node)
        severity = CODES[finding.code][0]
        diagnostics.append(Diagnostic(path, line, col, finding.code, severity, finding.message, finding.fix))
    diagnostics.sort(key=lambda d: (d.line, d.col, d.code))
    return diagnostics


# ---- structure ---------------------------------------------------------------------------------------------


def _check_root(
    root: etree._Element, walk: _Walk, *, outside_root: bool = True, may_end_early: bool = True
) -> None:
    """Check the whole document. ``may_end_early=False`` promises no <Hangup>, <Redirect> or <Reject>."""
    if outside_root:
        for node in root.itersiblings(preceding=True):
            _check_foreign_node(node, walk)
        for node in root.itersiblings():
            _check_foreign_node(node, walk)
    if root.tag != "Response":
        shown = _display_tag(root.tag)
        walk.add(
            root,
            "element",
            "LAML101",
            f"root element is <{shown}>; TwiML/LaML documents start with <Response>",
            fix="<Response>" if shown.lower() == "response" else None,
        )
        return
    definition = ROOTS[document_kind(root)]
    _CHECKERS[walk.dialect][definition.name](root, walk)
    if may_end_early:
        _check_reachability(root, definition, walk)


def document_kind_of(data: bytes, force_utf8: bool) -> str:
    """``voice``, ``messaging`` or ``fax`` for a parseable document (``voice`` when it cannot be parsed)."""
    root = parse(data, force_utf8)
    return "voice" if isinstance(root, ParseFailure) else document_kind(root)


def document_kind(root: etree._Element) -> str:
    """Voice if any verb is voice-only, else messaging or fax by their own verbs; voice by default."""
    if len(root) and root[0].tag in _VOICE_ONLY:
        return "voice"  # decided by the first verb, without iterating (lxml iteration is not cheap)
    tags = {child.tag for child in root}
    if not _VOICE_ONLY.isdisjoint(tags):
        return "voice"
    if not _MESSAGING_ONLY.isdisjoint(tags):
        return "messaging"
    if not _FAX_ONLY.isdisjoint(tags):
        return "fax"
    return "voice"


def _check_foreign_node(node: etree._Element, walk: _Walk) -> None:
    if isinstance(node, etree._ProcessingInstruction):
        walk.add(node, "element", "LAML003", f"processing instruction <?{node.target!s}?> is not allowed")


Checker = Callable[[etree._Element, "_Walk"], None]


def _compile_checkers(dialect: DialectName) -> dict[str, Checker]:
    """One checking function per vocabulary element for *dialect*, with everything the vocabulary decides
    (allowed children, dialect findings, whether text is checked, which rule applies) worked out once.

    Validation spends most of its time here, once per element; closures over precomputed values keep that
    to the lxml property reads the checks really need.
    """
    checkers: dict[str, Checker] = {}
    child_tables: dict[str, dict[str, tuple[Checker, tuple[tuple[str, str], ...]]]] = {}
    for definition in ELEMENTS.values():
        checkers[definition.name] = _element_checker(definition, child_tables.setdefault(definition.name, {}))
    for definition in ELEMENTS.values():
        table = child_tables[definition.name]
        for tag, child in CHILDREN[definition.name].items():
            notes = _dialect_notes(child, dialect)
            if child.name in definition.twilio_only_children:
                here = _dialect_finding(f"<{tag}> inside <{definition.tag}>", Dialect.TWILIO, dialect)
                notes = (*((here,) if here else ()), *notes)
            table[tag] = (checkers[child.name], notes)
    return checkers


def _dialect_finding(subject: str, available: Dialect, dialect: DialectName) -> tuple[str, str] | None:
    """(code, message) when *subject* exists only on the other platform; ``None`` when *dialect* has it."""
    if dialect == "laml" and available is Dialect.TWILIO:
        return "LAML210", f"{subject} is a Twilio feature SignalWire does not support"
    if dialect == "twiml" and available is Dialect.SIGNALWIRE:
        return "LAML212", f"{subject} is a SignalWire feature Twilio does not support"
    return None


def _dialect_notes(definition: Element, dialect: DialectName) -> tuple[tuple[str, str], ...]:
    """The element-level dialect finding for *definition* (none when both platforms have it)."""
    finding = _dialect_finding(f"<{definition.tag}>", definition.dialect, dialect)
    return (finding,) if finding else ()


def _element_checker(
    definition: Element, children: dict[str, tuple[Checker, tuple[tuple[str, str], ...]]]
) -> Checker:
    checks_text = definition.text is None or definition.text_kind is not _kinds.TEXT
    text_required = definition.text_required
    holds_text = definition.text is not None
    rule = _RULES.get(definition.name)

    def check(node: etree._Element, walk: _Walk) -> None:
        attributes: list[tuple[str, str]] = node.items()  # type: ignore[assignment]  # str, and cheaper than .attrib
        if attributes:
            _check_attributes(node, attributes, definition, walk)
        text = node.text
        if text and walk.templated:
            text = _SECTION_TAGS.sub("", text)
        if text and not text.isspace():
            if checks_text:
                _check_text(node, definition, text, walk)
        elif text_required and len(node) == 0:
            walk.add(
                node, "element", "LAML107", f"<{definition.tag}> needs its {_text_noun(definition)} as text"
            )
        if len(node):
            for child in node:
                tag: object = child.tag  # comments and PIs have a non-str tag (the stubs say otherwise)
                if tag.__class__ is str:
                    entry = children.get(tag)
                    if entry is None:
                        _check_misplaced(child, definition, walk)
                    else:
                        child_check, notes = entry
                        if notes:
                            for code, message in notes:
                                walk.add(child, "element", code, message)
                        child_check(child, walk)
                else:
                    _check_foreign_node(child, walk)
                if not holds_text:
                    tail = child.tail
                    if tail and (walk.templated or not tail.isspace()):
                        _check_tail(node, tail, definition, walk)
        if rule is not None:
            rule(node, walk)

    return check


def _check_tail(parent: etree._Element, tail: str, definition: Element, walk: _Walk) -> None:
    """Text after a child of an element that holds no text (mustache section tags do not count)."""
    if walk.templated:
        tail = _SECTION_TAGS.sub("", tail)
    if tail and not tail.isspace():
        walk.add(parent, "element", "LAML104", f"<{definition.tag}> cannot hold text: {_preview(tail)}")


def _check_misplaced(node: etree._Element, parent: Element, walk: _Walk) -> None:
    """Report an element its parent may not hold, then check it as defined elsewhere, if it is known."""
    known = _misplaced(node, parent, walk)
    if known is not None:
        for code, message in _dialect_notes(known, walk.dialect):
            walk.add(node, "element", code, message)
        _CHECKERS[walk.dialect][known.name](node, walk)


def _check_attributes(
    node: etree._Element, items: list[tuple[str, str]], definition: Element, walk: _Walk
) -> None:
    checks = _ATTRIBUTE_CHECKS[definition.name]
    for name, value in items:
        if name[0] == "{":
            name = _xml_name(name)
        entry = checks.get(name)
        if entry is None:
            _unknown_attribute(node, definition, name, walk)
            continue
        dialect, check = entry
        if dialect is not Dialect.BOTH:
            finding = _dialect_finding(f"{name!r} on <{definition.tag}>", dialect, walk.dialect)
            if finding:
                walk.add(node, "attribute", *finding, attribute=name)
        if check is None or (walk.templated and "{{" in value):
            continue
        expected = check(value)
        if expected is not None:
            walk.add(
                node,
                "attribute",
                "LAML106",
                f"{name}={value!r} on <{definition.tag}>: expected {expected}",
                attribute=name,
            )


def _unknown_attribute(node: etree._Element, definition: Element, name: str, walk: _Walk) -> None:
    suggestion = _closest(name, definition.attribute_map)
    walk.add(
        node,
        "attribute",
        "LAML105",
        f"unknown attribute {name!r} on <{definition.tag}>"
        + (f"; did you mean {suggestion!r}?" if suggestion else ""),
        fix=suggestion,
        attribute=name,
    )


def _check_text(node: etree._Element, definition: Element, text: str, walk: _Walk) -> None:
    if definition.text is None:
        walk.add(node, "text", "LAML104", f"<{definition.tag}> cannot hold text: {_preview(text)}")
        return
    kind = definition.text_kind
    if kind is _kinds.TEXT or (walk.templated and "{{" in text):
        return
    expected = kind.check(text)
    if expected is not None:
        walk.add(node, "text", "LAML108", f"<{definition.tag}> text {_preview(text)}: expected {expected}")


def _misplaced(node: etree._Element, parent: Element, walk: _Walk) -> Element | None:
    """Report an element its parent may not hold; return its definition elsewhere, if it has one."""
    tag = node.tag
    known = BY_TAG.get(tag)
    allowed = sorted({ELEMENTS[name].tag for name in parent.children})
    if known is None:
        suggestion = _closest(tag, BY_TAG)
        walk.add(
            node,
            "element",
            "LAML102",
            f"unknown element <{_display_tag(tag)}>"
            + (f"; did you mean <{suggestion}>?" if suggestion else ""),
            fix=suggestion and f"<{suggestion}>",
        )
        return None
    where = "here" if not allowed else f"inside <{parent.tag}> (allowed: {', '.join(allowed)})"
    if parent.name in ("VoiceResponse", "MessagingResponse", "FaxResponse"):
        kind = parent.name.removesuffix("Response").lower()
        where = f"in a {kind} document (allowed: {', '.join(allowed)})"
    walk.add(node, "element", "LAML103", f"<{tag}> is not allowed {where}")
    return known


# ---- rules -------------------------------------------------------------------------------------------------


def _check_reachability(root: etree._Element, definition: Element, walk: _Walk) -> None:
    """Verbs after a terminal verb never run; ``<Reject>`` after other verbs answers the call first."""
    terminal: etree._Element | None = None
    for index, verb in enumerate(child for child in root if isinstance(child.tag, str)):
        if terminal is not None and walk.templated and "{{" in (terminal.tail or ""):
            terminal = None  # a section boundary: which branch renders is only known per request
        if terminal is not None:
            walk.add(
                verb,
                "element",
                "LAML201",
                f"<{verb.tag}> never runs: <{terminal.tag}> on line {terminal.sourceline} ends the document",
            )
            return
        if verb.tag in _TERMINAL_VERBS and verb.tag in CHILDREN[definition.name]:
            terminal = verb
        if verb.tag == "Reject" and index > 0 and definition.name == "VoiceResponse":
            walk.add(
                verb,
                "element",
                "LAML202",
                "<Reject> is not the first verb: the call is answered (and billed) before it is rejected",
            )


def _text_length(node: etree._Element) -> int:
    return sum(len(part) for part in node.itertext())


def _check_say(node: etree._Element, walk: _Walk) -> None:
    voice = node.get("voice") or ""
    family = voice.split(".", 1)[0].lower() if "." in voice else ""
    length = len(node.text or "") if len(node) == 0 else _text_length(node)
    if length > _SAY_SMALLEST_LIMIT:
        _check_say_length(node, voice, family, length, walk)
    if family:
        _check_voice_name(node, voice, family, walk)


def _check_say_length(node: etree._Element, voice: str, family: str, length: int, walk: _Walk) -> None:
    limit = (
        _SAY_DEFAULT_LIMIT if walk.dialect == "laml" and family != "polly" else _SAY_LIMITS.get(family, 4096)
    )
    if length > limit:
        walk.add(
            node,
            "element",
            "LAML203",
            f"<Say> holds {length:,} characters; {voice or 'the default voice'} "
            f"accepts at most {limit:,} (Twilio error 13521): split it into several <Say>",
        )


def _check_voice_name(node: etree._Element, voice: str, family: str, walk: _Walk) -> None:
    """Google voices: ``Google.*`` on Twilio, ``gcloud.*`` on SignalWire; Polly generative is Twilio-only."""
    if walk.dialect == "laml" and family == "google" and not (walk.templated and "{{" in voice):
        fixed = "gcloud." + voice.split(".", 1)[1]
        walk.add(
            node,
            "attribute",
            "LAML211",
            f"voice {voice!r} is Twilio's name; SignalWire calls it {fixed!r}",
            fix=fixed,
            attribute="voice",
        )
    elif walk.dialect == "laml" and family == "polly" and voice.endswith("-Generative"):
        walk.add(
            node,
            "attribute",
            "LAML210",
            f"voice {voice!r}: SignalWire does not offer Polly generative voices",
            fix=voice.removesuffix("-Generative") + "-Neural",
            attribute="voice",
        )
    elif walk.dialect == "twiml" and family == "gcloud":
        fixed = "Google." + voice.split(".", 1)[1]
        walk.add(
            node,
            "attribute",
            "LAML212",
            f"voice {voice!r} is SignalWire's name; Twilio calls it {fixed!r}",
            fix=fixed,
            attribute="voice",
        )


def _check_message(node: etree._Element, walk: _Walk) -> None:
    if len(node) == 0:
        if len((node.text or "").strip()) > _MAX_BODY:
            walk.add(node, "element", "LAML204", f"message body is longer than {_MAX_BODY:,} characters")
        return
    body = (node.text or "") + "".join(b.text or "" for b in node if b.tag == "Body")
    if len(body.strip()) > _MAX_BODY:
        walk.add(
            node,
            "element",
            "LAML204",
            f"message body is longer than {_MAX_BODY:,} characters ({len(body.strip()):,})",
        )
    _check_count([child for child in node if child.tag == "Media"], _MAX_MEDIA, "LAML205", "<Message>", walk)


def _check_count(found: list[etree._Element], limit: int, code: str, parent: str, walk: _Walk) -> None:
    """Report the first child beyond *limit* (the platforms ignore or refuse the rest)."""
    if len(found) > limit:
        tag = found[limit].tag
        walk.add(
            found[limit], "element", code, f"{len(found)} <{tag}> in one {parent}; at most {limit} are used"
        )


def _check_dial(node: etree._Element, walk: _Walk) -> None:
    """Number limits apply on both platforms; the <Sip> rules are SignalWire's (Twilio mixes nouns freely)."""
    if len(node) < 2:
        return
    nouns = [child for child in node if isinstance(child.tag, str)]
    _check_count([noun for noun in nouns if noun.tag == "Number"], _MAX_NUMBERS, "LAML206", "<Dial>", walk)
    sips = [noun for noun in nouns if noun.tag == "Sip"]
    if walk.dialect != "laml":
        return
    if sips and len(sips) != len(nouns):
        other = next(noun for noun in nouns if noun.tag != "Sip")
        walk.add(other, "element", "LAML207", f"<{other.tag}> cannot be mixed with <Sip> in one <Dial>")
    elif len(sips) > _MAX_SIPS:
        walk.add(
            sips[_MAX_SIPS], "element", "LAML207", f"{len(sips)} <Sip> in one <Dial>; at most {_MAX_SIPS}"
        )


def _check_stream(node: etree._Element, walk: _Walk) -> None:
    url = node.get("url")
    if url is None or (walk.templated and "{{" in url):
        return
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() != "wss" or not parts.netloc:
        walk.add(
            node,
            "attribute",
            "LAML208",
            f"<Stream> url {url!r} must be an absolute wss:// URL",
            attribute="url",
        )
    elif parts.query:
        walk.add(
            node,
            "attribute",
            "LAML208",
            f"<Stream> url {url!r} carries a query string, which is dropped: pass values as <Parameter>",
            fix=url.split("?", 1)[0],
            attribute="url",
        )


def _check_sms(node: etree._Element, walk: _Walk) -> None:
    walk.add(
        node, "element", "LAML209", "<Sms> is deprecated: send messages with the Messages REST API instead"
    )


_RULES: dict[str, Callable[[etree._Element, _Walk], None]] = {
    "Say": _check_say,
    "Message": _check_message,
    "Dial": _check_dial,
    "Stream": _check_stream,
    "Sms": _check_sms,
}


# ---- helpers -----------------------------------------------------------------------------------------------


def _closest(name: str, candidates: object) -> str | None:
    options = list(candidates)  # type: ignore[call-overload]
    for option in options:
        if option.lower() == name.lower():
            return str(option)
    matches = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return str(matches[0]) if matches else None


def _display_tag(tag: object) -> str:
    text = str(tag)
    return text.split("}", 1)[1] if text.startswith("{") else text


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _text_noun(definition: Element) -> str:
    return (definition.text or "text").replace("_", " ")


#: Per element: attribute name → (dialect, value check or None for free text). Precomputed from the
#: vocabulary so the per-attribute work on the hot path is one lookup and at most one call.
_ATTRIBUTE_CHECKS: dict[str, dict[str, tuple[Dialect, Callable[[str], str | None] | None]]] = {
    element.name: {
        attribute.name: (attribute.dialect, None if attribute.kind is _kinds.TEXT else attribute.kind.check)
        for attribute in element.attributes
    }
    for element in ELEMENTS.values()
}

_CHECKERS: dict[str, dict[str, Checker]] = {
    dialect: _compile_checkers(dialect) for dialect in ("laml", "twiml")
}
_TERMINAL_START_TAG = re.compile(b"<(?:" + b"|".join(tag.encode() for tag in sorted(_TERMINAL_VERBS)) + b")")
