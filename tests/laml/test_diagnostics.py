"""One failing document per diagnostic code, with the exact position a user would be sent to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import laml
from laml.diagnostics import CODES, PLATFORM_CODES

LONG = "word " * 1000  # 5,000 characters

#: code → (document, validate() keyword arguments, expected "line:col" of the first finding with that code)
CASES: dict[str, tuple[str, dict[str, object], str]] = {
    "LAML001": ("<Response>\n  <Say>hi</Response>", {}, "2:21"),  # where libxml2 notices the mismatch
    "LAML002": ('<?xml version="1.0"?>\n<!DOCTYPE Response>\n<Response/>', {}, "2:1"),
    "LAML003": ("<Response>\n  <?php echo 1; ?>\n</Response>", {}, "2:3"),
    "LAML004": ("<Response><Say>" + "x" * 70_000 + "</Say></Response>", {}, "1:1"),
    "LAML005": (b"<Response>\n<Say>caf\xe9</Say></Response>", {}, "2:9"),  # type: ignore[dict-item]
    "LAML101": ("<response>\n  <Say>hi</Say>\n</response>", {}, "1:1"),
    "LAML102": ("<Response>\n  <Sya>hi</Sya>\n</Response>", {}, "2:3"),
    "LAML103": ("<Response>\n  <Gather><Dial>+15551234567</Dial></Gather>\n</Response>", {}, "2:11"),
    "LAML104": ("<Response>\n  <Gather>Press 1</Gather>\n</Response>", {}, "2:11"),
    "LAML105": ('<Response>\n  <Say lenguage="en-US">hi</Say>\n</Response>', {}, "2:8"),
    "LAML106": ('<Response>\n  <Gather\n     numDigits="many"/>\n</Response>', {}, "3:6"),
    "LAML107": ("<Response>\n  <Dial><Number></Number></Dial>\n</Response>", {}, "2:9"),
    "LAML108": ("<Response>\n  <Denoise>maybe</Denoise>\n</Response>", {}, "2:12"),
    "LAML201": ("<Response>\n  <Hangup/>\n  <Say>bye</Say>\n</Response>", {}, "3:3"),
    "LAML202": ("<Response>\n  <Pause/>\n  <Reject/>\n</Response>", {}, "3:3"),
    "LAML203": (
        f'<Response>\n  <Say voice="Polly.Joanna">{LONG}</Say>\n</Response>',
        {"dialect": "twiml"},
        "2:3",
    ),
    "LAML204": (f"<Response>\n  <Message>{'x' * 1601}</Message>\n</Response>", {}, "2:3"),
    "LAML205": (
        "<Response><Message>\n" + "<Media>https://e.com/a.png</Media>\n" * 11 + "</Message></Response>",
        {},
        "12:1",
    ),
    "LAML206": (
        "<Response><Dial>\n" + "<Number>+15551234567</Number>\n" * 11 + "</Dial></Response>",
        {},
        "12:1",
    ),
    "LAML207": (
        "<Response><Dial>\n<Sip>sip:a@example.com</Sip>\n<Number>+15551234567</Number>\n</Dial></Response>",
        {},
        "3:1",
    ),
    "LAML208": ('<Response><Start>\n  <Stream url="wss://e.com/s?id=1"/>\n</Start></Response>', {}, "2:11"),
    "LAML209": ("<Response>\n  <Sms>hello</Sms>\n</Response>", {}, "2:3"),
    "LAML210": ("<Response>\n  <Dial><Client>alice</Client></Dial>\n</Response>", {}, "2:9"),
    "LAML211": ('<Response>\n  <Say voice="Google.en-US-Standard-C">hi</Say>\n</Response>', {}, "2:8"),
    "LAML212": ("<Response>\n  <Denoise>on</Denoise>\n</Response>", {"dialect": "twiml"}, "2:3"),
    "LAML213": ("<Response>\n  <Message/>\n</Response>", {}, "2:3"),
    "LAML301": ("<Response>\n  {{#Digits}}<Say>x</Say>\n</Response>", {"bin": True}, "2:3"),
    "LAML302": ("<Response>\n  <Say>{{{Body}}}</Say>\n</Response>", {"bin": True}, "2:8"),
    "LAML303": ("<Response>\n  {{#if Digits}}<Say>x</Say>{{/if}}\n</Response>", {"bin": True}, "2:3"),
    "LAML304": ("<Response>\n" + "{{#a}}" * 33 + "{{/a}}" * 33 + "</Response>", {"bin": True}, "2:193"),
}


def test_every_code_has_a_failing_document() -> None:
    # LAML006 is about sw-migrate's suppression comments: the CLI reports it (tests/test_suppression_codes.py)
    assert set(CASES) == set(CODES) - {"LAML006"}


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_is_reported_at_the_right_place(code: str) -> None:
    source, options, where = CASES[code]
    diagnostics = laml.validate(source, path="doc.xml", **options)  # type: ignore[arg-type]
    found = [d for d in diagnostics if d.code == code]
    assert found, f"{code} not reported; got {[str(d) for d in diagnostics]}"
    assert f"{found[0].line}:{found[0].col}" == where
    assert found[0].severity is CODES[code][0]
    assert str(found[0]).startswith(f"doc.xml:{where}: {code} ")
    assert (found[0].platform_code is not None) == (code in PLATFORM_CODES and "" in PLATFORM_CODES[code])


def test_strict_turns_warnings_into_errors() -> None:
    source = '<Response><Say lenguage="en-US">hi</Say></Response>'
    assert [d.severity for d in laml.validate(source)] == [laml.Severity.WARNING]
    assert [d.severity for d in laml.validate(source, strict=True)] == [laml.Severity.ERROR]


@pytest.mark.parametrize(
    ("source", "fix"),
    [
        ('<Response><Say lenguage="en-US">hi</Say></Response>', "language"),
        ('<Response><Say voice="Google.en-US-Wavenet-D">hi</Say></Response>', "gcloud.en-US-Wavenet-D"),
        ("<Response><say>hi</say></Response>", "<Say>"),
        ('<Response><Start><Stream url="wss://e.com/s?x=1"/></Start></Response>', "wss://e.com/s"),
        ("<Response>{{#unless Digits}}<Hangup/>{{/unless}}</Response>", "{{^Digits}}...{{/Digits}}"),
    ],
)
def test_findings_carry_a_suggested_fix(source: str, fix: str) -> None:
    diagnostics = laml.validate(source, bin="{{" in source)
    assert fix in [d.fix for d in diagnostics]


def test_dialects_disagree_exactly_where_the_platforms_do() -> None:
    twilio_only = '<Response><Dial sequential="true"><Number>+15551234567</Number></Dial></Response>'
    signalwire_only = (
        '<Response><Dial caller_name="x"><Verto>a@b.verto.signalwire.com</Verto></Dial></Response>'
    )
    assert [d.code for d in laml.validate(twilio_only, dialect="twiml")] == []
    assert [d.code for d in laml.validate(twilio_only, dialect="laml")] == ["LAML210"]
    assert [d.code for d in laml.validate(signalwire_only, dialect="laml")] == [
        "LAML105"
    ]  # caller_name: typo
    assert "LAML212" in [d.code for d in laml.validate(signalwire_only, dialect="twiml")]


def test_readme_documents_every_code() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    documented = dict(re.findall(r"^\| (LAML\d{3}) \| (error|warning) \|", readme, flags=re.MULTILINE))
    assert documented == {code: severity.value for code, (severity, _title) in CODES.items()}
