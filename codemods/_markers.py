"""Marker comments above statements that need a human, added at most once.

The comment text is the idempotency key: a second run finds the same text in the statement's leading lines
and adds nothing, so re-running the codemod never piles up duplicates.
"""

from __future__ import annotations

import libcst as cst

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
