"""Drop the imports a rewrite leaves without users, decided from the original module's scopes.

LibCST's ``RemoveImportsVisitor`` re-derives scopes on the rewritten tree and builds half a dozen matcher
visitors per file, which made it the single largest cost of migrating a Twilio file. The codemod already has
the original scopes, and knows exactly which references it replaced, so the decision is a set comparison:
an import binding goes when every reference to it was replaced (never when it was unused to begin with —
that is the user's business).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata.scope_provider import ImportAssignment, Scope

from codemods._import_lines import Binding, new_import_lines, with_imports


def expression_nodes(node: cst.BaseExpression) -> list[cst.CSTNode]:
    """The Name/Attribute nodes of a dotted expression: what a scope records as its references."""
    found: list[cst.CSTNode] = []
    current: cst.BaseExpression = node
    while isinstance(current, cst.Attribute):
        found.append(current)
        current = current.value
    if isinstance(current, cst.Name):
        found.append(current)
    return found


def _bound_names(alias: cst.ImportAlias) -> set[str]:
    if alias.asname is not None:
        return {alias.evaluated_alias or ""}
    parts = alias.evaluated_name.split(".")
    return {".".join(parts[: index + 1]) for index in range(len(parts))}


def _binding(statement: cst.Import | cst.ImportFrom, alias: cst.ImportAlias) -> Binding | None:
    if isinstance(statement, cst.Import):
        return (alias.evaluated_name, None, alias.evaluated_alias)
    if statement.relative or statement.module is None:
        return None
    return (get_full_name_for_node(statement.module) or "", alias.evaluated_name, alias.evaluated_alias)


def orphaned_imports(scopes: Iterable[Scope | None], replaced: Collection[cst.CSTNode]) -> set[Binding]:
    """Import bindings all of whose references are in *replaced* (and which had at least one)."""
    by_statement: dict[cst.CSTNode, list[ImportAssignment]] = {}
    for scope in scopes:
        if scope is None:
            continue
        for assignment in scope.assignments:
            if isinstance(assignment, ImportAssignment):
                by_statement.setdefault(assignment.node, []).append(assignment)
    orphans: set[Binding] = set()
    for statement, assignments in by_statement.items():
        if not isinstance(statement, (cst.Import, cst.ImportFrom)) or isinstance(
            statement.names, cst.ImportStar
        ):
            continue
        for alias in statement.names:
            names = _bound_names(alias)
            references = [ref.node for item in assignments if item.name in names for ref in item.references]
            binding = _binding(statement, alias)
            if binding and references and all(node in replaced for node in references):
                orphans.add(binding)
    return orphans


def top_level_imports(module: cst.Module) -> set[Binding]:
    """Bindings the module already imports at top level (so they are never added twice)."""
    found: set[Binding] = set()
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(
                small.names, cst.ImportStar
            ):
                found.update(b for alias in small.names if (b := _binding(small, alias)) is not None)
    return found


class DropImports(cst.CSTTransformer):
    """Remove the given bindings from import statements (the whole statement when nothing is left).

    The *additions* land where the old imports were: they replace the first top-level import line that
    disappears entirely, or join the first one that only loses names (sorted with what it keeps, as isort
    would: ``from signalwire...`` above ``from twilio...``), inheriting its comments and blank lines.
    Whatever could not be placed that way is left in :attr:`unplaced` for ``AddImportsVisitor``.
    """

    def __init__(
        self, bindings: set[Binding], additions: list[Binding], config: cst.PartialParserConfig
    ) -> None:
        super().__init__()
        self.bindings = bindings
        self.unplaced = list(additions)
        self._config = config
        self._depth = 0
        self._narrowed = False  # the import statement just left lost some of its names

    def on_visit(self, node: cst.CSTNode) -> bool:
        """Imports are statements: expressions and other small statements are never entered (or rebuilt)."""
        if isinstance(node, (cst.BaseExpression, cst.BaseSmallStatement)) and not isinstance(
            node, (cst.Import, cst.ImportFrom)
        ):
            return False
        return super().on_visit(node)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._depth += 1

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        self._depth -= 1
        return updated_node

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.SimpleStatementLine]:
        narrowed, self._narrowed = self._narrowed, False
        if self._depth or not self.unplaced or (updated_node.body and not narrowed):
            return updated_node
        additions, self.unplaced = self.unplaced, []
        if updated_node.body:
            return cst.FlattenSentinel(with_imports(updated_node, additions, self._config))
        lines = [added for _key, added in new_import_lines(additions, self._config)]
        first = lines[0].with_changes(leading_lines=original_node.leading_lines)
        return cst.FlattenSentinel([first, *lines[1:]])

    def leave_Import(
        self, original_node: cst.Import, updated_node: cst.Import
    ) -> cst.Import | cst.RemovalSentinel:
        kept = [a for a in updated_node.names if _binding(updated_node, a) not in self.bindings]
        if not kept:
            return cst.RemovalSentinel.REMOVE
        if len(kept) == len(updated_node.names):
            return updated_node
        self._narrowed = True
        return updated_node.with_changes(names=_last(kept))

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.RemovalSentinel:
        names = updated_node.names
        if isinstance(names, cst.ImportStar):
            return updated_node
        kept = [a for a in names if _binding(updated_node, a) not in self.bindings]
        if not kept:
            return cst.RemovalSentinel.REMOVE
        if len(kept) == len(names):
            return updated_node
        self._narrowed = True
        return updated_node.with_changes(names=_last(kept))


def _last(kept: list[cst.ImportAlias]) -> list[cst.ImportAlias]:
    """No dangling comma after the last name that remains."""
    return [*kept[:-1], kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
