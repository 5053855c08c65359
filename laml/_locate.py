"""Line and column of elements, attributes and text in the source document.

lxml records only the line on which an element's start tag *ends*, and no column. Diagnostics need both, so
when (and only when) a document has something to report, the source is scanned once: the k-th start tag in
the text is the k-th element in document order. Comments, CDATA sections and processing instructions are
skipped as whole tokens so a ``<Say`` inside a comment is never mistaken for an element.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from lxml import etree

_TOKENS = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<(?=[A-Za-z_:])", re.DOTALL)


class Locator:
    """Maps nodes of one parsed document back to 1-based (line, column) positions in its text."""

    def __init__(self, text: str, root: etree._Element) -> None:
        self._text = text
        self._root = root

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [match.end() for match in re.finditer("\n", self._text)]

    @cached_property
    def _tag_offsets(self) -> list[int]:
        return [match.start() for match in _TOKENS.finditer(self._text) if match.group() == "<"]

    @cached_property
    def _element_index(self) -> dict[etree._Element, int]:
        return {element: index for index, element in enumerate(self._root.iter(etree.Element))}

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def _start_offset(self, element: etree._Element) -> int | None:
        index = self._element_index.get(element)
        if index is None or index >= len(self._tag_offsets):
            return None
        return self._tag_offsets[index]

    def element(self, element: etree._Element) -> tuple[int, int]:
        """Where the element's start tag begins."""
        offset = self._start_offset(element)
        if offset is not None:
            return self.position(offset)
        line: int = getattr(element, "sourceline", None) or 1
        if isinstance(element, etree._ProcessingInstruction):
            start = self._line_starts[min(line, len(self._line_starts)) - 1]
            found = self._text.find(f"<?{element.target!s}", start)
            if found >= 0:
                return self.position(found)
        return line, 1

    def attribute(self, element: etree._Element, name: str) -> tuple[int, int]:
        """Where an attribute's name begins inside the element's start tag (the tag itself if not found)."""
        offset = self._start_offset(element)
        if offset is None:
            return self.element(element)
        pattern = re.compile(r"\s(" + re.escape(name) + r")\s*=")
        match = pattern.search(self._text, offset, self._tag_end(offset))
        return self.position(match.start(1)) if match else self.position(offset)

    def text(self, element: etree._Element) -> tuple[int, int]:
        """Where the element's first non-blank text begins (the start tag if there is none)."""
        offset = self._start_offset(element)
        if offset is None:
            return self.element(element)
        end = self._tag_end(offset) + 1
        stripped = len(self._text[end:]) - len(self._text[end:].lstrip())
        return self.position(end + stripped)

    def _tag_end(self, offset: int) -> int:
        """Offset of the ``>`` closing the start tag at *offset*, skipping quoted attribute values."""
        quote = ""
        for index in range(offset, len(self._text)):
            char = self._text[index]
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char == ">":
                return index
        return len(self._text)
