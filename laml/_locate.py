"""Line and column of elements, attributes and text in the source document.

lxml records only the line on which an element's start tag *ends*, and no column. Diagnostics need both, so
when (and only when) a document has something to report, the source is scanned: the k-th start tag in the
text is the k-th element in document order. Comments, CDATA sections and processing instructions are
skipped as whole tokens so a ``<Say`` inside a comment is never mistaken for an element.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lxml import etree

_TOKENS = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<(?=[A-Za-z_:])", re.DOTALL)
#: Anything that is neither text nor an element tag: comments, CDATA sections, processing instructions.
_SPECIAL_TOKEN = re.compile(r"<[!?]")
#: Text up to and including the ``<`` of the next start tag, in a document where every ``<`` opens a tag.
_UP_TO_START_TAG = r"(?:[^<]*<(?![A-Za-z_:]))*[^<]*<(?=[A-Za-z_:])"
#: One attribute inside a start tag: its name (group 1), then its quoted value (which may hold ``>``).
_ATTRIBUTE = re.compile(r"""\s+([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")
_START_TAG_NAME = re.compile(r"<[^\s/>]+")
_END_OF_START_TAG = re.compile(r"\s*/?>")
_NOT_SPACE = re.compile(r"\S")


class Locator:
    """Maps nodes of one parsed document back to 1-based (line, column) positions in its text.

    Elements are numbered and start tags found only as far as the lookups need (findings usually sit
    near the top), and what was found is kept for the next lookup. Nothing is computed for documents
    without findings, which are most.
    """

    def __init__(self, text: str, root: etree._Element) -> None:
        self._text = text
        self._elements: Iterator[etree._Element] = root.iter()
        self._ordinals: dict[etree._Element, int] = {}
        # Without comments, CDATA or PIs (an XML declaration aside) one regular expression finds one of the
        # first start tags; otherwise, and further down, the text is tokenized once, as far as needed.
        self._plain = _SPECIAL_TOKEN.search(text, 1) is None
        self._tokens = _TOKENS.finditer(text)
        self._starts: list[int] = []

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line_start = self._text.rfind("\n", 0, offset) + 1
        return self._text.count("\n", 0, offset) + 1, offset - line_start + 1

    def _ordinal(self, element: etree._Element) -> int | None:
        """The element's index in document order (``None`` for comments, PIs and foreign nodes)."""
        found = self._ordinals.get(element)
        if found is not None:
            return found
        for node in self._elements:
            if isinstance(node.tag, str):
                index = self._ordinals[node] = len(self._ordinals)
                if node is element:
                    return index
        return None

    def _start_offset(self, element: etree._Element) -> int | None:
        index = self._ordinal(element)
        if index is None:
            return None
        if self._plain and index < _PATTERN_ORDINALS:
            found = _nth_start_tag(index).match(self._text)
            return found.end() - 1 if found else None
        while len(self._starts) <= index:
            token = next(self._tokens, None)
            if token is None:
                return None
            if token.group() == "<":
                self._starts.append(token.start())
        return self._starts[index]

    def element(self, element: etree._Element) -> tuple[int, int]:
        """Where the element's start tag begins."""
        offset = self._start_offset(element)
        if offset is not None:
            return self.position(offset)
        line: int = getattr(element, "sourceline", None) or 1
        if isinstance(element, etree._ProcessingInstruction):
            line_start = self._nth_line_start(line)
            found = self._text.find(f"<?{element.target!s}", line_start)
            if found >= 0:
                return self.position(found)
        return line, 1

    def _nth_line_start(self, line: int) -> int:
        offset = 0
        for _ in range(line - 1):
            offset = self._text.find("\n", offset) + 1
            if offset == 0:
                return len(self._text)
        return offset

    def attribute(self, element: etree._Element, name: str) -> tuple[int, int]:
        """Where an attribute's name begins inside the element's start tag (the tag itself if not found)."""
        offset = self._start_offset(element)
        if offset is None:
            return self.element(element)
        for attribute in self._attributes(offset):
            if attribute.group(1) == name:
                return self.position(attribute.start(1))
        return self.position(offset)

    def text(self, element: etree._Element) -> tuple[int, int]:
        """Where the element's first non-blank text begins (the start tag if there is none)."""
        offset = self._start_offset(element)
        if offset is None:
            return self.element(element)
        end = self._start_tag_end(offset)
        text = _NOT_SPACE.search(self._text, end)
        return self.position(text.start() if text else end)

    def _attributes(self, offset: int) -> Iterator[re.Match[str]]:
        """The attributes of the start tag at *offset*, in source order."""
        at = self._name_end(offset)
        while attribute := _ATTRIBUTE.match(self._text, at):
            yield attribute
            at = attribute.end()

    def _name_end(self, offset: int) -> int:
        name = _START_TAG_NAME.match(self._text, offset)
        return name.end() if name else offset + 1

    def _start_tag_end(self, offset: int) -> int:
        """Offset just past the ``>`` closing the start tag at *offset*."""
        at = self._name_end(offset)
        for attribute in self._attributes(offset):
            at = attribute.end()
        close = _END_OF_START_TAG.match(self._text, at)
        return close.end() if close else at


#: Start tags found by one pattern each: each match rescans the text from the start, so only the first few.
_PATTERN_ORDINALS = 32


@lru_cache(maxsize=_PATTERN_ORDINALS)
def _nth_start_tag(index: int) -> re.Pattern[str]:
    """Matches the text up to and including the ``<`` of start tag number *index* (from 0)."""
    return re.compile(f"(?:{_UP_TO_START_TAG}){{{index + 1}}}")
