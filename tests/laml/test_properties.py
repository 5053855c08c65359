"""Property-based tests: random valid documents built from the vocabulary, and random garbage.

The generator knows only :data:`laml.vocabulary.ELEMENTS`, the value kinds and the platform rules the
validator enforces; from those it builds documents through the builder classes. Properties:

* a document built that way validates clean under the dialect it was generated for;
* ``laml.parse`` followed by ``str`` gives back the same canonical XML;
* the validator never raises, whatever it is given, and only reports codes from :data:`laml.CODES`.
"""

from __future__ import annotations

import string
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import laml
from laml import _kinds
from laml._builder import CLASSES
from laml.validator import DialectName
from laml.vocabulary import ELEMENTS, ROOTS, Attribute, Dialect, Element

DIALECTS: dict[DialectName, Dialect] = {"laml": Dialect.SIGNALWIRE, "twiml": Dialect.TWILIO}
TERMINAL = {"Hangup", "Redirect", "Reject"}
#: Elements whose mere presence is reported: <Sms> is deprecated (LAML209) on both platforms.
NEVER_GENERATED = {"Sms"}
MAX_DEPTH = 4
MAX_CHILDREN = 3

PROFILE = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# ---- values ------------------------------------------------------------------------------------------

SAFE_PATH = st.from_regex(r"[a-z0-9_\-]{0,12}(/[a-z0-9_\-]{1,8}){0,2}", fullmatch=True)
#: Printable text plus tab, newline and CR: no other control characters, surrogates or non-characters.
TEXT_CHARACTERS = st.characters(blacklist_categories=("Cc", "Cs", "Cn"), whitelist_characters="\t\n\r")
FREE_TEXT = st.text(TEXT_CHARACTERS, max_size=16)
REQUIRED_TEXT = st.text(TEXT_CHARACTERS, min_size=1, max_size=16).filter(lambda s: not s.isspace())
ASCII_PRINTABLE = st.characters(codec="ascii", blacklist_categories=("Cc",))

#: Good values for the pattern kinds, as people write them (from_regex adds the odd ones).
PATTERN_EXAMPLES: dict[Any, list[str]] = {
    _kinds.LANGUAGE: ["en-US", "fr-FR", "cmn-Hant-TW", "arb", "pt_BR"],
    _kinds.DTMF: ["1234", "ww1#", "*9wA"],
    _kinds.FINISH_KEY: ["#", "*", "", "0123"],
    _kinds.PHONE: ["+15551234567", "+44 20 7946 0958", "1 (555) 123-4567"],
    _kinds.SIP_URI: ["sip:alice@example.com", "bob@example.com", "sips:carol@example.com;transport=tls"],
}
#: Attribute values the validator judges beyond their kind (voice names differ between the platforms).
SAY_VOICES: dict[DialectName, list[str]] = {
    "laml": ["man", "woman", "Polly.Joanna", "Polly.Matthew-Neural", "gcloud.en-US-Wavenet-A"],
    "twiml": ["man", "woman", "alice", "Polly.Joanna-Generative", "Google.en-US-Standard-C"],
}
WSS_URL = SAFE_PATH.map(lambda path: "wss://example.com/" + path)


def pattern_values(kind: _kinds.Pattern) -> st.SearchStrategy[str]:
    """Known-good examples plus regex-generated ASCII values the kind itself accepts."""
    generated = st.from_regex(kind.regex, fullmatch=True, alphabet=ASCII_PRINTABLE).filter(
        lambda value: kind.check(value) is None
    )
    examples = PATTERN_EXAMPLES.get(kind)
    return st.one_of(st.sampled_from(examples), generated) if examples else generated


def kind_values(kind: _kinds.ValueKind) -> st.SearchStrategy[Any]:
    """Values a kind accepts; booleans sometimes as Python bools, to exercise the builder's rendering."""
    if isinstance(kind, _kinds.Choice):
        if kind is _kinds.BOOLEAN:
            return st.sampled_from([True, False, "true", "false", "True"])
        if kind.multi:
            items = st.lists(st.sampled_from(kind.values), min_size=1, max_size=3, unique=True)
            return items.map(" ".join)
        return st.sampled_from(kind.values)
    if isinstance(kind, _kinds.Integer):
        numbers = st.integers(kind.low, kind.high).map(str)
        return st.one_of(numbers, st.sampled_from(kind.extra)) if kind.extra else numbers
    if isinstance(kind, _kinds.Url):
        absolute = SAFE_PATH.map(lambda path: f"{kind.schemes[-1]}://example.com/{path}")
        return st.one_of(absolute, SAFE_PATH.map(lambda path: "/" + path)) if kind.relative else absolute
    if isinstance(kind, _kinds.Decimal):
        return st.from_regex(r"[0-9]{1,4}(\.[0-9]{2})?", fullmatch=True)
    if isinstance(kind, _kinds.Pattern):
        return pattern_values(kind)
    return FREE_TEXT


def attribute_values(element: Element, attribute: Attribute, dialect: DialectName) -> st.SearchStrategy[Any]:
    """A value for one attribute, honouring the rules that look at specific attributes."""
    if element.name == "Say" and attribute.name == "voice":
        return st.sampled_from(SAY_VOICES[dialect])
    if element.name == "Stream" and attribute.name == "url":
        return WSS_URL  # LAML208: wss:// with a host and no query string
    return kind_values(attribute.kind)


def text_values(element: Element) -> st.SearchStrategy[Any]:
    """Text for an element that holds some: required text is never blank."""
    if element.text_kind is _kinds.TEXT:
        return REQUIRED_TEXT if element.text_required else FREE_TEXT
    return kind_values(element.text_kind)


# ---- documents ---------------------------------------------------------------------------------------


def in_dialect(flags: Dialect, dialect: DialectName) -> bool:
    """Whether something flagged *flags* is documented by the platform *dialect* names."""
    return bool(flags & DIALECTS[dialect])


def allowed_children(parent: Element, dialect: DialectName) -> list[str]:
    """Children the validator accepts under *parent* for *dialect*, minus the ones always reported."""
    return [
        name
        for name in parent.children
        if in_dialect(ELEMENTS[name].dialect, dialect)
        and name not in NEVER_GENERATED
        and not (dialect == "laml" and name in parent.twilio_only_children)
    ]


@st.composite
def element_calls(draw: st.DrawFn, name: str, dialect: DialectName) -> dict[str, Any]:
    """Keyword arguments for one element's builder method: some attributes, and text when it has text."""
    element = ELEMENTS[name]
    attributes = [a for a in element.attributes if in_dialect(a.dialect, dialect)]
    chosen = draw(st.lists(st.sampled_from(attributes), max_size=6, unique=True)) if attributes else []
    kwargs = {a.python: draw(attribute_values(element, a, dialect)) for a in chosen}
    if element.text is not None and (element.text_required or draw(st.booleans())):
        kwargs[element.text] = draw(text_values(element))
    if name == "Message":  # a message needs a body or media (LAML213): it always gets a body as text
        kwargs[element.text] = draw(REQUIRED_TEXT)
    return kwargs


def add_element(draw: st.DrawFn, parent: laml.TwiML, name: str, dialect: DialectName, depth: int) -> None:
    """Create *name* under *parent* through the parent's builder method, then fill it recursively."""
    element = ELEMENTS[name]
    child = getattr(parent, element.builder_method)(**draw(element_calls(name, dialect)))
    if depth >= MAX_DEPTH:
        return
    choices = allowed_children(element, dialect)
    if not choices:
        return
    if name == "Dial" and dialect == "laml" and "Sip" in choices:
        # LAML207: SignalWire dials either <Sip> nouns only or no <Sip> at all.
        choices = ["Sip"] if draw(st.booleans()) else [c for c in choices if c != "Sip"]
    for child_name in draw(st.lists(st.sampled_from(choices), max_size=MAX_CHILDREN)):
        add_element(draw, child, child_name, dialect, depth + 1)


@st.composite
def documents(draw: st.DrawFn, dialect: DialectName) -> laml.TwiML:
    """A valid document for *dialect*: a root, verbs in a runnable order, each filled recursively.

    Terminal verbs (Hangup, Redirect, Reject) only come last, and a voice <Reject> only alone (LAML201/202).
    """
    kind = draw(st.sampled_from(["voice", "voice", "voice", "voice", "messaging", "fax"]))  # voice is richest
    root_element = ROOTS[kind]
    root = CLASSES[root_element.name]()
    choices = allowed_children(root_element, dialect)
    ordinary = [c for c in choices if c not in TERMINAL]
    terminal = [c for c in choices if c in TERMINAL]
    verbs = draw(st.lists(st.sampled_from(ordinary), max_size=4)) if ordinary else []
    if terminal and draw(st.booleans()):
        last = draw(st.sampled_from(terminal))
        if not (last == "Reject" and kind == "voice" and verbs):
            verbs.append(last)
    for name in verbs:
        add_element(draw, root, name, dialect, 1)
    return root


def canonical(xml: str) -> bytes:
    """C14N 2.0 form of a document."""
    return etree.tostring(etree.fromstring(xml.encode("utf-8")), method="c14n2")


def assert_known_codes(diagnostics: list[laml.Diagnostic]) -> None:
    """Every diagnostic has a published code and that code's default severity."""
    for diagnostic in diagnostics:
        assert diagnostic.code in laml.CODES, diagnostic
        assert diagnostic.severity is laml.CODES[diagnostic.code][0], diagnostic
        assert diagnostic.line >= 1
        assert diagnostic.col >= 1


# ---- properties --------------------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", list(DIALECTS))
@PROFILE
@given(data=st.data())
def test_generated_documents_validate_clean(dialect: DialectName, data: st.DataObject) -> None:
    """A document built from the vocabulary for a dialect, following the platform rules, has no findings."""
    document = str(data.draw(documents(dialect), label="document"))
    assert laml.validate(document, dialect=dialect) == []
    assert laml.validate(document.encode("utf-8"), dialect=dialect, strict=True) == []


@pytest.mark.parametrize("dialect", list(DIALECTS))
@PROFILE
@given(data=st.data())
def test_parse_round_trip(dialect: DialectName, data: st.DataObject) -> None:
    """``str(laml.parse(str(doc)))`` is canonically ``str(doc)``, for text and bytes input."""
    document = str(data.draw(documents(dialect), label="document"))
    assert canonical(str(laml.parse(document))) == canonical(document)
    assert canonical(str(laml.parse(document.encode("utf-8")))) == canonical(document)


@settings(max_examples=150, deadline=None)
@given(source=st.binary(max_size=300), templated=st.booleans(), dialect=st.sampled_from(list(DIALECTS)))
def test_validator_never_raises_on_bytes(source: bytes, templated: bool, dialect: DialectName) -> None:
    """Arbitrary bytes give diagnostics (usually LAML001/005), never an exception."""
    assert_known_codes(laml.validate(source, dialect=dialect, bin=templated))


@settings(max_examples=150, deadline=None)
@given(source=st.text(max_size=300), templated=st.booleans(), dialect=st.sampled_from(list(DIALECTS)))
def test_validator_never_raises_on_text(source: str, templated: bool, dialect: DialectName) -> None:
    """Arbitrary text, including lone surrogates and NULs, gives diagnostics, never an exception."""
    assert_known_codes(laml.validate(source, dialect=dialect, bin=templated))


XML_FRAGMENTS = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "]]>",
    "\x00",
    "\ud800",
    "&amp",
    "&#0;",
    "&bogus;",
    "</Response>",
    "<Response>",
    "<Say>",
    "<!-- c -->",
    "<!--",
    "<?pi x?>",
    "<!DOCTYPE r>",
    "<![CDATA[x]]>",
    "{{",
    "}}",
    "{{{Body}}}",
    "{{#x}}",
    "xmlns:a='b'",
    " a:b='c'",
]


@st.composite
def mutated(draw: st.DrawFn, dialect: DialectName) -> str:
    """A valid document with a few random edits: deleted characters, inserted XML or mustache fragments."""
    text = str(draw(documents(dialect)))
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["delete", "insert", "insert-random", "swap-case", "truncate"]))
        if edit == "delete" and text:
            position = min(position, len(text) - 1)
            text = text[:position] + text[position + 1 :]
        elif edit == "insert":
            text = text[:position] + draw(st.sampled_from(XML_FRAGMENTS)) + text[position:]
        elif edit == "insert-random":
            text = text[:position] + draw(st.text(alphabet=string.printable, max_size=4)) + text[position:]
        elif edit == "swap-case":
            text = text[:position] + text[position:].swapcase()
        else:
            text = text[:position]
    return text


@pytest.mark.parametrize("dialect", list(DIALECTS))
@PROFILE
@given(data=st.data(), templated=st.booleans(), as_bytes=st.booleans())
def test_validator_never_raises_on_mutated_documents(
    dialect: DialectName, data: st.DataObject, templated: bool, as_bytes: bool
) -> None:
    """Edits of valid documents (the realistic kind of broken input) give known diagnostics, never raise."""
    text = data.draw(mutated(dialect), label="mutated")
    source: str | bytes = text.encode("utf-8", errors="surrogatepass") if as_bytes else text
    diagnostics = laml.validate(source, dialect=dialect, bin=templated)
    assert_known_codes(diagnostics)
    strict = laml.validate(source, dialect=dialect, bin=templated, strict=True)
    assert [d.code for d in strict] == [d.code for d in diagnostics]
    assert all(d.severity is laml.Severity.ERROR for d in strict)


def test_pattern_examples_are_accepted_by_their_kind() -> None:
    """The hand-written examples the generator uses are themselves valid for their kind."""
    for kind, examples in PATTERN_EXAMPLES.items():
        for example in examples:
            assert kind.check(example) is None, (kind.label, example)


def test_generator_reaches_every_element() -> None:
    """The generator can produce every element of each dialect (except the always-reported <Sms>)."""
    for dialect in DIALECTS:
        reachable: set[str] = set()
        pending = [root.name for root in ROOTS.values()]
        while pending:
            name = pending.pop()
            if name not in reachable:
                reachable.add(name)
                pending.extend(allowed_children(ELEMENTS[name], dialect))
        expected = {
            name
            for name, element in ELEMENTS.items()
            if in_dialect(element.dialect, dialect) and name not in NEVER_GENERATED
        }
        assert expected <= reachable, sorted(expected - reachable)
