"""Line and column of elements, attributes and text in the source document.

lxml records only the line on which an element's start tag *ends*, and no column. Diagnostics need both, so
when (and only when) a document has something to report, the source is scanned once: the k-th start tag in
the text is the k-th element in document order. Comments, CDATA sections and processing instructions are
skipped as whole tokens so a ``<Say`` inside a comment is never mistaken for an element.
"""

from __future__ import annotations

import re

from lxml import etree

_TOKENS = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<(?=[A-Za-z_:])", re.DOTALL)


class Locator:
    """Maps nodes of one parsed document back to 1-based (line, column) positions in its text.

    The first lookup numbers the elements in document order and finds every start tag in the text (one pass
    over each: documents are capped at 64 kB); later lookups are dictionary and list reads. Nothing is
    computed for documents without findings, which are most.
    """

    def __init__(self, text: str, root: etree._Element) -> None:
        self._text = text
        self._root = root
        self._ordinals: dict[etree._Element, int] | None = None
        self._starts: list[int] = []

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line_start = self._text.rfind("\n", 0, offset) + 1
        return self._text.count("\n", 0, offset) + 1, offset - line_start + 1

    def _start_offset(self, element: etree._Element) -> int | None:
        if self._ordinals is None:
            self._ordinals = {node: index for index, node in enumerate(self._root.iter(etree.Element))}
            self._starts = [match.start() for match in _TOKENS.finditer(self._text) if match.group() == "<"]
        index = self._ordinals.get(element)
        return self._starts[index] if index is not None and index < len(self._starts) else None

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
