"""Hostile input gets a clean diagnostic: never an exception, a hang, or a leaked local file."""

from __future__ import annotations

from pathlib import Path

import pytest

import laml
from laml import LamlParseError


def codes(source: bytes | str) -> list[str]:
    return [d.code for d in laml.validate(source)]


def test_external_entity_never_reads_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    document = f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>\n<Response><Say>&x;</Say></Response>'
    diagnostics = laml.validate(document)
    assert [d.code for d in diagnostics] == ["LAML002"]
    assert "TOP-SECRET" not in repr(diagnostics)
    with pytest.raises(LamlParseError):
        laml.parse(document)


def test_billion_laughs_is_refused_before_expansion() -> None:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    document = f'<!DOCTYPE r [<!ENTITY l0 "lol">{entities}]><Response><Say>&l9;</Say></Response>'
    assert codes(document) == ["LAML002"]


def test_doctype_without_entities_is_refused() -> None:
    assert codes(
        '<?xml version="1.0"?>\n<!DOCTYPE Response SYSTEM "http://example.com/t.dtd">\n<Response/>'
    ) == ["LAML002"]


def test_undeclared_entity_is_a_diagnostic() -> None:
    assert codes("<Response><Say>&nbsp;</Say></Response>") == ["LAML002"]


def test_processing_instructions_are_refused_anywhere() -> None:
    assert codes('<?xml version="1.0"?>\n<?xml-stylesheet href="x.xsl"?>\n<Response/>') == ["LAML003"]
    assert codes("<Response><Say>hi<?evil?></Say></Response>") == ["LAML003"]


def test_ten_megabytes_is_refused_without_parsing() -> None:
    document = b"<Response><Say>" + b"a" * (10 * 1024 * 1024) + b"</Say></Response>"
    diagnostics = laml.validate(document)
    assert [d.code for d in diagnostics] == ["LAML004"]
    assert "10,485,792 bytes" in diagnostics[0].message


def test_invalid_utf8_is_a_diagnostic_with_position() -> None:
    diagnostics = laml.validate(b"<Response>\n  <Say>\xff\xfe</Say>\n</Response>")
    assert [(d.code, d.line) for d in diagnostics] == [("LAML005", 2)]


def test_str_with_foreign_encoding_declaration_is_read_as_text() -> None:
    """lxml raises ValueError for such a str; we read the characters the caller gave us."""
    document = '<?xml version="1.0" encoding="ISO-8859-1"?><Response><Say>café ☎</Say></Response>'
    assert laml.validate(document) == []
    assert "café ☎" in str(laml.parse(document))


def test_declared_latin1_bytes_are_decoded_as_declared() -> None:
    document = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<Response><Sya>café</Sya></Response>'.encode(
        "latin-1"
    )
    diagnostics = laml.validate(document)
    assert [(d.code, d.line, d.col) for d in diagnostics] == [("LAML102", 2, 11)]


@pytest.mark.parametrize(
    "source", [b"", "", b"\x00\x01", "   ", "<", "<Response", b"\xef\xbb\xbf<Response/>"]
)
def test_degenerate_input_never_raises(source: bytes | str) -> None:
    for diagnostic in laml.validate(source):
        assert diagnostic.code in laml.CODES
