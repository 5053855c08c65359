"""Import lines: what a binding is, how its statement reads, and where isort would sort it.

Shared by the pass that drops orphaned imports (new lines take the place of old ones) and the pass that
places standard-library imports; both sort the way isort's default profile does, so files whose imports
were sorted stay sorted.
"""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

Binding = tuple[str, str | None, str | None]  # (module, name or None for ``import module``, asname)


def import_source(binding: Binding) -> str:
    """``from m import n as a`` / ``import m``: the statement that creates *binding*."""
    module, name, asname = binding
    alias = f" as {asname}" if asname else ""
    return f"from {module} import {name}{alias}" if name else f"import {module}{alias}"


def import_line(binding: Binding, config: cst.PartialParserConfig) -> cst.SimpleStatementLine:
    """The statement for *binding*, parsed with the module's own configuration (newline, indentation)."""
    line = cst.parse_statement(import_source(binding), config=config)
    assert isinstance(line, cst.SimpleStatementLine)
    return line


def with_imports(
    line: cst.SimpleStatementLine, additions: list[Binding], config: cst.PartialParserConfig
) -> list[cst.SimpleStatementLine]:
    """The import *line* and new lines for *additions*, in isort order (``from signalwire...`` above
    ``from twilio...``); the first of them carries the comments and blank lines that were above *line*."""
    kept = line_key(line) or (1, "")
    new = new_import_lines(additions, config)
    lines = [
        *(added for key, added in new if key < kept),
        line.with_changes(leading_lines=()),
        *(added for key, added in new if key >= kept),
    ]
    return [lines[0].with_changes(leading_lines=line.leading_lines), *lines[1:]]


def new_import_lines(
    additions: list[Binding], config: cst.PartialParserConfig
) -> list[tuple[tuple[int, str], cst.SimpleStatementLine]]:
    """Import lines for *additions*, one per module for names, sorted as isort would, each with its key."""
    by_module: dict[Binding, list[Binding]] = {}
    for binding in additions:
        by_module.setdefault((binding[0], None, None) if binding[1] else binding, []).append(binding)
    lines = [(binding_key(group[0]), _grouped_import_line(group, config)) for group in by_module.values()]
    return sorted(lines, key=lambda keyed: keyed[0])


def _grouped_import_line(bindings: list[Binding], config: cst.PartialParserConfig) -> cst.SimpleStatementLine:
    """One line importing *bindings* (several names from one module, or one straight import)."""
    if len(bindings) == 1:
        return import_line(bindings[0], config)
    names = ", ".join(f"{name} as {asname}" if asname else str(name) for _module, name, asname in bindings)
    line = cst.parse_statement(f"from {bindings[0][0]} import {names}", config=config)
    assert isinstance(line, cst.SimpleStatementLine)
    return line


def binding_key(binding: Binding) -> tuple[int, str]:
    """isort's order within a section: straight imports first, then by module name."""
    module, name, _asname = binding
    return (0 if name is None else 1, module.lower())


def line_key(statement: cst.BaseStatement) -> tuple[int, str] | None:
    """isort's key for a one-statement import line; ``None`` for other lines and ``__future__`` imports."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if isinstance(small, cst.Import):
        return (0, small.names[0].evaluated_name.lower())
    if isinstance(small, cst.ImportFrom):
        named = get_full_name_for_node(small.module) if small.module is not None else None
        source = "." * len(small.relative) + (named or "")
        return None if source == "__future__" else (1, source.lower())
    return None
