"""Structure checks compiled from the vocabulary: one checking function per element, dialect and mode.

Validation spends most of its time here, once per element, so everything the vocabulary decides (allowed
children, attribute value checks, dialect findings, whether text is checked, which rule applies) is worked
out once, when the module loads. What is left per element is the lxml property reads the checks need and a
few dictionary lookups; anything that only happens in a faulty document lives in a separate function.
"""

from __future__ import annotations

import difflib
import re

from lxml import etree

from laml import _kinds
from laml._kinds import Accepts
from laml._parsing import XML_NAMESPACE, xml_name
from laml._rules import ATTRIBUTE_RULES, RULES, TERMINAL_VERBS
from laml._walk import Checker, DialectName, Walk
from laml.vocabulary import BY_TAG, CHILDREN, ELEMENTS, ROOTS, Attribute, Dialect, Element

#: Mustache tags that render to nothing themselves (sections, comments): text made only of them is no text.
_SECTION_TAGS = re.compile(r"\{\{\s*(?:[#^/!][^}]*|else\s*)\}\}")

#: Attribute name as lxml reports it → (its definition, dialect finding or None, fast value test or None).
AttributeTable = dict[str, tuple[Attribute, "tuple[str, str] | None", "Accepts | None"]]


def compile_checkers(dialect: DialectName, templated: bool) -> dict[str, Checker]:
    """Element name → checker, for documents on *dialect* (``templated``: a LaML Bin's raw template)."""
    checkers: dict[str, Checker] = {}
    children_of: dict[str, dict[object, Checker]] = {}
    for definition in ELEMENTS.values():
        children = children_of[definition.name] = {}
        checkers[definition.name] = _element_checker(
            definition, children, _attribute_table(definition, dialect, templated), templated
        )
    roots = {root.name for root in ROOTS.values()}
    for definition in ELEMENTS.values():
        children = children_of[definition.name]
        for tag, child in CHILDREN[definition.name].items():
            notes = dialect_notes(child, dialect)
            if child.name in definition.twilio_only_children:
                here = _dialect_finding(f"<{tag}> inside <{definition.tag}>", Dialect.TWILIO, dialect)
                notes = (*((here,) if here else ()), *notes)
            check = checkers[child.name]
            if notes:
                check = _noted(check, notes)
            if definition.name in roots and tag in TERMINAL_VERBS:
                check = _ending(check)
            children[tag] = check
    return checkers


def _noted(check: Checker, notes: tuple[tuple[str, str], ...]) -> Checker:
    """*check*, preceded by the dialect findings the element always gets in this place."""

    def noted(node: etree._Element, walk: Walk) -> None:
        for code, message in notes:
            walk.add(node, "element", code, message)
        check(node, walk)

    return noted


def _ending(check: Checker) -> Checker:
    """*check* for a terminal verb of a document: tells the walk that the reachability rule must run."""

    def ending(node: etree._Element, walk: Walk) -> None:
        walk.ends_early = True
        check(node, walk)

    return ending


def _element_checker(
    definition: Element, children: dict[object, Checker], attributes: AttributeTable, templated: bool
) -> Checker:
    holds_text = definition.text is not None
    text_accepts = (
        definition.text_kind.accepts if holds_text and definition.text_kind is not _kinds.TEXT else None
    )
    if text_accepts is not None and templated:
        text_accepts = _unless_templated(text_accepts)
    text_required = definition.text_required
    rule, rule_min_children, rule_text_over, rule_when_empty = RULES.get(definition.name) or (
        None,
        0,
        0,
        False,
    )

    def check(node: etree._Element, walk: Walk) -> None:
        items: list[tuple[str, str]] = node.items()  # type: ignore[assignment]  # str, and cheaper than .attrib
        if items:
            for name, value in items:
                entry = attributes.get(name)
                if entry is None:
                    _unknown_attribute(node, definition, name, walk)
                    continue
                attribute, note, accepts = entry
                if note is not None:
                    walk.add(node, "attribute", *note, attribute=attribute.name)
                if accepts is not None and not accepts(value):
                    _check_value(node, definition, attribute, value, walk)
        count = len(node)
        text = node.text
        if text and templated:
            text = _SECTION_TAGS.sub("", text)
        if text and not text.isspace():
            if text_accepts is not None:
                if not text_accepts(text):
                    _invalid_text(node, definition, text, walk)
            elif not holds_text:
                walk.add(node, "text", "LAML104", f"<{definition.tag}> cannot hold text: {_preview(text)}")
        elif text_required and not count:
            walk.add(
                node, "element", "LAML107", f"<{definition.tag}> needs its {_text_noun(definition)} as text"
            )
        if count:
            for child in node:
                child_check = children.get(child.tag)  # comments and PIs have a function as tag: not found
                if child_check is None:
                    _check_unexpected(child, definition, walk)
                else:
                    child_check(child, walk)
                if not holds_text:
                    tail = child.tail
                    if tail and (templated or not tail.isspace()):
                        _check_tail(child, tail, definition, walk)
        if rule is not None and (
            count >= rule_min_children
            or (text and len(text) > rule_text_over)
            or (rule_when_empty and not count and (not text or text.isspace()))
        ):
            rule(node, walk)

    return check


def _attribute_table(definition: Element, dialect: DialectName, templated: bool) -> AttributeTable:
    table: AttributeTable = {}
    for attribute in definition.attributes:
        note = None
        if attribute.dialect is not Dialect.BOTH:
            note = _dialect_finding(f"{attribute.name!r} on <{definition.tag}>", attribute.dialect, dialect)
        accepts = None if attribute.kind is _kinds.TEXT else attribute.kind.accepts
        rule = ATTRIBUTE_RULES.get((definition.name, attribute.name))
        if rule is not None:
            accepts = _unless_suspect(accepts or _kinds.TEXT.accepts, rule.suspects[dialect].match)
        if accepts is not None and templated:
            accepts = _unless_templated(accepts)
        table[attribute.name] = (attribute, note, accepts)
        if attribute.name.startswith("xml:"):  # lxml reports xml:lang as {namespace}lang
            table[XML_NAMESPACE + attribute.name[4:]] = table[attribute.name]
    return table


def _unless_suspect(accepts: Accepts, suspect: Accepts) -> Accepts:
    """*accepts*, except for values an attribute rule must look at."""
    return lambda value: accepts(value) and not suspect(value)


def _unless_templated(accepts: Accepts) -> Accepts:
    """*accepts*, and any value holding a mustache tag (only known once the bin is rendered)."""
    return lambda value: "{{" in value or accepts(value)


def _dialect_finding(subject: str, available: Dialect, dialect: DialectName) -> tuple[str, str] | None:
    """(code, message) when *subject* exists only on the other platform; ``None`` when *dialect* has it."""
    if dialect == "laml" and available is Dialect.TWILIO:
        return "LAML210", f"{subject} is a Twilio feature SignalWire does not support"
    if dialect == "twiml" and available is Dialect.SIGNALWIRE:
        return "LAML212", f"{subject} is a SignalWire feature Twilio does not support"
    return None


def dialect_notes(definition: Element, dialect: DialectName) -> tuple[tuple[str, str], ...]:
    """The element-level dialect finding for *definition* (none when both platforms have it)."""
    finding = _dialect_finding(f"<{definition.tag}>", definition.dialect, dialect)
    return (finding,) if finding else ()


# ---- what only faulty documents reach ----------------------------------------------------------------------


def check_foreign_node(node: etree._Element, walk: Walk) -> None:
    """A comment is fine anywhere; a processing instruction is not."""
    if isinstance(node, etree._ProcessingInstruction):
        walk.add(node, "element", "LAML003", f"processing instruction <?{node.target!s}?> is not allowed")


def _check_unexpected(node: etree._Element, parent: Element, walk: Walk) -> None:
    """A child its parent does not list: a comment, a PI, an unknown element or one that belongs elsewhere.

    A known element in the wrong place is reported, then checked as it is defined elsewhere.
    """
    tag: object = node.tag  # a function for comments and PIs (the stubs say str)
    if not isinstance(tag, str):
        check_foreign_node(node, walk)
        return
    known = _misplaced(node, parent, walk)
    if known is not None:
        for code, message in dialect_notes(known, walk.dialect):
            walk.add(node, "element", code, message)
        walk.checkers[known.name](node, walk)


def _misplaced(node: etree._Element, parent: Element, walk: Walk) -> Element | None:
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
            f"unknown element <{display_tag(tag)}>"
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


def _unknown_attribute(node: etree._Element, definition: Element, name: str, walk: Walk) -> None:
    name = xml_name(name)
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


def _check_value(
    node: etree._Element, definition: Element, attribute: Attribute, value: str, walk: Walk
) -> None:
    """Explain a value the fast test did not accept: its kind's expectation, then the attribute's rule."""
    expected = attribute.kind.check(value)
    if expected is not None:
        walk.add(
            node,
            "attribute",
            "LAML106",
            f"{attribute.name}={value!r} on <{definition.tag}>: expected {expected}",
            attribute=attribute.name,
        )
    rule = ATTRIBUTE_RULES.get((definition.name, attribute.name))
    if rule is not None:
        rule.check(node, value, walk)


def _invalid_text(node: etree._Element, definition: Element, text: str, walk: Walk) -> None:
    expected = definition.text_kind.check(text)
    walk.add(node, "text", "LAML108", f"<{definition.tag}> text {_preview(text)}: expected {expected}")


def _check_tail(child: etree._Element, tail: str, definition: Element, walk: Walk) -> None:
    """Text after a child of an element that holds no text (mustache section tags do not count); it is
    reported where it starts, after the child."""
    if walk.templated:
        tail = _SECTION_TAGS.sub("", tail)
    if tail and not tail.isspace():
        walk.add(child, "tail", "LAML104", f"<{definition.tag}> cannot hold text: {_preview(tail)}")


# ---- helpers -----------------------------------------------------------------------------------------------


def _closest(name: str, candidates: object) -> str | None:
    options = list(candidates)  # type: ignore[call-overload]
    for option in options:
        if option.lower() == name.lower():
            return str(option)
    matches = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return str(matches[0]) if matches else None


def display_tag(tag: object) -> str:
    """An element's tag as a person would write it (namespace URIs dropped)."""
    text = str(tag)
    return text.split("}", 1)[1] if text.startswith("{") else text


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _text_noun(definition: Element) -> str:
    return (definition.text or "text").replace("_", " ")
