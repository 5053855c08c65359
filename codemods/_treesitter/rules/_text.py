"""The one rule every language has: string literals (and names) holding a Twilio-hosted URL (SW110) or a
``MessagingServiceSid`` read (SW172); only the node types differ."""

from __future__ import annotations

from typing import Protocol

import tree_sitter

from codemods._treesitter._common import check_text
from codemods._treesitter._engine import Rewrite
from codemods._treesitter.rules._rule import Example, Rule


class _File(Protocol):
    rw: Rewrite


def _check(file: _File, node: tree_sitter.Node) -> None:
    check_text(file.rw, node)


def text_rule(family: str, matches: tuple[str, ...], examples: tuple[Example, ...]) -> Rule[_File]:
    """The ``<family>/text`` rule over *matches* (that language's string and name node types)."""
    return Rule(
        id=f"{family}/text",
        matches=matches,
        check=_check,
        fix="",
        constraints="any " + " or ".join(kind.replace("_", " ") for kind in matches),
        codes=("SW110", "SW172"),
        examples=examples,
        phase=1,
    )
