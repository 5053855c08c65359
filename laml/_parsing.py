"""Hardened parsing of untrusted documents: size cap, no DTD, no entities, no network, no PIs.

Two independent walls. First, libxml2 only ever sees UTF-8: the document's encoding is decided here (BOM,
the ``00 3C`` patterns of UTF-16/32, the XML declaration), anything not UTF-8 is decoded by Python and
re-encoded, and the parse forces UTF-8. So the DOCTYPE refusal looks at the very characters libxml2 will
read, and a UTF-16 or UTF-7 document cannot hide ``<!DOCTYPE`` from it (entity bombs never run). Second, the
parser itself can never open anything: it loads no DTD, resolves no entity, has no network, and every
external resource it asks for (a DTD or entity that slipped past the first wall) resolves to an empty
string. lxml's ``collect_ids=False`` is deliberately not used: it makes libxml2 load external DTD subsets.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

from lxml import etree

MAX_DOCUMENT_BYTES = 64 * 1024
_DOCTYPE = b"<!DOCTYPE"
XML_NAMESPACE = "{http://www.w3.org/XML/1998/namespace}"

#: Byte-order marks and the byte patterns of ``<`` / ``<?`` (XML 1.0, appendix F), longest first.
_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00\x3c", "utf-32-be"),
    (b"\x3c\x00\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00\x3c\x00\x3f", "utf-16-be"),
    (b"\x3c\x00\x3f\x00", "utf-16-le"),
)
_EBCDIC = b"\x4c\x6f\xa7\x94"
_DECLARED_ENCODING = re.compile(
    rb"<\?xml\s+version\s*=\s*([\"'])[^\"']*\1\s+encoding\s*=\s*([\"'])([A-Za-z][\w.:-]*)\2"
)
_UTF8 = "utf-8"
#: How most declarations that name UTF-8 begin (the general rule below decides the same, more slowly).
_UTF8_DECLARATIONS = (b'<?xml version="1.0" encoding="UTF-8"', b'<?xml version="1.0" encoding="utf-8"')
#: Starts that ``<`` alone does not decide: UTF-16 / UTF-32 patterns, and a declaration to read.
_NOT_PLAIN = (b"<\x00", b"<?xml")


class _RefuseExternal(etree.Resolver):
    """Answers every request for an external DTD or entity with nothing: no file, no network, no hang."""

    # lxml-stubs omit the *context* argument lxml passes (and needs back in ``resolve_string``).
    def resolve(self, system_url: str, public_id: str, context: object) -> object:  # type: ignore[override]
        """An empty document in place of whatever was asked for."""
        return self.resolve_string("", context, base_url=system_url)


class _Parsers(threading.local):
    """This thread's parsers (lxml parsers must not be shared between threads), indexed by
    ``keep_whitespace``: a lookup on every parse, so it is one tuple index."""

    def __init__(self) -> None:
        self.by_mode = (new_parser(keep_whitespace=False), new_parser(keep_whitespace=True))


def new_parser(*, keep_whitespace: bool) -> etree.XMLParser:
    """The hardened parser; it reads UTF-8 only (see :func:`utf8_document` for everything else)."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=not keep_whitespace,
        encoding=_UTF8,
    )
    parser.resolvers.add(_RefuseExternal())
    return parser


_PARSERS = _Parsers()


#: The codes a ParseFailure carries: a document with one of them has no tree, and only that one finding.
FAILURE_CODES = frozenset({"LAML001", "LAML002", "LAML004", "LAML005"})


@dataclass(frozen=True)
class ParseFailure:
    """Why a document could not be parsed; offsets/positions are 1-based line and column."""

    code: str
    message: str
    line: int = 1
    col: int = 1
    subject: str = ""  # what the failure is on, for ``laml.diagnostics.platform_code`` ("entity")


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
    utf8 = data if force_utf8 or _plainly_utf8(data) else utf8_document(data)  # the first test decides most
    if isinstance(utf8, ParseFailure):
        return utf8
    doctype_at = utf8.find(_DOCTYPE)
    if doctype_at >= 0:
        line, col = _offset_position(utf8, doctype_at)
        return ParseFailure(
            "LAML002", "DOCTYPE declarations are not allowed: TwiML/LaML needs no DTD", line, col
        )
    try:
        return etree.fromstring(utf8, _PARSERS.by_mode[keep_whitespace])
    except etree.XMLSyntaxError as error:
        return _syntax_failure(error, utf8)


def encoding_of(data: bytes) -> str:
    """The encoding *data* is in, decided as XML 1.0 appendix F says: BOM, byte pattern, declaration.

    A UTF-16/32 label on bytes that are plainly ASCII-compatible is ignored (libxml2 does the same);
    EBCDIC has no Python codec name to trust and comes back as ``ebcdic``.
    """
    if _plainly_utf8(data):
        return _UTF8
    if data.startswith(b"<?xml"):
        declared = _DECLARED_ENCODING.match(data)
    else:
        for signature, name in _SIGNATURES:
            if data.startswith(signature):
                return name
        if data.startswith(_EBCDIC):
            return "ebcdic"
        declared = _DECLARED_ENCODING.match(data, 3 if data.startswith(codecs.BOM_UTF8) else 0)
    if declared is None:
        return _UTF8
    name = declared.group(3).decode("ascii")
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return name
    return _UTF8 if canonical.startswith(("utf-16", "utf-32")) else canonical


def _plainly_utf8(data: bytes) -> bool:
    """Whether *data* is UTF-8 by its first bytes alone, as nearly every document is (this runs on every
    parse): no BOM or signature starts with "<" and a byte other than NUL, a document without a declaration
    is UTF-8, and the two commonest declarations of UTF-8 say so outright."""
    return data.startswith(_UTF8_DECLARATIONS) or (data.startswith(b"<") and not data.startswith(_NOT_PLAIN))


def utf8_document(data: bytes) -> bytes | ParseFailure:
    """*data* as the UTF-8 bytes libxml2 will read, or why it cannot be decoded (LAML005)."""
    encoding = encoding_of(data)
    if encoding == _UTF8:
        return data  # libxml2 itself reports invalid UTF-8, with its position
    try:
        return data.decode(encoding).encode(_UTF8, errors="surrogatepass")
    except LookupError:
        return ParseFailure("LAML005", f"unsupported encoding {encoding!r}: use UTF-8")
    except UnicodeDecodeError as error:
        line, col = _text_position(_without_bom(data[: error.start].decode(encoding, errors="replace")))
        return ParseFailure("LAML005", f"byte 0x{data[error.start]:02x} is not valid {encoding}", line, col)


def document_text(data: bytes) -> str:
    """*data* decoded as :func:`parse` reads it (undecodable bytes replaced), for character columns."""
    if data.isascii() and b"\0" not in data:  # NULs would mean UTF-16 or UTF-32 without a BOM
        return data.decode("ascii")
    try:
        return _without_bom(data.decode(encoding_of(data), errors="replace"))
    except LookupError:
        return _without_bom(data.decode(_UTF8, errors="replace"))


def _without_bom(text: str) -> str:
    """*text* without its byte-order mark: no editor shows one, so it must not count as a column (libxml2's
    own positions do not count it either)."""
    return text.removeprefix("\ufeff")


def parse_trusted(text: str) -> etree._Element:
    """Parse a document this library produced itself (still through the hardened parser)."""
    result = parse(text.encode("utf-8"), force_utf8=True)
    if isinstance(result, ParseFailure):
        raise ValueError(result.message)
    return result


def _syntax_failure(error: etree.XMLSyntaxError, data: bytes) -> ParseFailure:
    line, col = error.position if error.position else (1, 1)
    # libxml2 ends some messages with a newline: one finding must stay one line.
    message = " ".join((error.msg or "not well-formed").split(", line ")[0].split())
    last = getattr(error.error_log, "last_error", None)
    type_name = str(last.type_name) if last is not None else ""
    if type_name == "ERR_INVALID_CHAR" and "0x0 " in message:
        return ParseFailure("LAML005", "NUL byte (0x00): XML documents cannot contain it", line, col)
    if type_name in ("ERR_INVALID_ENCODING", "ERR_INVALID_CHAR", "ERR_UNSUPPORTED_ENCODING"):
        return ParseFailure(
            "LAML005", f"{message}: the document is not valid in its declared encoding", line, col
        )
    if type_name == "ERR_UNDECLARED_ENTITY":
        return ParseFailure(
            "LAML002", f"{message}: only the five predefined XML entities may be used", line, col, "entity"
        )
    return ParseFailure("LAML001", message, max(line, 1), max(col, 1))


def _text_position(before: str) -> tuple[int, int]:
    """Line and column just after *before*, the text preceding a position."""
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _offset_position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col
