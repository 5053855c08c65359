"""Node.js, PHP, Ruby and C# codemods on one engine: tree-sitter finds the nodes, edits are byte splices.

:func:`migrate_source` is the one-file entry point the runner calls for every file whose extension has a
grammar (:func:`grammar_for`); each language's rules live in their own package under
:mod:`codemods._treesitter.rules`, one module per rule.
"""

from __future__ import annotations

from codemods._findings import Finding
from codemods._treesitter._engine import Rewrite, SyntaxErrors, finish
from codemods._treesitter._languages import FAMILIES, FAMILY_OF, Family, Grammar, grammar_for
from codemods._treesitter.rules import MIGRATE
from migrate.selection import Selection

__all__ = ["FAMILIES", "FAMILY_OF", "Family", "Grammar", "SyntaxErrors", "grammar_for", "migrate_source"]


def migrate_source(
    data: bytes,
    path: str,
    grammar: Grammar,
    space_url: str | None = None,
    selection: Selection | None = None,
) -> tuple[bytes, list[Finding]]:
    """Migrate one file's bytes; raises :class:`SyntaxErrors` when the file does not parse cleanly.

    Codes *selection* leaves out are neither reported nor marked in the file."""
    rewrite = Rewrite.parse(data, path, grammar, space_url, selection or Selection())
    MIGRATE[FAMILY_OF[grammar]](rewrite)
    return finish(rewrite)
