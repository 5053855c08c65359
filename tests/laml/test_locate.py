"""Positions of elements, attributes and text, checked against an independent parser (expat).

Documents are generated with everything that could fool a scanner: comments and CDATA sections holding
``<Say>``, processing instructions, ``>`` and quotes inside attribute values, start tags broken over
lines, self-closing tags, non-ASCII text. expat reports where each start tag begins; the Locator must agree.
"""

from __future__ import annotations

import xml.parsers.expat

from hypothesis import given, settings
from hypothesis import strategies as st

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
    ["", "<!-- <Say> a comment -->", "<![CDATA[<Play>not a tag</Play>]]>", "<?pi <Dial>?>", "\n"]
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


def expat_starts(text: str) -> list[tuple[int, int]]:
    """1-based (line, column) of every start tag, from expat (which counts columns in characters here)."""
    found: list[tuple[int, int]] = []
    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = lambda _name, _attrs: found.append(
        (parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
    )
    parser.Parse(text.encode("utf-8"), True)
    return found


@settings(max_examples=300, deadline=None)
@given(prolog=st.sampled_from(["", '<?xml version="1.0"?>\n', "<!-- top -->\n"]), body=element())
def test_element_positions_match_expat(prolog: str, body: str) -> None:
    text = prolog + body
    root = parse(text.encode("utf-8"), True)
    assert not hasattr(root, "code"), root
    locator = Locator(text, root)
    expected = expat_starts(text)
    # expat's column counts UTF-8 bytes: compare only on lines without non-ASCII characters before it.
    lines = text.split("\n")
    for element_node, (line, col) in zip(root.iter("*"), expected, strict=True):
        if lines[line - 1][: col - 1].isascii():
            assert locator.element(element_node) == (line, col)


def test_attribute_and_text_positions_skip_quoted_values_and_blank_lines() -> None:
    text = "<Response>\n  <Say a=\"x > y\" \n       voice='Polly.Joanna'\n  >\n\n   Hello</Say></Response>"
    root = parse(text.encode(), True)
    locator = Locator(text, root)
    say = root[0]
    assert locator.element(say) == (2, 3)
    assert locator.attribute(say, "a") == (2, 8)
    assert locator.attribute(say, "voice") == (3, 8)
    assert locator.attribute(say, "missing") == (2, 3)
    assert locator.text(say) == (6, 4)


def test_positions_far_down_a_long_document_match_expat() -> None:
    """Past the first start tags the locator switches from one pattern per tag to a single scan."""
    says = "".join(f'\n  <Say voice="v{index}">line {index}</Say>' for index in range(100))
    for text in (f"<Response>{says}\n</Response>", f"<Response><!-- c -->{says}\n</Response>"):
        root = parse(text.encode(), True)
        locator = Locator(text, root)
        elements = list(root.iter("*"))
        assert [locator.element(node) for node in reversed(elements)] == expat_starts(text)[::-1]
        assert locator.attribute(elements[77], "voice") == (78, 8)  # <Say> number 76, on line 78
