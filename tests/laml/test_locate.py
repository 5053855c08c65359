"""Positions of elements, attributes, text and tails, checked against an independent parser (expat).

Documents are generated with everything that could fool a locator: comments and CDATA sections holding
``<Say>``, processing instructions, ``>`` and quotes inside attribute values, start tags broken over lines,
several tags on one line, self-closing tags, entities and non-ASCII text. expat reports where each start tag,
comment, PI and run of character data begins; attribute names are found in the raw start tag that expat
delimits, by a character-by-character scan that shares nothing with the locator's regular expressions.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import laml
from laml._locate import Locator
from laml._parsing import parse

NAMES = st.sampled_from(["Response", "Say", "Play", "Dial", "Number", "x:y", "_p"])
SPACE = st.sampled_from([" ", "\n", "\t ", " \r\n  "])
VALUE = st.text(st.sampled_from("ab >/='\"\n<é"), max_size=6).map(
    lambda v: '"' + v.replace('"', "&quot;").replace("<", "&lt;") + '"'
)
TEXT = st.text(st.sampled_from("ab <>&é\n"), max_size=8).map(
    lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
)
NOISE = st.sampled_from(
    [
        "",
        "<!-- <Say> a comment -->",
        "<!--\n<Say>\n-->",
        "<![CDATA[<Play>not a tag</Play>]]>",
        "<![CDATA[ ]]>",
        "<?pi <Dial>?>",
        "\n",
    ]
)


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    name = draw(NAMES)
    attributes = draw(
        st.lists(
            st.tuples(SPACE, st.sampled_from(["a", "b", "voice"]), VALUE),
            max_size=3,
            unique_by=lambda t: t[1],
        )
    )
    start = (
        "<"
        + name
        + "".join(f"{space}{key}={value}" for space, key, value in attributes)
        + (' xmlns:x="urn:x"' if name.startswith("x:") else "")
        + draw(st.sampled_from(["", " ", "\n"]))
    )
    if depth >= 3 or draw(st.booleans()):
        return start + "/>"
    children = draw(st.lists(element(depth + 1), max_size=3))
    inner = draw(TEXT) + "".join(draw(NOISE) + child + draw(TEXT) for child in children) + draw(NOISE)
    return f"{start}>{inner}</{name}>"


DOCUMENTS = st.tuples(
    st.sampled_from(["", '<?xml version="1.0"?>\n', "<!-- top -->\n", "<?pi x?>"]), element()
).map("".join)


@dataclass
class Expected:
    """Where expat says each node starts, and the first non-blank character of each text and tail."""

    starts: list[tuple[int, int]] = field(default_factory=list)  # elements, comments, PIs in document order
    attributes: list[dict[str, tuple[int, int]]] = field(default_factory=list)  # per node, by source name
    texts: list[tuple[int, int] | None] = field(default_factory=list)  # per node: its text (elements)
    tails: list[tuple[int, int] | None] = field(default_factory=list)  # per node: the text after it


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = 1 + sum(1 for char in text[:offset] if char == "\n")
    last_break = max((i for i, char in enumerate(text[:offset]) if char == "\n"), default=-1)
    return line, offset - last_break


def attribute_names(tag: str) -> dict[str, int]:
    """Attribute name → its offset in the start tag *tag* begins with, walking one character at a time."""
    found: dict[str, int] = {}
    at = 1
    while at < len(tag) and tag[at] not in " \t\r\n/>":
        at += 1  # the element's name
    while True:
        while tag[at] in " \t\r\n":
            at += 1
        if tag[at] in "/>":
            return found
        name_start = at
        while tag[at] not in " \t\r\n=":
            at += 1
        found[tag[name_start:at]] = name_start
        at = tag.index("=", at) + 1
        while tag[at] in " \t\r\n":
            at += 1
        at = tag.index(tag[at], at + 1) + 1  # past the closing quote


def expat_expected(text: str) -> Expected:
    """Positions of every node, attribute, text and tail according to expat, in document order."""
    data = text.encode("utf-8")
    parser = xml.parsers.expat.ParserCreate()
    events: list[tuple[str, int, str]] = []  # (kind, byte offset, character data)

    def record(kind: str, chars: str = "") -> None:
        events.append((kind, parser.CurrentByteIndex, chars))

    parser.StartElementHandler = lambda _name, _attrs: record("start")
    parser.EndElementHandler = lambda _name: record("end")
    parser.CommentHandler = lambda _data: record("node")
    parser.ProcessingInstructionHandler = lambda _target, _data: record("node")
    parser.CharacterDataHandler = lambda chars: record("data", chars)
    parser.StartCdataSectionHandler = lambda: record("cdata")
    parser.EndCdataSectionHandler = lambda: record("cdata")
    parser.Parse(data, True)

    def char_offset(byte_offset: int) -> int:
        return len(data[:byte_offset].decode("utf-8"))

    def first_text(index: int) -> tuple[int, int] | None:
        """The first non-blank character in the character data following event *index*."""
        for kind, byte_offset, chars in events[index + 1 :]:
            if kind not in ("data", "cdata"):
                return None
            for i, char in enumerate(chars):
                if not char.isspace():
                    return line_col(text, char_offset(byte_offset) + i)
        return None

    expected = Expected()
    open_nodes: list[int] = []
    for index, (kind, byte_offset, _chars) in enumerate(events):
        if kind in ("start", "node"):
            offset = char_offset(byte_offset)
            expected.starts.append(line_col(text, offset))
            names = attribute_names(text[offset:]) if kind == "start" else {}
            expected.attributes.append({name: line_col(text, offset + at) for name, at in names.items()})
            expected.texts.append(first_text(index) if kind == "start" else None)
            expected.tails.append(None if kind == "start" else first_text(index))
            if kind == "start":
                open_nodes.append(len(expected.starts) - 1)
        elif kind == "end":
            expected.tails[open_nodes.pop()] = first_text(index)
    return expected


def document_order(root: etree._Element) -> list[etree._Element]:
    return [*reversed(list(root.itersiblings(preceding=True))), *root.iter(), *root.itersiblings()]


def source_name(node: etree._Element, name: str) -> str:
    """How an attribute lxml names ``{uri}local`` is written in this test's documents."""
    return "x:" + name.split("}")[1] if name.startswith("{") else name


@settings(max_examples=400, deadline=None)
@given(text=DOCUMENTS)
def test_every_position_matches_expat(text: str) -> None:
    root = parse(text.encode("utf-8"), True, keep_whitespace=False)
    assert isinstance(root, etree._Element), root
    locator = Locator(text, root)
    expected = expat_expected(text)
    nodes = document_order(root)
    assert len(nodes) == len(expected.starts)
    # Reversed: lookups far down a document first, then near the top, as findings may come in any order.
    for index in reversed(range(len(nodes))):
        node = nodes[index]
        assert locator.locate(node, "element") == expected.starts[index]
        for name in node.attrib:
            assert (
                locator.locate(node, "attribute", str(name))
                == expected.attributes[index][source_name(node, str(name))]
            )
        if (node.text or "").strip() and isinstance(node.tag, str):
            assert locator.locate(node, "text") == expected.texts[index]
        if (node.tail or "").strip():
            assert locator.locate(node, "tail") == expected.tails[index]


def test_attribute_and_text_positions_skip_quoted_values_and_blank_lines() -> None:
    text = "<Response>\n  <Say a=\"x > y\" \n       voice='Polly.Joanna'\n  >\n\n   Hello</Say></Response>"
    root = parse(text.encode(), True)
    locator = Locator(text, root)
    say = root[0]
    assert locator.locate(say, "element") == (2, 3)
    assert locator.locate(say, "attribute", "a") == (2, 8)
    assert locator.locate(say, "attribute", "voice") == (3, 8)
    assert locator.locate(say, "attribute", "missing") == (2, 3)
    assert locator.locate(say, "text") == (6, 4)


def test_positions_far_down_a_long_document_match_expat() -> None:
    says = "".join(f'\n  <Say voice="v{index}">line {index}</Say>' for index in range(100))
    for text in (
        f"<Response>{says}\n</Response>",
        f"<Response><!-- c -->{says}\n</Response>",
        f"<Response>{says.replace(chr(10), '')}</Response>",
    ):
        root = parse(text.encode(), True)
        locator = Locator(text, root)
        nodes = document_order(root)
        assert [locator.locate(node, "element") for node in reversed(nodes)] == expat_expected(text).starts[
            ::-1
        ]


# ---- the validator's findings land where expat says the thing they report is ----------------------------

TAIL = st.sampled_from(["", "\n  ", " stray ", "\n é&amp;x", "<![CDATA[ ]]> cdata"])
GAP = st.sampled_from([" ", "\n    "])
CHILD = st.one_of(
    st.tuples(
        st.lists(
            st.sampled_from(
                ['voice="alice"', 'lenguage="en"', 'loop="x"', 'voice="Google.en-US-Standard-C"']
            ),
            unique_by=lambda attribute: attribute.split("=")[0],
            max_size=3,
        ),
        GAP,
    ).map(lambda t: "<Say" + "".join(t[1] + a for a in t[0]) + ">hi</Say>"),
    st.tuples(
        st.lists(
            st.sampled_from(['length="2"', 'lenght="2"', 'length="x"']),
            unique_by=lambda attribute: attribute.split("=")[0],
            max_size=2,
        ),
        GAP,
        st.sampled_from(["/>", "> </Pause>", ">wait</Pause>"]),
    ).map(lambda t: "<Pause" + "".join(t[1] + a for a in t[0]) + t[2]),
    st.just("<Foo/>"),
    st.just("<?php x?>"),
    st.just("<!-- <Foo/> -->"),
    st.just("<Dial><Client>a</Client></Dial>"),
    st.sampled_from(['<Dial sequential="true"/>', '<Dial\n  timeout="5" sequential="true"\n/>']),
    st.sampled_from(
        ['<Start><Stream url="wss://e.com/s?id=1"/></Start>', '<Start><Stream\n url="ws://e.com"/></Start>']
    ),
)
VOICE_DOCUMENTS = st.tuples(
    st.sampled_from(["", "<!-- top -->\n", "<?pi x?>\n"]),
    TAIL,
    st.lists(st.tuples(CHILD, TAIL), min_size=1, max_size=6),
).map(lambda t: t[0] + "<Response>" + t[1] + "".join(child + tail for child, tail in t[2]) + "\n</Response>")


def expected_findings(text: str) -> dict[str, list[tuple[int, int]]]:
    """code → where each of its findings must be, from expat and the document's own shape."""
    root = parse(text.encode(), True, keep_whitespace=False)
    assert isinstance(root, etree._Element)
    expected = expat_expected(text)
    found: dict[str, list[tuple[int, int]]] = {}
    for index, node in enumerate(document_order(root)):
        tag = node.tag if isinstance(node.tag, str) else ""
        where = found.setdefault
        if isinstance(node, etree._ProcessingInstruction):
            where("LAML003", []).append(expected.starts[index])
        if tag == "Foo":
            where("LAML102", []).append(expected.starts[index])
        if tag == "Client":
            where("LAML210", []).append(expected.starts[index])
        if tag in ("Response", "Pause") and (node.text or "").strip():
            where("LAML104", []).append(expected.texts[index])
        if node.getparent() is root and (node.tail or "").strip():
            where("LAML104", []).append(expected.tails[index])
        for name, value in node.items():
            if name in ("lenguage", "lenght"):
                where("LAML105", []).append(expected.attributes[index][name])
            if value == "x":
                where("LAML106", []).append(expected.attributes[index][name])
            if value.startswith("Google."):
                where("LAML211", []).append(expected.attributes[index][name])
            if name == "sequential":
                where("LAML210", []).append(expected.attributes[index][name])
            if tag == "Stream":
                where("LAML208", []).append(expected.attributes[index][name])
    return found


@settings(max_examples=300, deadline=None)
@given(text=VOICE_DOCUMENTS)
def test_each_finding_is_where_expat_puts_what_it_reports(text: str) -> None:
    diagnostics = laml.validate(text)
    reported: dict[str, list[tuple[int, int]]] = {}
    for diagnostic in diagnostics:
        reported.setdefault(diagnostic.code, []).append((diagnostic.line, diagnostic.col))
    assert {code: sorted(at) for code, at in reported.items()} == {
        code: sorted(at) for code, at in expected_findings(text).items()
    }
    assert diagnostics == sorted(diagnostics, key=lambda d: (d.line, d.col, d.code))


def test_text_after_a_child_is_reported_where_it_starts() -> None:
    """The issue's example: stray text after <Say> is on line 3, column 2, not at the document's start."""
    (diagnostic,) = laml.validate("<Response>\n <Say>a</Say>\n stray text here\n</Response>\n")
    assert (diagnostic.line, diagnostic.col, diagnostic.code) == (3, 2, "LAML104")


WORDS = st.sampled_from(["hi", " ", "\n", "é", "{{Digits}}", "{{{Body}}}", "{{& From}}", "{{! note }}"])


@settings(max_examples=200, deadline=None)
@given(says=st.lists(st.lists(WORDS, max_size=6).map("".join), min_size=1, max_size=4))
def test_mustache_findings_are_where_their_tag_starts(says: list[str]) -> None:
    text = "<Response>\n" + "".join(f"  <Say>{say}</Say>\n" for say in says) + "</Response>"
    unescaped = [line_col(text, at) for at in range(len(text)) if text.startswith(("{{{", "{{&"), at)]
    reported = [(d.line, d.col) for d in laml.validate(text, bin=True) if d.code == "LAML302"]
    assert sorted(reported) == unescaped
