"""Marker comments above statements that need a human, added at most once.

The comment text is the idempotency key: a second run finds the same text in the statement's leading lines
and adds nothing, so re-running the codemod never piles up duplicates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import libcst as cst

from migrate.selection import suppression_problem

Statement = cst.SimpleStatementLine | cst.BaseCompoundStatement


def existing_comments(statement: Statement) -> set[str]:
    """Comment texts already above *statement*."""
    return {line.comment.value for line in statement.leading_lines if line.comment is not None}


def add_markers(statement: Statement, comments: list[str]) -> Statement:
    """Return *statement* with each of *comments* above it unless already there (order kept)."""
    present = existing_comments(statement)
    new_lines: list[cst.EmptyLine] = [
        cst.EmptyLine(indent=True, comment=cst.Comment(text))
        for text in dict.fromkeys(comments)
        if text not in present
    ]
    if not new_lines:
        return statement
    return statement.with_changes(leading_lines=[*statement.leading_lines, *new_lines])


#: ``# sw-migrate: ignore[SW130, SW110]`` (those codes or prefixes) or ``# sw-migrate: ignore`` (every code),
#: behind whatever starts a comment in the file's language (``#``, ``//``).
_IGNORE = re.compile(r"sw-migrate:\s*ignore\b(?:\[(?P<codes>[^\]]*)\])?")


def ignores(text: str, code: str) -> bool:
    """Whether the comment or source line *text* holds an ignore comment covering *code*."""
    for match in _IGNORE.finditer(text):
        codes = match["codes"]
        if codes is None or any(code.startswith(c.strip().upper()) for c in codes.split(",") if c.strip()):
            return True
    return False


def bad_ignores(text: str) -> Iterator[tuple[int, int, str]]:
    """``(line, column, problem)`` of each ``ignore[...]`` comment in *text* whose list names a code that
    does not exist, or nothing at all (``ignore[]``): it would silently suppress nothing.

    The column is where ``sw-migrate:`` starts; lines and columns are 1-based, in characters. A bare
    ``ignore`` covers every code and is never wrong.
    """
    if "sw-migrate:" not in text:
        return
    for number, line in enumerate(text.split("\n"), 1):
        for match in _IGNORE.finditer(line):
            if match["codes"] is None:
                continue
            codes = [code.strip().upper() for code in match["codes"].split(",") if code.strip()]
            problem = suppression_problem(codes)
            if problem:
                yield number, match.start() + 1, problem


@functools.lru_cache(maxsize=1)
def _lines(module: cst.Module) -> list[str]:
    return module.code.splitlines()


def ignores_some_line(module: cst.Module) -> bool:
    """Whether any line of *module* holds an ignore comment (so a finding's own line must be checked)."""
    return any(_IGNORE.search(line) for line in _lines(module))


def suppressed(code: str, statement: Statement | None, module: cst.Module | None, line: int) -> bool:
    """A person reviewed this finding: an ignore comment is on its line or above its statement.

    Above the statement is where the codemod's marker comments go, so turning a marker (a TODO) into an
    ignore is editing that one line. A suppressed finding is not reported and gets no marker.
    """
    if statement is not None and any(ignores(text, code) for text in existing_comments(statement)):
        return True
    if module is None:
        return False
    lines = _lines(module)
    return 0 < line <= len(lines) and ignores(lines[line - 1], code)
