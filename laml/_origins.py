"""Where in a LaML Bin's template a finding of its rendering comes from.

A bin is also checked rendered with sample parameters, and some findings only appear there (a value built
from a variable, a ``<Message>`` whose body a section leaves out). The user edits the template, so those
findings are reported at template positions, not at the rendered text's, whose columns shift wherever a
variable expands to a different length and whose lines shift wherever a section drops or repeats lines.

How: the template is rendered a second time with a marker attribute (``laml-origin="k"``) added to its k-th
start tag. Markers sit inside start tags, where no mustache tag can be (the template parsed as XML), so they
change neither what mustache renders nor its standalone-line rules, and they follow their element through
sections: dropped with it, repeated with it. The rendering's k-th start tag and the marked rendering's k-th
start tag are then the same tag, and its marker names the template element that wrote it. A finding on a
rendered element, one of its attributes, its text or its tail is reported on that template element's:
the text or tail found in the template is the one that rendered into the text the finding is about.

Findings without a node of their own follow two rules, both tested:
- on an element that no template start tag wrote (markup a sample value carried in through ``{{{...}}}``),
  a comment or a processing instruction: the nearest enclosing element the template wrote, at its start tag;
- a rendering that is not well-formed (no tree at all): the template start tag of the last element the
  template wrote that opens before the point where the rendered text fails, else 1:1; the message keeps the
  rendered line and column.
"""

from __future__ import annotations

import re

from lxml import etree

from laml._locate import Locator, start_tags
from laml._walk import Finding

ORIGIN = "laml-origin"
_NAME = re.compile(r"<[^\s/>]+")
#: A start tag's marker, which ``marked`` puts right after the tag's name.
_MARKER = re.compile(rf'<[^\s/>]+ {ORIGIN}="(\d+)"')


def marked(template: str) -> str:
    """*template* with ``laml-origin="k"`` after the name of its k-th start tag."""
    pieces, at = [], 0
    for number, tag in enumerate(start_tags(template)):
        name_end = _NAME.match(template, tag.start()).end()  # type: ignore[union-attr]  # a tag has a name
        pieces += [template[at:name_end], f' {ORIGIN}="{number}"']
        at = name_end
    pieces.append(template[at:])
    return "".join(pieces)


class TemplateOrigins:
    """Maps findings of one rendering of a template (and of its marked rendering) to template positions."""

    def __init__(self, template: str, template_root: etree._Element, marked_rendering: str) -> None:
        self._template = Locator(template, template_root)
        self._elements = _elements(template_root)
        #: the template element that wrote the rendering's k-th start tag (None: a sample value did)
        self._origins = [_origin(tag.group()) for tag in start_tags(marked_rendering)]

    def positions(self, source: bytes | str, data: bytes, root: etree._Element) -> TemplatePositions:
        """The ``positions`` for :func:`laml.validator.check_document` on the (unmarked) rendering."""
        return TemplatePositions(self, root)

    def element_for(self, number: int) -> etree._Element | None:
        """The template element that wrote the rendering's *number*-th start tag, if any."""
        origin = self._origins[number] if number < len(self._origins) else None
        return None if origin is None or origin >= len(self._elements) else self._elements[origin]

    def locate(self, node: etree._Element, where: str, attribute: str) -> tuple[int, int]:
        return self._template.locate(node, where, attribute)  # type: ignore[arg-type]

    def failure_position(self, rendering: str, line: int, col: int) -> tuple[int, int]:
        """Where a rendering that is not well-formed at (*line*, *col*) is reported in the template."""
        lines = rendering.split("\n")
        offset = sum(len(text) + 1 for text in lines[: line - 1]) + col - 1
        opened = sum(1 for tag in start_tags(rendering) if tag.start() < offset)
        for number in range(opened - 1, -1, -1):
            element = self.element_for(number)
            if element is not None:
                return self.locate(element, "element", "")
        return 1, 1


class TemplatePositions:
    """The template position of each finding on one rendered tree (see the module docstring)."""

    __slots__ = ("_numbers", "_origins")

    def __init__(self, origins: TemplateOrigins, root: etree._Element) -> None:
        self._origins = origins
        self._numbers = {node: number for number, node in enumerate(_elements(root))}

    def __call__(self, finding: Finding) -> tuple[int, int]:
        node: etree._Element | None = finding.node
        where, attribute = finding.where, finding.attribute
        tag: object = finding.node.tag  # a function for comments and PIs (the stubs say str)
        if not isinstance(tag, str):  # a comment or PI: placed at its element
            node, where = finding.node.getparent(), "element"
        while node is not None:
            element = self._origins.element_for(self._numbers[node])
            if element is not None:
                return self._origins.locate(element, where, attribute)
            node, where = node.getparent(), "element"
        return 1, 1


def _elements(root: etree._Element) -> list[etree._Element]:
    return [node for node in root.iter() if isinstance(node.tag, str)]


def _origin(start_tag: str) -> int | None:
    found = _MARKER.match(start_tag)
    return int(found.group(1)) if found else None
