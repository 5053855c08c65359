"""Hostile input gets a clean diagnostic: never an exception, a hang, or a leaked local file."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import laml
from laml import LamlParseError
from migrate.cli import main


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


#: A DOCTYPE with an external entity, in the encodings a byte search for ``<!DOCTYPE`` would miss.
HIDDEN_DOCTYPE = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Response><Say>&x;</Say></Response>'
)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_doctype_is_refused_in_utf16_and_utf32(codec: str) -> None:
    """With and without a BOM: the encoding is decided first, the refusal checks the decoded text."""
    document = HIDDEN_DOCTYPE.format(encoding=codec[:6].upper()).encode(codec)
    assert codes(document) == ["LAML002"]
    with pytest.raises(LamlParseError, match="LAML002"):
        laml.parse(document)


def test_doctype_is_refused_in_utf7() -> None:
    """``+ADw-`` is ``<`` in UTF-7: the declared encoding is decoded before the check, not after."""
    document = b'<?xml version="1.0" encoding="UTF-7"?>\n+ADw-!DOCTYPE r [+ADw-!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Response/>'
    assert codes(document) == ["LAML002"]


def test_utf16_documents_still_validate_with_character_columns() -> None:
    document = '<?xml version="1.0" encoding="UTF-16"?>\n<Response>\n  <Say>é</Say><Sya/>\n</Response>'
    diagnostics = laml.validate(document.encode("utf-16"))
    assert [(d.code, d.line, d.col) for d in diagnostics] == [("LAML102", 3, 15)]


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-be", "utf-32-be"])
def test_a_byte_order_mark_is_not_a_column(codec: str) -> None:
    """No editor shows the BOM: a finding on the first line is where the same document without one has it."""
    text = "<Response><Sya>é</Sya></Response>\n"
    document = ("\ufeff" + text if codec.endswith("-be") else text).encode(codec)  # the others add their own
    assert [(d.code, d.line, d.col) for d in laml.validate(document)] == [("LAML102", 1, 11)]


def test_an_undecodable_byte_after_a_byte_order_mark_is_placed_without_it() -> None:
    document = codecs.BOM_UTF16_LE + "<Response>".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    assert [(d.code, d.line, d.col) for d in laml.validate(document)] == [("LAML005", 1, 11)]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (b'<?xml version="1.0" encoding="x-no-such"?><Response/>', "unsupported encoding 'x-no-such'"),
        (
            b'<?xml version="1.0" encoding="ascii"?>\n<Response>\xe9</Response>',
            "byte 0xe9 is not valid ascii",
        ),
        (b"\x4c\x6f\xa7\x94\x93\x40", "unsupported encoding 'ebcdic'"),
    ],
)
def test_undecodable_documents_say_why(document: bytes, expected: str) -> None:
    (diagnostic,) = laml.validate(document)
    assert diagnostic.code == "LAML005"
    assert expected in diagnostic.message


def test_nul_byte_message_is_one_line() -> None:
    (diagnostic,) = laml.validate(b"<Response>\n<Say>a\x00b</Say></Response>")
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == ("LAML005", 2, 7)
    assert "\n" not in diagnostic.message
    assert "NUL byte" in diagnostic.message


#: Runs the hardened parser on DTDs no pre-check sees; prints each result so leaked content would show.
PARSER_ALONE = """
import sys
from lxml import etree
from laml._parsing import new_parser
fifo, secret_dtd = sys.argv[1], sys.argv[2]
documents = [
    f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{fifo}">]><Response><Say>&x;</Say></Response>',
    f'<!DOCTYPE Response SYSTEM "file://{fifo}"><Response/>',
    f'<!DOCTYPE r [<!ENTITY % p SYSTEM "file://{fifo}"> %p;]><Response/>',
    '<!DOCTYPE r [<!ENTITY % z SYSTEM "file:///dev/zero"> %z;]><Response/>',
    f'<!DOCTYPE Response SYSTEM "file://{secret_dtd}"><Response><Say>&leak;</Say></Response>',
    '<!DOCTYPE Response SYSTEM "http://127.0.0.1:9/x.dtd"><Response/>',
]
for keep_whitespace in (False, True):
    for document in documents:
        for data in (document.encode(), document.encode("utf-16")):
            try:
                root = etree.fromstring(data, new_parser(keep_whitespace=keep_whitespace))
            except etree.XMLSyntaxError as error:
                print("refused:", error)
            else:
                print(etree.tostring(root, encoding="unicode"))
print("finished")
"""


def test_parser_alone_never_opens_a_dtd_or_entity(tmp_path: Path) -> None:
    """Whatever the pre-check says: a FIFO would block an open() for ever and /dev/zero never ends, so
    a parser that reads either one hangs until the timeout."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    secret_dtd = tmp_path / "secret.dtd"
    secret_dtd.write_text('<!ENTITY leak "TOP-SECRET"><!ATTLIST Response leak CDATA "TOP-SECRET">')
    try:
        result = subprocess.run(
            [sys.executable, "-c", PARSER_ALONE, str(fifo), str(secret_dtd)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the parser opened the FIFO or read /dev/zero")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("finished\n")
    assert "TOP-SECRET" not in result.stdout


@pytest.mark.parametrize("codec", ["utf-16", "utf-32-le"])
def test_cli_refuses_hidden_doctype_in_files_bins_and_stdin(tmp_path: Path, codec: str) -> None:
    document = HIDDEN_DOCTYPE.format(encoding=codec.upper()[:6]).encode(codec)
    path = tmp_path / "hidden.xml"
    path.write_bytes(document)
    for args, stdin in (([str(path)], None), (["--bin", str(path)], None), (["-"], document)):
        result = CliRunner().invoke(main, ["validate", *args], input=stdin)
        assert result.exit_code == 1, result.output
        assert "LAML002 DOCTYPE declarations are not allowed" in result.output


def test_utf16_bin_is_rendered_from_its_decoded_text() -> None:
    template = '<?xml version="1.0" encoding="UTF-16"?>\n<Response><Say>{{From}}</Say><Sya/></Response>'
    diagnostics = laml.validate(template.encode("utf-16"), bin=True)
    assert [(d.code, d.line, d.col) for d in diagnostics] == [("LAML102", 2, 30)]
