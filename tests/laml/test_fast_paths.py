"""The validator's fast paths never hide a finding.

Speed comes from cheap tests that let most values and elements skip the full check: each value kind has a
compiled ``accepts``, attribute rules only run for values their ``suspects`` pattern matches, element rules
only run past a child count or text length. These properties pin each shortcut to an independent statement
of what it stands for, on hostile and near-miss inputs as well as ordinary ones.
"""

from __future__ import annotations

import codecs
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import laml
from laml import _kinds
from laml._parsing import encoding_of
from laml._rules import ATTRIBUTE_RULES
from laml._walk import Walk
from laml.validator import _CHECKERS
from laml.vocabulary import ELEMENTS

PROFILE = settings(max_examples=300, deadline=None)
KINDS = sorted(
    {
        kind
        for element in ELEMENTS.values()
        for kind in (element.text_kind, *(attribute.kind for attribute in element.attributes))
        if not isinstance(kind, _kinds.Text | _kinds.Url)
    },
    key=repr,
)
#: Whitespace as str.strip() sees it, including the odd separators, around and inside values.
SPACES = st.text(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000"), max_size=3)


def padded(core: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(SPACES, core, SPACES).map("".join)


def near_values(kind: _kinds.ValueKind) -> st.SearchStrategy[str]:
    """Values that the kind accepts, and ones that nearly pass: wrong case, extra separators, junk."""
    if isinstance(kind, _kinds.Choice):
        item = st.sampled_from(kind.values).flatmap(
            lambda v: st.sampled_from([v, v.upper(), v.title(), v + "x"])
        )
        joined = st.lists(item, max_size=3).flatmap(
            lambda items: st.sampled_from([",", " ", ", ", ",,"]).map(lambda sep: sep.join(items))
        )
        return padded(joined)
    if isinstance(kind, _kinds.Integer):
        odd = st.sampled_from(["1_0", "+5", "\u0663", "0x1", "1.0", " 7 "])
        numbers = st.integers(kind.low - 2, kind.high + 2).map(str)
        return padded(st.one_of(numbers, st.sampled_from(kind.extra or ("x",)), odd))
    if isinstance(kind, _kinds.Pattern):
        return padded(st.from_regex(kind.regex, fullmatch=True))
    return padded(st.one_of(st.from_regex(r"[0-9]{1,3}(\.[0-9]{0,2})?", fullmatch=True), st.just("\u0663.5")))


def reference_accepts(kind: _kinds.ValueKind, value: str) -> bool:
    """What each kind means, written plainly (strip, then compare), independent of the compiled tests."""
    if isinstance(kind, _kinds.Choice):
        allowed = set(kind.values) if kind.case_sensitive else {v.lower() for v in kind.values}
        text = value if kind.case_sensitive else value.lower()
        if not kind.multi:
            return text.strip() in allowed
        items = text.replace(",", " ").split()
        return bool(items) and all(item in allowed for item in items)
    if isinstance(kind, _kinds.Integer):
        text = value.strip()
        return text in kind.extra or (
            text.isascii() and text.isdigit() and kind.low <= int(text) <= kind.high
        )
    if isinstance(kind, _kinds.Pattern):
        return re.fullmatch(kind.regex, value.strip()) is not None
    assert isinstance(kind, _kinds.Decimal)
    return re.fullmatch(r"[0-9]+(\.[0-9]+)?", value.strip()) is not None


@pytest.mark.parametrize("kind", KINDS, ids=repr)
@PROFILE
@given(data=st.data())
def test_compiled_value_tests_mean_what_the_kind_says(kind: _kinds.ValueKind, data: st.DataObject) -> None:
    value = data.draw(st.one_of(near_values(kind), st.text(max_size=12)))
    assert bool(kind.accepts(value)) == reference_accepts(kind, value)
    assert (kind.check(value) is None) == reference_accepts(kind, value)


@pytest.mark.parametrize("kind", [k for k in KINDS if isinstance(k, _kinds.Pattern)], ids=repr)
@pytest.mark.parametrize("blank", [" ", "\t \n", "\u3000"])
def test_a_blank_value_is_a_value_only_where_the_kind_allows_empty(kind: _kinds.Pattern, blank: str) -> None:
    """Once seen flaky: the postal-code kind ``[A-Za-z0-9 \\-]+`` took ``' '``, which strips to nothing."""
    means_empty = re.fullmatch(kind.regex, "") is not None
    assert bool(kind.accepts(blank)) is means_empty
    assert (kind.check(blank) is None) is means_empty


URLS = st.from_regex(
    r"(?i:wss|ws|https?|)(://|:/|:)[a-z.@:0-9]{0,12}(/[a-z ?]{0,6})?(\?[a-z=&]{0,6})?(#[a-z?]{0,4})?",
    fullmatch=True,
)
VOICES = st.from_regex(
    r"(?i:google|gcloud|polly|alice)?\.?[A-Za-z\-]{0,10}(-Generative|-Neural)?", fullmatch=True
)
SUSPECT_VALUES = {("Say", "voice"): VOICES, ("Stream", "url"): URLS}


@pytest.mark.parametrize("dialect", ["laml", "twiml"])
@pytest.mark.parametrize("rule_key", sorted(ATTRIBUTE_RULES), ids="/".join)
@PROFILE
@given(data=st.data())
def test_attribute_rules_only_skip_values_they_would_not_report(
    dialect: str, rule_key: tuple[str, str], data: st.DataObject
) -> None:
    value = data.draw(st.one_of(padded(SUSPECT_VALUES[rule_key]), st.text(max_size=12)))
    rule = ATTRIBUTE_RULES[rule_key]
    walk = Walk(dialect, False, _CHECKERS[dialect, False])  # type: ignore[arg-type]
    rule.check(etree.Element(rule_key[0]), value, walk)
    if not rule.suspects[dialect].match(value):
        assert walk.findings == []


@pytest.mark.parametrize(
    ("document", "code"),
    [
        ('<Response><Say voice="Polly.Joanna">{}</Say></Response>', "LAML203"),
        ("<Response><Message>{}</Message></Response>", "LAML204"),
        ("<Response><Message><Body>{}</Body></Message></Response>", "LAML204"),
    ],
)
def test_length_rules_fire_exactly_past_the_limit(document: str, code: str) -> None:
    limit = 3000 if code == "LAML203" else 1600
    at_limit = document.format("a" * limit)
    past_limit = document.format("a" * (limit + 1))
    assert code not in {d.code for d in laml.validate(at_limit, dialect="twiml")}
    assert code in {d.code for d in laml.validate(past_limit, dialect="twiml")}


def encoding_by_the_general_rule(data: bytes) -> str:
    """XML 1.0 appendix F for a document starting with "<" and a byte other than NUL, written independently:
    the declaration's encoding (UTF-16/32 labels ignored), UTF-8 without one."""
    declaration = re.match(
        rb"<\?xml\s+version\s*=\s*(\"[^\"]*\"|'[^']*')\s+encoding\s*=\s*(\"|')([^\"']*)\2", data
    )
    if declaration is None or not re.fullmatch(rb"[A-Za-z][\w.:-]*", declaration.group(3)):
        return "utf-8"
    name = declaration.group(3).decode("ascii")
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return name
    return "utf-8" if canonical.startswith(("utf-16", "utf-32")) else canonical


@PROFILE
@given(
    version=st.sampled_from(['version="1.0"', "version='1.0'", 'version = "1.1"']),
    encoding=st.sampled_from(
        ["UTF-8", "utf-8", "utf8", "ISO-8859-1", "UTF-16", "utf-7", "x-bogus", "UTF-8x", ""]
    ),
    quote=st.sampled_from(['"', "'"]),
    rest=st.sampled_from(["?><Response/>", " standalone='yes'?>\n<Response/>"]),
    declared=st.booleans(),
)
def test_the_common_encoding_cases_decide_as_the_general_rule(
    version: str, encoding: str, quote: str, rest: str, declared: bool
) -> None:
    """encoding_of decides documents that start with "<" without its signature table (and the commonest
    UTF-8 declarations by their prefix): the answer must be the general rule's."""
    data = (
        f"<?xml {version} encoding={quote}{encoding}{quote}{rest}" if declared else "<Response/>"
    ).encode()
    assert encoding_of(data) == encoding_by_the_general_rule(data)
