"""The state of one validation: its options and the findings so far, recorded against lxml nodes.

Findings carry nodes rather than positions: most documents have nothing to report, and working out line and
column (see :mod:`laml._locate`) costs more than checking a clean document, so it is done only at the end and
only for documents that need it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, NamedTuple

from lxml import etree

DialectName = Literal["laml", "twiml"]
Where = Literal["element", "attribute", "text", "tail"]


class Finding(NamedTuple):
    """One problem found, located later: at the node's start tag, one of its attributes, its text, or the
    text after it (its tail)."""

    node: etree._Element
    where: Where
    code: str
    message: str
    fix: str | None = None
    attribute: str = ""


class Walk:
    """Options and findings of one validation (a plain slotted class: one is made per document).

    ``checkers`` are the element checkers compiled for this dialect and templating; ``ends_early`` is set
    when a terminal verb (``<Hangup>``, ``<Redirect>``, ``<Reject>``) appears among the document's verbs, so
    the reachability rule runs only for documents that have one.
    """

    __slots__ = ("checkers", "dialect", "ends_early", "findings", "templated")

    def __init__(self, dialect: DialectName, templated: bool, checkers: dict[str, Checker]) -> None:
        self.dialect = dialect
        self.templated = templated
        self.checkers = checkers
        self.findings: list[Finding] = []
        self.ends_early = False

    def add(
        self,
        node: etree._Element,
        where: Where,
        code: str,
        message: str,
        *,
        fix: str | None = None,
        attribute: str = "",
    ) -> None:
        self.findings.append(_new(Finding, (node, where, code, message, fix, attribute)))


#: Makes a Finding without the named tuple's Python-level constructor (a finding is made per problem).
_new = tuple.__new__


#: Checks one element (and, through the checkers it holds, its subtree), adding findings to the walk.
Checker = Callable[[etree._Element, Walk], None]
