"""Keep a migrated file's imports where isort (and ruff's ``I001``) would put them.

LibCST's ``AddImportsVisitor`` appends new imports after the last top-level import, and renaming a twilio
import in place leaves ``signalwire`` below ``twilio``: either way the user's import sorter flags the file
the codemod just wrote. Here a straight ``import`` of a standard-library module goes among the file's
leading standard-library imports in sorted order (straight imports before ``from`` imports, as isort's
default profile has it), or at the top of the import block as a section of its own; and signalwire lines
are moved to their sorted place in their run of imports.
"""

from __future__ import annotations

import sys

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemods._import_lines import Binding, binding_key, import_line, line_key


def is_stdlib_import(binding: Binding) -> bool:
    """``import os``-like: a straight import of a standard-library module, with no alias."""
    module, name, asname = binding
    return name is None and asname is None and module.split(".")[0] in sys.stdlib_module_names


def insert_stdlib_import(module: cst.Module, binding: Binding) -> cst.Module | None:
    """*module* with ``import <binding>`` placed in the leading import block; ``None`` if it has none."""
    lines = _leading_imports(module)
    if not lines:
        return None
    new_line = import_line(binding, module.config_for_parsing)
    body = list(module.body)
    stdlib = [(index, key) for index, key in lines if key is not None]
    ours = binding_key(binding)
    later = [index for index, key in stdlib if key > ours]
    if stdlib and not later:
        body.insert(stdlib[-1][0] + 1, new_line)
        return module.with_changes(body=body)
    # Before a later standard-library import, or above the whole block as a section of its own. The new
    # line takes over the comments and blank lines above the line it goes before.
    at = later[0] if stdlib else lines[0][0]
    following = body[at]
    assert isinstance(following, cst.SimpleStatementLine)
    body[at : at + 1] = [
        new_line.with_changes(leading_lines=following.leading_lines),
        following.with_changes(leading_lines=() if stdlib else (cst.EmptyLine(),)),
    ]
    return module.with_changes(body=body)


def _leading_imports(module: cst.Module) -> list[tuple[int, tuple[int, str] | None]]:
    """(index in the body, isort key if it is a standard-library import) of the leading import lines.

    The block starts after the docstring and any ``from __future__`` imports and ends at the first
    statement that is not an import.
    """
    found: list[tuple[int, tuple[int, str] | None]] = []
    for index, statement in enumerate(module.body):
        if index == 0 and module.get_docstring() is not None:
            continue
        key = line_key(statement)
        if key is None and _is_future_import(statement):
            continue
        if key is None:
            break
        found.append((index, key if _is_stdlib_line(statement) else None))
    return found


def _is_future_import(statement: cst.BaseStatement) -> bool:
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    small = statement.body[0]
    return (
        isinstance(small, cst.ImportFrom)
        and small.module is not None
        and (get_full_name_for_node(small.module) == "__future__")
    )


def _is_stdlib_line(statement: cst.BaseStatement) -> bool:
    assert isinstance(statement, cst.SimpleStatementLine)
    small = statement.body[0]
    if isinstance(small, cst.Import):
        return _all_stdlib([alias.evaluated_name for alias in small.names])
    assert isinstance(small, cst.ImportFrom)
    module = get_full_name_for_node(small.module) if small.module is not None else None
    return not small.relative and module is not None and _all_stdlib([module])


def _all_stdlib(modules: list[str]) -> bool:
    return all(module.split(".")[0] in sys.stdlib_module_names for module in modules)


def sort_signalwire_runs(module: cst.Module) -> cst.Module:
    """Put the migration's ``from signalwire... import`` lines where isort would, run by run.

    Twilio modules renamed in place keep their lines' places, so a sorted ``from twilio.base...`` /
    ``from twilio.rest...`` pair becomes ``twilio.base`` above ``signalwire.rest``. In each run of adjacent
    top-level imports (a comment or blank line ends a run) the signalwire lines are sorted; when the
    other lines of the run are sorted too (the file is kept sorted), the whole run is. The run's first
    line keeps the comments and blank lines above it.
    """
    body = list(module.body)
    start = 0
    while start < len(body):
        end = start + 1
        while end < len(body) and line_key(body[end]) and not _leading(body[end]):
            end += 1
        run = [line for line in body[start:end] if isinstance(line, cst.SimpleStatementLine)]
        if line_key(body[start]) and any(_is_signalwire(line) for line in run):
            body[start:end] = _sorted_run(run)
        start = end
    return module.with_changes(body=body)


def _sorted_run(run: list[cst.SimpleStatementLine]) -> list[cst.SimpleStatementLine]:
    ours = sorted((line for line in run if _is_signalwire(line)), key=_run_key)
    keys = [_run_key(line) for line in run if not _is_signalwire(line)]
    if keys == sorted(keys):
        ordered = sorted(run, key=_run_key)
    else:
        mine = iter(ours)
        ordered = [next(mine) if _is_signalwire(line) else line for line in run]
    if ordered == run:
        return run
    ordered = [line.with_changes(leading_lines=()) for line in ordered]
    ordered[0] = ordered[0].with_changes(leading_lines=run[0].leading_lines)
    return ordered


def _run_key(statement: cst.BaseStatement) -> tuple[int, str]:
    return line_key(statement) or (2, "")  # every line of a run is an import line


def _is_signalwire(statement: cst.BaseStatement) -> bool:
    key = line_key(statement)
    return key is not None and key[0] == 1 and key[1].split(".")[0] == "signalwire"


def _leading(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and bool(statement.leading_lines)
