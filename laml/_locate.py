"""Line and column of elements, attributes, text and tails in the source document.

lxml records only the line on which a node's start tag *ends* (``sourceline``), and no column. Diagnostics
need both, so when (and only when) a document has something to report, they are worked out from the text,
for all of a document's findings from the same few passes:

- **By line** (most findings): a start tag's ``<`` is the last ``<`` before its ``>`` (attribute values
  cannot hold ``<``), and its ``>`` is on line ``sourceline``. When that line holds exactly one start tag,
  and no ``>`` before it, that tag is the element's (see ``Locator``) — the shape of nearly every
  pretty-printed document. One ``split`` of the text serves all such lookups; in an ASCII document, a
  finding read before any other needs only its own line (``ascii_position``).
- **By scan** (everything else): the text is tokenized once into start tags, end tags, comments, CDATA
  sections and processing instructions; the k-th start tag is the k-th element in document order (and the
  same for comments and processing instructions), and matching end tags give where each node ends, so the
  text after it (its *tail*) can be found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from laml._walk import Where

#: One markup token. Comments, CDATA sections and PIs are whole tokens, so a ``<Say`` inside one never
#: counts; attribute values may hold ``>`` (but never ``<``, which is what makes tags easy to find).
_TOKEN = re.compile(
    r"""<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|</[^>]*>|<[^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>""",
    re.DOTALL,
)
#: One attribute inside a start tag: its name (group 1), then its quoted value (which may hold ``>``).
_ATTRIBUTE = re.compile(r"""\s+([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")
_START_TAG_NAME = re.compile(r"<[^\s/>]+")
_END_OF_START_TAG = re.compile(r"\s*/?>")
#: Up to a text's first non-blank character: blank CDATA sections are blank text, and a CDATA section's
#: text starts after ``<![CDATA[``.
_BLANK = re.compile(r"(?:\s|<!\[CDATA\[\s*\]\]>)*(?:<!\[CDATA\[\s*)?")

#: Token kinds, as their first two characters tell them apart.
_START, _END, _COMMENT, _CDATA, _PI = range(5)


def _kind(token: str) -> int:
    if token[1] == "/":
        return _END
    if token[1] == "?":
        return _PI
    if token[1] == "!":
        return _COMMENT if token[2] == "-" else _CDATA
    return _START


def start_tags(text: str) -> list[re.Match[str]]:
    """The start tags of *text* in order (those inside comments, CDATA sections and PIs are no tags): in a
    parsed document, the k-th is the k-th element's."""
    return [token for token in _TOKEN.finditer(text) if _kind(token.group()) == _START]


class Locator:
    """Maps nodes of one parsed document back to 1-based (line, column) positions in its text.

    Columns count characters. Made only for a document with findings; the split into lines (made at once)
    and the token scan (made on the first lookup that needs it) serve all of the document's findings.

    The by-line answer is exact: no ``>`` before the line's first ``<`` means the tag's ``>`` (on this
    line) follows that ``<``, so the tag's ``<`` (the last one before its ``>``) is on this line too; and a
    line with one ``<`` that is not ``</`` holds one start tag, which must then be the element's, wherever
    it is among the line's end tags. A comment,
    CDATA section or PI opened on the line adds a ``<``; one ending on it, opened on an earlier line, would
    hold the line's first ``<`` with the element's own after it — two, so that line is refused as well.
    A line with no ``<`` at all ends a start tag begun further up (``_last_open_before``). lxml counts
    lines at ``\n`` only, as ``split`` does.
    """

    __slots__ = ("_lines", "_root", "_scan", "_text")

    def __init__(self, text: str, root: etree._Element) -> None:
        self._text = text
        self._root = root
        self._lines = text.split("\n")
        self._scan: _Scan | None = None

    def locate(self, node: etree._Element, where: Where, attribute: str = "") -> tuple[int, int]:
        """Where a finding on *node* is: its start tag (or comment, or PI), the name of one of its
        attributes (*attribute* as the validator reports it: ``xml:lang``, ``{uri}local``), the first
        non-blank character of its text, or of its tail (the text after its end)."""
        if where == "tail":
            end = self._scanned().end(node)
            return self._first_text(end) if end is not None else self.locate(node, "element")
        tag = node.tag
        line: int | None = node.sourceline  # type: ignore[assignment]  # the stubs say "..."
        offset: int | None = None
        if isinstance(tag, str) and line and line <= len(self._lines):
            text = self._lines[line - 1]
            at = _lone_start_tag(text)
            if at is not None:
                if where != "text":
                    return _on_line(text, line, at, node, where, attribute)
                offset = self._line_start(line) + at
            elif "<" not in text:
                offset = self._last_open_before(line)
        if offset is None:
            offset = self._scanned().start(node)
            if offset is None:
                return line or 1, 1
        if where == "element":
            return self.position(offset)
        if where == "attribute":
            return self.position(_attribute_offset(self._text, offset, node, attribute))
        return self._first_text(_start_tag_end(self._text, offset))

    def _last_open_before(self, line: int) -> int | None:
        """The offset of the start tag whose ``>`` is on *line*, a line without any ``<``: the tag began on
        an earlier line, and its ``<`` is the last one before this line (a start tag holds no other)."""
        for number in range(line - 1, 0, -1):
            at = self._lines[number - 1].rfind("<")
            if at >= 0:
                return self._line_start(number) + at
        return None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line_start = self._text.rfind("\n", 0, offset) + 1
        return self._text.count("\n", 0, offset) + 1, offset - line_start + 1

    def _first_text(self, offset: int) -> tuple[int, int]:
        """The first non-blank character from *offset* on (*offset* itself if there is none)."""
        return self.position(_BLANK.match(self._text, offset).end())  # type: ignore[union-attr]  # matches ""

    def _line_start(self, line: int) -> int:
        return sum(map(len, self._lines[: line - 1])) + line - 1

    def _scanned(self) -> _Scan:
        if self._scan is None:
            self._scan = _Scan(self._text, self._root)
        return self._scan


def ascii_position(
    data: bytes, node: etree._Element, where: Where, attribute: str = ""
) -> tuple[int, int] | None:
    """Where a finding on *node*'s start tag or one of its attributes is, read off the one line of *data*
    that the by-line rule needs, or ``None`` when that rule does not apply (then ask a ``Locator``).

    *data* must be ASCII (so its bytes are the characters ``Locator`` counts): the usual document's usual
    finding then costs neither decoding the document nor splitting it into every one of its lines.
    """
    line: int | None = node.sourceline  # type: ignore[assignment]  # the stubs say "..."
    if where not in ("element", "attribute") or not line or not isinstance(node.tag, str):
        return None
    lines = data.split(b"\n", line)  # up to the finding's line, and the rest in one piece
    if len(lines) < line:
        return None
    text = lines[line - 1].decode("ascii")
    at = _lone_start_tag(text)
    return None if at is None else _on_line(text, line, at, node, where, attribute)


def _lone_start_tag(text: str) -> int | None:
    """Offset of the ``<`` of the one start tag on line *text*, if the by-line rule applies to it (see
    ``Locator``): no ``>`` before its first ``<``, and one ``<`` that is not ``</``."""
    at = text.find("<")
    if at < 0 or text.find(">", 0, at) >= 0 or text.count("<") - text.count("</") != 1:
        return None
    while text.startswith("</", at):  # the line's one start tag may follow end tags
        at = text.find("<", at + 1)
    return at


def _on_line(
    text: str, line: int, at: int, node: etree._Element, where: Where, attribute: str
) -> tuple[int, int]:
    """Position of the start tag at offset *at* of line *text*, or of one of its attributes (the whole start
    tag is on this line)."""
    if where == "attribute":
        return line, _attribute_offset(text, at, node, attribute) + 1
    return line, at + 1


# ---- inside a start tag ------------------------------------------------------------------------------------


def _attribute_offset(text: str, offset: int, node: etree._Element, name: str) -> int:
    """Offset of attribute *name* in the start tag at *offset* (the tag's own if it is not there);
    ``{uri}local`` matches ``prefix:local`` for any prefix bound to ``uri`` on the element."""
    wanted = {name}
    if name.startswith("{"):
        uri, local = name[1:].split("}", 1)
        wanted = {f"{prefix}:{local}" for prefix, bound in node.nsmap.items() if bound == uri and prefix}
    for attribute in _attributes(text, offset):
        if attribute.group(1) in wanted:
            return attribute.start(1)
    return offset


def _attributes(text: str, offset: int) -> Iterator[re.Match[str]]:
    """The attributes of the start tag at *offset*, in source order."""
    at = _name_end(text, offset)
    while attribute := _ATTRIBUTE.match(text, at):
        yield attribute
        at = attribute.end()


def _name_end(text: str, offset: int) -> int:
    name = _START_TAG_NAME.match(text, offset)
    return name.end() if name else offset + 1


def _start_tag_end(text: str, offset: int) -> int:
    """Offset just past the ``>`` closing the start tag at *offset*."""
    at = _name_end(text, offset)
    for attribute in _attributes(text, offset):
        at = attribute.end()
    close = _END_OF_START_TAG.match(text, at)
    return close.end() if close else at


class _Scan:
    """The document tokenized once: where every element, comment and processing instruction starts and ends.

    Nodes and tokens are paired in document order, separately for each kind (the k-th start tag is the k-th
    element), which holds because the parser accepted the text: every start tag is an element, every
    comment a comment. The XML declaration looks like a processing instruction but is no node, so it is
    skipped; DOCTYPE never gets this far (the parser refuses it).
    """

    def __init__(self, text: str, root: etree._Element) -> None:
        starts: dict[int, list[int]] = {_START: [], _COMMENT: [], _PI: []}
        ends: dict[int, int] = {}  # token start → offset just past the node it opens
        open_tags: list[int] = []
        for token in _TOKEN.finditer(text):
            kind = _kind(token.group())
            at = token.start()
            if kind == _END:
                if open_tags:
                    ends[open_tags.pop()] = token.end()
                continue
            if kind == _CDATA or (kind == _PI and at == 0 and token.group().startswith("<?xml")):
                continue
            starts[kind].append(at)
            if kind == _START and not token.group().endswith("/>"):
                open_tags.append(at)
            else:
                ends[at] = token.end()
        self._ends = ends
        self._offsets: dict[etree._Element, int] = {}
        counts = dict.fromkeys(starts, 0)
        for node in _document_order(root):
            found = _node_kind(node)
            if found is None or counts[found] >= len(starts[found]):
                continue
            self._offsets[node] = starts[found][counts[found]]
            counts[found] += 1

    def start(self, node: etree._Element) -> int | None:
        """Offset of the ``<`` opening *node* (``None`` for a node the text does not hold, e.g. an entity)."""
        return self._offsets.get(node)

    def end(self, node: etree._Element) -> int | None:
        """Offset just past *node*: its end tag, ``/>``, ``-->`` or ``?>``."""
        start = self._offsets.get(node)
        return None if start is None else self._ends.get(start)


def _node_kind(node: etree._Element) -> int | None:
    tag: object = node.tag  # a function for comments and PIs (the stubs say str)
    if isinstance(tag, str):
        return _START
    if isinstance(node, etree._Comment):
        return _COMMENT
    if isinstance(node, etree._ProcessingInstruction):
        return _PI
    return None


def _document_order(root: etree._Element) -> Iterator[etree._Element]:
    """Every node of the document, the root's comment and PI siblings included, in document order."""
    yield from reversed(list(root.itersiblings(preceding=True)))
    yield from root.iter()
    yield from root.itersiblings()
