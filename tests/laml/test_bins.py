"""LaML Bins: mustache layer, raw template, and the template rendered with sample parameters."""

from __future__ import annotations

from pathlib import Path

import laml
from tests.conftest import PROJECT


def bin_codes(source: str, dialect: str = "laml") -> list[str]:
    return [d.code for d in laml.validate(source, bin=True, dialect=dialect)]  # type: ignore[arg-type]


def test_clean_bin_with_sections_and_variables() -> None:
    source = (
        "<Response>\n  {{#Digits}}<Say>You pressed {{Digits}}.</Say>{{/Digits}}\n"
        '  {{^Digits}}<Gather numDigits="1" action="{{RequestUrl}}"/>{{/Digits}}\n</Response>'
    )
    assert bin_codes(source) == []


def test_templated_attribute_values_are_checked_after_rendering() -> None:
    """timeout="{{Digits}}" cannot be judged raw; rendered with the sample Digits ("1") it is too short."""
    diagnostics = laml.validate(
        '<Response><Dial timeout="{{Digits}}">+15551234567</Dial></Response>', bin=True
    )
    assert [d.code for d in diagnostics] == []
    diagnostics = laml.validate('<Response><Echo timeout="{{Digits}}"/></Response>', bin=True)
    assert [d.code for d in diagnostics] == ["LAML106"]
    assert "rendered with sample voice parameters" in diagnostics[0].message


def test_escaped_body_cannot_inject_xml_but_triple_mustache_can() -> None:
    assert bin_codes("<Response><Message>{{Body}}</Message></Response>") == []
    unsafe = laml.validate("<Response><Message>{{{Body}}}</Message></Response>", bin=True)
    assert [d.code for d in unsafe] == ["LAML001", "LAML302"]  # at <Message> (see test_bin_origins.py)
    # the sample Body "Hi <Response> & ..." really did break the rendered document
    assert "rendered with sample messaging parameters" in unsafe[0].message


def test_handlebars_if_else_gets_the_mustache_rewrite() -> None:
    diagnostics = laml.validate(
        "<Response>{{#if Digits}}<Hangup/>{{else}}<Pause/>{{/if}}</Response>", bin=True
    )
    assert [d.code for d in diagnostics] == ["LAML303", "LAML303"]
    assert diagnostics[0].fix == "{{#Digits}}...{{/Digits}} (and {{^Digits}}...{{/Digits}} for else)"


def test_helpers_are_flagged() -> None:
    assert bin_codes("<Response><Say>{{formatDate Timestamp}}</Say></Response>") == ["LAML303"]


def test_unbalanced_sections_name_both_ends() -> None:
    diagnostics = laml.validate("<Response>\n{{#a}}\n<Say>x</Say>\n{{/b}}\n</Response>", bin=True)
    assert [(d.code, d.line) for d in diagnostics] == [("LAML301", 4)]
    assert "opened on line 2" in diagnostics[0].message
    assert bin_codes("<Response>{{/a}}</Response>") == ["LAML301"]
    assert bin_codes("<Response><Say>{{From</Say></Response>") == ["LAML301"]


def test_mustache_in_element_names_is_not_well_formed() -> None:
    assert bin_codes("<Response><{{verb}}>x</{{verb}}></Response>") == ["LAML001"]


def test_messaging_bins_render_with_messaging_parameters() -> None:
    diagnostics = laml.validate("<Response><Message>{{Body}}{{Digits}}</Message></Response>", bin=True)
    assert diagnostics == []


def test_bundled_sample_bins() -> None:
    good = (PROJECT / "samples" / "bins" / "after-hours.laml").read_bytes()
    bad = Path(PROJECT / "samples" / "bins" / "twilio-handlebars.laml").read_bytes()
    assert laml.validate(good, bin=True) == []
    assert {"LAML302", "LAML303"} <= {d.code for d in laml.validate(bad, bin=True)}
