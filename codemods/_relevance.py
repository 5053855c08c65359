"""Which statements the codemod has to look into: the rest of a file is skipped, never rebuilt.

A LibCST transformer rebuilds every node it descends into, and in a typical Twilio file only a few
statements mention anything the codemod rewrites or reports. :class:`RelevanceProvider` rides along in the
same batched traversal that computes scopes (it has no dependencies of its own, so it costs no extra pass)
and records, per statement, the identifiers it contains and whether it holds an import or a string worth
reporting; :func:`relevant_statements` then keeps the statements whose identifiers meet the vocabulary
(plus every name a ``twilio``/``signalwire`` import binds). The test is deliberately generous: a statement
kept needlessly costs a little time, a statement skipped wrongly would lose a rewrite.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import BatchableMetadataProvider
from libcst.metadata.scope_provider import ImportAssignment, Scope

from codemods._spec_surface import TWILIO_ACCOUNT_RESOURCES, TWILIO_CALL_RESOURCES
from codemods._vocabulary import (
    LEGACY_RESOURCES,
    NINE_ONLY_BUILDER_METHODS,
    REGION_ENV_VARS,
    UNSUPPORTED_PRODUCTS,
)
from migrate.hosted import hosted_in_text

#: Marks a statement that must be visited whatever names it holds (an import, a reportable string).
ALWAYS = "\x00"
#: Identifiers that make a statement relevant on their own (attribute names the findings look at).
VOCABULARY = frozenset(
    {
        "twilio",
        "signalwire",
        "patch",
        *UNSUPPORTED_PRODUCTS,
        *LEGACY_RESOURCES,
        *TWILIO_ACCOUNT_RESOURCES,
        *TWILIO_CALL_RESOURCES,
        *NINE_ONLY_BUILDER_METHODS,
    }
)

_Statement = cst.SimpleStatementLine | cst.BaseCompoundStatement


class RelevanceProvider(BatchableMetadataProvider[frozenset[str]]):
    """Statement -> the identifiers in it (``ALWAYS`` for imports and reportable strings)."""

    def __init__(self) -> None:
        super().__init__()
        self._stack: list[set[str]] = []

    def _enter(self) -> None:
        self._stack.append(set())

    def _exit(self, node: cst.CSTNode) -> None:
        names = self._stack.pop()
        if self._stack:
            self._stack[-1].update(names)
        self.set_metadata(node, frozenset(names))

    def _note(self, name: str) -> None:
        if self._stack:
            self._stack[-1].add(name)

    # Statements: one enter/leave pair per statement type (batched visitors have no generic hook).

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self._enter()

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine) -> None:
        self._exit(original_node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._enter()

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._exit(original_node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._enter()

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._exit(original_node)

    def visit_If(self, node: cst.If) -> None:
        self._enter()

    def leave_If(self, original_node: cst.If) -> None:
        self._exit(original_node)

    def visit_For(self, node: cst.For) -> None:
        self._enter()

    def leave_For(self, original_node: cst.For) -> None:
        self._exit(original_node)

    def visit_While(self, node: cst.While) -> None:
        self._enter()

    def leave_While(self, original_node: cst.While) -> None:
        self._exit(original_node)

    def visit_Try(self, node: cst.Try) -> None:
        self._enter()

    def leave_Try(self, original_node: cst.Try) -> None:
        self._exit(original_node)

    def visit_TryStar(self, node: cst.TryStar) -> None:
        self._enter()

    def leave_TryStar(self, original_node: cst.TryStar) -> None:
        self._exit(original_node)

    def visit_With(self, node: cst.With) -> None:
        self._enter()

    def leave_With(self, original_node: cst.With) -> None:
        self._exit(original_node)

    def visit_Match(self, node: cst.Match) -> None:
        self._enter()

    def leave_Match(self, original_node: cst.Match) -> None:
        self._exit(original_node)

    def visit_Name(self, node: cst.Name) -> None:
        self._note(node.value)

    def visit_Import(self, node: cst.Import) -> None:
        self._note(ALWAYS)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._note(ALWAYS)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._text(node.value)

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self._text(node.value)

    def _text(self, text: str) -> None:
        if any(name in text for name in REGION_ENV_VARS) or hosted_in_text(text) is not None:
            self._note(ALWAYS)


def _relevant_name(name: str, bound: frozenset[str]) -> bool:
    lowered = name.lower()
    return (
        name in VOCABULARY
        or name in bound
        or "client" in lowered
        or "twilio" in lowered
        or name.endswith("_async")
    )


def sdk_bound_names(scopes: Iterable[Scope | None]) -> frozenset[str]:
    """Names any ``twilio``/``signalwire`` import binds, in any scope (aliases included)."""
    names: set[str] = set()
    for scope in scopes:
        if scope is None:
            continue
        for assignment in scope.assignments:
            node = assignment.node if isinstance(assignment, ImportAssignment) else None
            if isinstance(node, (cst.Import, cst.ImportFrom)) and _from_sdk(node):
                names.add(assignment.name.split(".")[0])
    return frozenset(names)


def _from_sdk(node: cst.Import | cst.ImportFrom) -> bool:
    if isinstance(node, cst.ImportFrom):
        source = get_full_name_for_node(node.module) if node.module is not None else ""
        return not node.relative and ("twilio" in (source or "") or "signalwire" in (source or ""))
    return any(
        "twilio" in alias.evaluated_name or "signalwire" in alias.evaluated_name for alias in node.names
    )


def relevant_statements(
    names: Mapping[cst.CSTNode, frozenset[str]], bound: Iterable[str]
) -> set[cst.CSTNode]:
    """The statements holding an import, a reportable string or a relevant identifier."""
    bound = frozenset(bound)
    return {
        statement
        for statement, found in names.items()
        if ALWAYS in found or any(_relevant_name(name, bound) for name in found)
    }
