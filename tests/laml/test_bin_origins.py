"""Findings that only a bin's rendering shows are reported where the template wrote what they are about.

Expected positions come from expat reading the template itself (``tests/laml/test_locate.py``), and from
which template elements the generator put where; the rules for findings without a node of their own are
checked on documents built to hit them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pystache
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import laml
from laml import bins
from tests.laml.test_locate import expat_expected, line_col

RENDERED = "(rendered with sample voice parameters"


@dataclass(frozen=True)
class Piece:
    """A line of a generated template: its text, how many elements it writes, and which of them (by index
    within the piece) carry a finding only the rendering shows, and where on that element."""

    text: str
    elements: int
    findings: tuple[tuple[int, str], ...] = ()  # (element index, "loop" attribute or "tail")


PIECES = [
    Piece("<Say>{{CallerName}}</Say>", 1),  # renders 6 characters longer, escaped
    Piece("{{#Missing}}<Say>a</Say>\n{{/Missing}}", 1),  # dropped with its line
    Piece("{{#Digits}}\n<Pause/>{{/Digits}}", 1),  # kept; standalone line removed
    Piece('<Play loop="{{Digits}}x">https://e.com/a.mp3</Play>', 1, ((0, "loop"),)),  # loop='1x'
    Piece("<Gather><Say>a</Say> {{Digits}}</Gather>", 2, ((1, "tail"),)),  # text '1' after <Say>
    Piece('{{#Missing}}<Play loop="{{Digits}}x">u</Play>{{/Missing}}', 1),  # never rendered
    Piece('<Pause length="{{CallerName}}"/>', 1, ((0, "length"),)),
]


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=3), min_size=1, max_size=5))
def test_rendered_findings_are_where_expat_puts_them_in_the_template(lines: list[list[Piece]]) -> None:
    text = (
        "<Response>\n"
        + "".join("  " + "".join(p.text for p in line) + "\n" for line in lines)
        + "</Response>"
    )
    expected_at = expat_expected(text)
    expected: list[tuple[int, int]] = []
    element = 1  # the root is element 0; no comments or PIs, so expat's nodes are the elements
    for piece in (piece for line in lines for piece in line):
        for index, where in piece.findings:
            at = element + index
            found = expected_at.tails[at] if where == "tail" else expected_at.attributes[at][where]
            assert found is not None
            expected.append(found)
        element += piece.elements
    diagnostics = laml.validate(text, bin=True)
    reported = [(d.line, d.col) for d in diagnostics if RENDERED in d.message]
    assert sorted(reported) == sorted(expected), [str(d) for d in diagnostics]
    assert [(d.line, d.col) for d in diagnostics] == sorted((d.line, d.col) for d in diagnostics)


def test_a_variable_before_a_finding_on_the_same_line_does_not_shift_it() -> None:
    """The case that was wrong: {{CallerName}} renders as 20 characters, 6 more than the tag."""
    template = '<Response>\n  <Say>{{CallerName}}</Say><Play loop="{{Digits}}x">https://e.com/a.mp3</Play>\n</Response>'
    (found,) = laml.validate(template, bin=True, path="bin.laml")
    assert str(found).startswith(f"bin.laml:2:{template.split(chr(10))[1].index('loop=') + 1}: LAML106 ")


def test_an_element_a_section_leaves_empty_is_reported_at_its_template_tag() -> None:
    template = "<Response>\n  <Message>{{#Missing}}hi{{/Missing}}</Message>\n</Response>"
    (found,) = laml.validate(template, bin=True)
    assert (found.code, found.line, found.col) == ("LAML213", 2, 3)


def test_a_rendering_that_is_not_well_formed_is_reported_at_the_last_template_tag_before_the_failure() -> (
    None
):
    """No tree, so no node: the failure (here in the sample Body's markup) is placed at the template start
    tag that opened last before it, and the message keeps the rendered position."""
    template = "<Response>\n<Message>\n  {{{Body}}}</Message></Response>"
    rendered = pystache.render(template, bins.SAMPLE_MESSAGING_PARAMETERS)
    (as_rendered,) = laml.validate(rendered)
    failure = laml.validate(template, bin=True)[0]
    assert (failure.code, failure.line, failure.col) == ("LAML001", 2, 1)
    assert failure.message.endswith(f"; at {as_rendered.line}:{as_rendered.col} of the rendered text)")
    assert as_rendered.line == 3


def test_a_rendering_too_large_to_parse_is_reported_at_the_start() -> None:
    template = "<Response><Say>" + "{{CallerName}}" * 4000 + "</Say></Response>"  # 56 kB renders as 80 kB
    (found,) = [d for d in laml.validate(template, bin=True) if d.code == "LAML004"]
    assert (found.line, found.col) == (1, 1)
    assert RENDERED in found.message


@pytest.mark.parametrize(
    ("digits", "code"),
    [("<Sya>1</Sya>", "LAML102"), ("<?php echo 1; ?>", "LAML003")],
)
def test_markup_a_value_carries_in_is_reported_at_the_enclosing_template_element(
    digits: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample values' markup never closes; a value that does yields nodes no template tag wrote."""
    monkeypatch.setitem(bins.SAMPLE_VOICE_PARAMETERS, "Digits", digits)
    template = "<Response>\n  <Pause/><Say>\n    {{{Digits}}}</Say>\n</Response>"
    found = [d for d in laml.validate(template, bin=True) if d.code == code]
    assert [(d.line, d.col) for d in found] == [line_col(template, template.index("<Say>"))]
