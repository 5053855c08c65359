"""A tree-sitter rewrite rule as a value, after ast-grep: what it matches, its fix, its constraints, the
finding codes it reports, and its own before/after examples (the tests run every one of them).

A rule's :attr:`Rule.check` reads one matched node in the context of the file (a language's ``File`` object:
the bindings and clients found so far, the helpers rules share) and records edits and findings on the file's
:class:`~codemods._treesitter._engine.Rewrite`. Rules of one phase see the nodes in document order; a later
phase starts after the earlier one has seen every node (bindings first, then their uses).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import tree_sitter

from codemods._treesitter._languages import Grammar

FileT = TypeVar("FileT", contravariant=True)  # a rule for any file type also fits a narrower one
F = TypeVar("F")


@dataclass(frozen=True)
class Example:
    """One before/after case: *before* migrated gives *after* and reports *codes* (any order)."""

    before: str
    after: str
    codes: tuple[str, ...] = ()
    grammar: Grammar | None = None  # the language's main grammar when None
    space_url: str | None = None

    @property
    def negative(self) -> bool:
        """A look-alike: the file must come out as it went in, with nothing reported."""
        return self.before == self.after and not self.codes


@dataclass(frozen=True)
class Rule(Generic[FileT]):
    """One rewrite or finding, declared as data around the function that applies it."""

    id: str
    matches: tuple[str, ...]  # tree-sitter node types the rule looks at
    check: Callable[[FileT, tree_sitter.Node], None]
    fix: str  # the rewrite, in words ("" for a finding-only rule)
    constraints: str  # when it applies, in words
    codes: tuple[str, ...]  # the finding codes it may report
    examples: tuple[Example, ...]
    phase: int = 0


Plan = list[dict[str, list[Callable[[F, tree_sitter.Node], None]]]]


def plan(rules: Sequence[Rule[F]]) -> Plan[F]:
    """Per phase, node type → the checks to run on it, in declaration order (built once per rule set)."""
    phases: Plan[F] = []
    for phase in sorted({rule.phase for rule in rules}):
        table: dict[str, list[Callable[[F, tree_sitter.Node], None]]] = {}
        for rule in rules:
            if rule.phase == phase:
                for kind in rule.matches:
                    table.setdefault(kind, []).append(rule.check)
        phases.append(table)
    return phases


def apply(file: F, phases: Plan[F], nodes: Sequence[tree_sitter.Node]) -> None:
    """Run every phase's checks over *nodes* (document order)."""
    for table in phases:
        for node in nodes:
            checks = table.get(node.type)
            if checks:
                for check in checks:
                    check(file, node)
