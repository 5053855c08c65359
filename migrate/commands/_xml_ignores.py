"""Suppression comments in documents: ``<!-- sw-migrate: ignore LAML210 -->`` before an element.

The comment covers the element that follows it: its start tag, attributes, text and everything inside it, so
one comment before ``<Response>`` covers the whole document. It names codes (or prefixes), separated by
spaces or commas; without codes it covers every finding. A code that names nothing is reported at the
comment (``LAML006``). The document is scanned as text, decoded the way the validator decodes it (UTF-16
and UTF-32 included), only when it has findings (or a comment to check): findings carry line and
column in that text, not elements.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from laml import Diagnostic, Severity
from laml._parsing import document_text
from migrate.selection import suppression_problem

_IGNORE = re.compile(r"<!--\s*sw-migrate:\s*ignore\b(?P<codes>.*?)-->", re.DOTALL)
_ATTRIBUTE = r"""\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*')"""
#: Comments, CDATA and processing instructions (skipped), end tags and start tags (attribute values may
#: hold ``>``).
_MARKUP = re.compile(
    rf"(?P<skip><!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>)"
    rf"|(?P<end></[^>]*>)"
    rf"|(?P<start><[^\s/>!?][^\s/>]*(?:{_ATTRIBUTE})*\s*(?P<empty>/)?>)",
    re.DOTALL,
)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    codes: tuple[str, ...]  # empty: every code

    def covers(self, offset: int, code: str) -> bool:
        return self.start <= offset < self.end and (
            not self.codes or any(code.startswith(c) for c in self.codes)
        )


def unsuppressed(source: bytes, diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """*diagnostics* minus those an ignore comment in *source* covers."""
    if not diagnostics:
        return list(diagnostics)
    text = document_text(source)  # decoded as the validator decodes it, so lines and columns agree
    if "sw-migrate:" not in text:
        return list(diagnostics)
    spans = list(_spans(text))
    if not spans:
        return list(diagnostics)
    line_starts = _line_starts(text)

    def offset(diagnostic: Diagnostic) -> int:
        line = min(max(diagnostic.line, 1), len(line_starts))
        return line_starts[line - 1] + max(diagnostic.col - 1, 0)

    return [d for d in diagnostics if not any(span.covers(offset(d), d.code) for span in spans)]


def bad_comments(source: bytes, path: str, *, strict: bool = False) -> list[Diagnostic]:
    """``LAML006`` at each ignore comment in *source* naming a code that does not exist: a typo
    (``ignore LAML-210``) would otherwise suppress nothing and say nothing. A warning, an error with
    ``--strict``, like the validator's own warnings."""
    if b"sw-migrate" not in source and b"\0" not in source:  # NULs: UTF-16 or UTF-32, decoded to look
        return []
    text = document_text(source)
    line_starts = _line_starts(text)
    found = []
    for comment in _IGNORE.finditer(text):
        codes = _codes(comment)
        problem = suppression_problem(codes) if codes else None  # no codes: every code, never wrong
        if problem:
            line = bisect.bisect_right(line_starts, comment.start())
            col = comment.start() - line_starts[line - 1] + 1
            found.append(
                Diagnostic(
                    path, line, col, "LAML006", Severity.ERROR if strict else Severity.WARNING, problem
                )
            )
    return found


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]


def _codes(comment: re.Match[str]) -> tuple[str, ...]:
    return tuple(code.upper() for code in re.split(r"[\s,]+", comment["codes"]) if code)


def _spans(text: str) -> Iterator[_Span]:
    for comment in _IGNORE.finditer(text):
        codes = _codes(comment)
        element = _element_after(text, comment.end())
        if element is not None:
            yield _Span(*element, codes)


def _element_after(text: str, position: int) -> tuple[int, int] | None:
    """Start and end offsets of the element whose start tag comes next after *position*."""
    depth, start = 0, -1
    for markup in _MARKUP.finditer(text, position):
        if markup["skip"]:
            continue
        if markup["end"]:
            if depth == 0:
                return None  # the comment closes its parent: nothing follows it
            depth -= 1
        elif start < 0:
            start = markup.start()
            depth = 0 if markup["empty"] else 1
        elif not markup["empty"]:
            depth += 1
        if start >= 0 and depth == 0:
            return start, markup.end()
    return None
