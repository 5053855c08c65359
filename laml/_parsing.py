"""Hardened parsing of untrusted documents: size cap, no DTD, no entities, no network, no PIs.

lxml is safe only when told to be: the parser below never loads a DTD, resolves an entity or touches the
network, and anything carrying a DOCTYPE is refused before libxml2 sees it (so entity-expansion bombs never
run). A ``str`` is encoded to UTF-8 and parsed with the encoding forced, which makes a misleading
``encoding="..."`` declaration harmless instead of a ``ValueError``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from lxml import etree

MAX_DOCUMENT_BYTES = 64 * 1024
_DOCTYPE = b"<!DOCTYPE"
XML_NAMESPACE = "{http://www.w3.org/XML/1998/namespace}"


class _Parsers(threading.local):
    """This thread's parsers (lxml parsers must not be shared between threads), indexed
    ``[force_utf8][keep_whitespace]``: a lookup on every parse, so it is two tuple indexes."""

    def __init__(self) -> None:
        self.by_mode = tuple(
            tuple(_new_parser(force_utf8, keep_whitespace) for keep_whitespace in (False, True))
            for force_utf8 in (False, True)
        )


def _new_parser(force_utf8: bool, keep_whitespace: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        collect_ids=False,  # no table of xml:id values: nothing reads it
        remove_blank_text=not keep_whitespace,
        encoding="utf-8" if force_utf8 else None,
    )


_PARSERS = _Parsers()


@dataclass(frozen=True)
class ParseFailure:
    """Why a document could not be parsed; offsets/positions are 1-based line and column."""

    code: str
    message: str
    line: int = 1
    col: int = 1


def attributes(element: etree._Element) -> dict[str, str]:
    """An element's attributes as ``str`` → ``str``, with ``xml:`` names written as in the source."""
    return {xml_name(str(name)): str(value) for name, value in element.attrib.items()}


def xml_name(name: str) -> str:
    """``{http://www.w3.org/XML/1998/namespace}lang`` → ``xml:lang``, as written in the source."""
    return "xml:" + name[len(XML_NAMESPACE) :] if name.startswith(XML_NAMESPACE) else name


def as_bytes(source: bytes | str) -> tuple[bytes, bool]:
    """The bytes to parse and whether the encoding must be forced to UTF-8 (true for ``str`` input)."""
    if source.__class__ is bytes:  # the common case, checked first and cheapest
        return source, False
    if isinstance(source, str):
        return source.encode("utf-8", errors="surrogatepass"), True
    return bytes(source), False


def parse(data: bytes, force_utf8: bool, *, keep_whitespace: bool = True) -> etree._Element | ParseFailure:
    """Parse *data* into its root element, or say why not. Never raises for bad input.

    ``keep_whitespace=False`` drops whitespace-only text between elements (libxml2's "blank" nodes), which
    the validator never looks at: fewer nodes make both the parse and the walk faster.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        return ParseFailure(
            "LAML004",
            f"document is {len(data):,} bytes; Twilio and SignalWire reject responses over "
            f"{MAX_DOCUMENT_BYTES:,} bytes (Twilio error 11750), so it was not parsed",
        )
    doctype_at = data.find(_DOCTYPE)
    if doctype_at >= 0:
        line, col = _offset_position(data, doctype_at)
        return ParseFailure(
            "LAML002", "DOCTYPE declarations are not allowed: TwiML/LaML needs no DTD", line, col
        )
    try:
        return etree.fromstring(data, _PARSERS.by_mode[force_utf8][keep_whitespace])
    except etree.XMLSyntaxError as error:
        return _syntax_failure(error, data)


def parse_trusted(text: str) -> etree._Element:
    """Parse a document this library produced itself (still through the hardened parser)."""
    result = parse(text.encode("utf-8"), force_utf8=True)
    if isinstance(result, ParseFailure):
        raise ValueError(result.message)
    return result


def _syntax_failure(error: etree.XMLSyntaxError, data: bytes) -> ParseFailure:
    line, col = error.position if error.position else (1, 1)
    message = (error.msg or "not well-formed").split(", line ")[0]
    last = getattr(error.error_log, "last_error", None)
    type_name = str(last.type_name) if last is not None else ""
    if type_name in ("ERR_INVALID_ENCODING", "ERR_INVALID_CHAR", "ERR_UNSUPPORTED_ENCODING"):
        return ParseFailure(
            "LAML005", f"{message}: the document is not valid in its declared encoding", line, col
        )
    if type_name == "ERR_UNDECLARED_ENTITY":
        return ParseFailure(
            "LAML002", f"{message}: only the five predefined XML entities may be used", line, col
        )
    return ParseFailure("LAML001", message, max(line, 1), max(col, 1))


def _offset_position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col
