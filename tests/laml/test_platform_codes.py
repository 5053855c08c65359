"""Findings carry the platform's own error code (the spec's "Error codes" table) where one applies.

One document per cited code, checked through what a user sees: the diagnostic's field, the text line and the
JSON that ``sw-migrate validate`` prints. The codes' meanings come from ``migrate.contract``, never from here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import laml
from laml.diagnostics import CODES, PLATFORM_CODES
from migrate.cli import main
from migrate.contract import error_code, error_codes

MEDIA = "<Media>https://example.com/a.png</Media>"

#: platform code → (document, the LAML code that must carry it, its line:col)
CASES = {
    12100: ("<Response>\n  <Say>hi</Response>", "LAML001", "2:21"),
    13221: (
        '<Response><Dial>\n  <Number method="PUT">+15551234567</Number>\n</Dial></Response>',
        "LAML106",
        "2:11",
    ),
    21602: ("<Response>\n  <Message></Message>\n</Response>", "LAML213", "2:3"),
    21617: (f"<Response>\n  <Message>{'x' * 1601}</Message>\n</Response>", "LAML204", "2:3"),
    21620: (
        "<Response><Message>\n  <Media>ftp://example.com/a.png</Media>\n</Message></Response>",
        "LAML108",
        "2:10",
    ),
    21623: ("<Response><Message>hi\n" + (MEDIA + "\n") * 11 + "</Message></Response>", "LAML205", "12:1"),
}


#: More findings that carry a code some case above already shows.
MORE_CASES = [
    # an undeclared entity; libxml2 places it just past the reference
    (12100, ("<Response>\n  <Say>caf&eacute;</Say>\n</Response>", "LAML002", "2:19")),
]


@pytest.mark.parametrize(("platform", "case"), [*sorted(CASES.items()), *MORE_CASES])
def test_finding_carries_the_platform_code_in_every_output(
    platform: int, case: tuple[str, str, str], tmp_path: Path
) -> None:
    source, code, where = case
    (found,) = [d for d in laml.validate(source, path="doc.xml") if d.code == code]
    assert (found.platform_code, f"{found.line}:{found.col}") == (platform, where)
    assert str(found) == f"doc.xml:{where}: {code} {found.message} (platform error {platform})"

    document = tmp_path / "doc.xml"
    document.write_text(source)
    text = CliRunner().invoke(main, ["validate", str(document)])
    assert f"{document}:{where}: {code} {found.message} (platform error {platform})" in text.output
    report = json.loads(CliRunner().invoke(main, ["validate", "--format", "json", str(document)]).output)
    (shown,) = [d for d in report["diagnostics"] if d["code"] == code]
    known = error_code(platform)
    assert known is not None
    assert (shown["platform_code"], shown["platform_message"]) == (platform, known.message)


@pytest.mark.parametrize(
    ("source", "code", "platform"),
    [
        ("<Response><Message><Body/></Message></Response>", "LAML107", 21602),
        ("<Response><Message><Body>hi</Body><Media/></Message></Response>", "LAML107", 21620),
        (b"<Response>\n<Say>caf\xe9</Say></Response>", "LAML005", 12100),
        ('<Response><Dial method="PUT">+15551234567</Dial></Response>', "LAML106", None),  # not <Number>
        (
            "<Response><Dial><Number>+15551234567</Number></Dial><Play>ftp://x</Play></Response>",
            "LAML108",
            None,
        ),
        ("<Response><Dial><Number></Number></Dial></Response>", "LAML107", None),
        ("<Response><Say>&nbsp;</Say></Response>", "LAML002", 12100),  # not well-formed: no parser reads it
        ("<!DOCTYPE Response>\n<Response/>", "LAML002", None),  # well-formed: what a platform does is unknown
    ],
)
def test_platform_code_depends_on_what_the_finding_is_on(
    source: str | bytes, code: str, platform: int | None
) -> None:
    assert [d.platform_code for d in laml.validate(source) if d.code == code] == [platform]


@pytest.mark.parametrize(
    "source",
    [
        "<Response><Message>hi</Message></Response>",
        f"<Response><Message>{MEDIA}</Message></Response>",
        "<Response><Message><Body>hi</Body></Message></Response>",
        "<Response><Message>{{Body}}</Message></Response>",  # a bin: the tag renders the body
    ],
)
def test_a_message_with_a_body_or_media_is_not_empty(source: str) -> None:
    assert [d.code for d in laml.validate(source, bin="{{" in source)] == []


def test_an_empty_message_is_reported_once() -> None:
    """An empty <Body> is reported on itself (LAML107), not again on its <Message>."""
    assert [d.code for d in laml.validate("<Response><Message><Body> </Body></Message></Response>")] == [
        "LAML107"
    ]
    assert [d.code for d in laml.validate("<Response><Message><!-- x --></Message></Response>")] == [
        "LAML213"
    ]


def test_every_cited_code_is_in_the_contracts_table() -> None:
    cited = {platform for subjects in PLATFORM_CODES.values() for platform in subjects.values()}
    assert cited <= set(error_codes())
    assert cited == set(CASES)
    assert set(PLATFORM_CODES) <= set(CODES)


def test_readme_column_names_each_code_with_the_contracts_message() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    rows = dict(
        re.findall(r"^\| (LAML\d{3}) \| (?:error|warning) \| [^|]* \|(.*)\|$", readme, flags=re.MULTILINE)
    )
    assert set(rows) == set(CODES)
    for code, cell in rows.items():
        subjects = PLATFORM_CODES.get(code, {})
        assert [int(n) for n in re.findall(r"\b(\d{5})\b", cell)] == list(subjects.values()), code
        for platform in subjects.values():
            known = error_code(platform)
            assert known is not None
            assert f"{platform} {known.message}" in cell


def test_a_bin_rendering_an_empty_message_carries_the_code() -> None:
    """Found only once rendered (the raw template's section might hold a body): the code survives."""
    (found,) = laml.validate("<Response><Message>{{#Missing}}hi{{/Missing}}</Message></Response>", bin=True)
    assert (found.code, found.platform_code) == ("LAML213", 21602)
    assert "rendered with sample messaging parameters" in found.message
