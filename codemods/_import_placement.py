"""Place a new standard-library import where isort (and ruff's ``I001``) would put it.

LibCST's ``AddImportsVisitor`` appends new imports after the last top-level import, so ``import os`` lands
below first-party imports and the user's import sorter flags the file the codemod just wrote. Here a
straight ``import`` of a standard-library module goes among the file's leading standard-library imports
in sorted order (straight imports before ``from`` imports, as isort's default profile has it), or, when
there are none, at the top of the import block as a section of its own.
"""

from __future__ import annotations

import sys

import libcst as cst
from libcst.helpers import get_full_name_for_node

from codemods._unused_imports import Binding, import_source


def is_stdlib_import(binding: Binding) -> bool:
    """``import os``-like: a straight import of a standard-library module, with no alias."""
    module, name, asname = binding
    return name is None and asname is None and module.split(".")[0] in sys.stdlib_module_names


def insert_stdlib_import(module: cst.Module, binding: Binding) -> cst.Module | None:
    """*module* with ``import <binding>`` placed in the leading import block; ``None`` if it has none."""
    lines = _leading_imports(module)
    if not lines:
        return None
    new_line = cst.parse_statement(import_source(binding), config=module.config_for_parsing)
    assert isinstance(new_line, cst.SimpleStatementLine)
    body = list(module.body)
    stdlib = [(index, key) for index, key in lines if key is not None]
    ours = (0, binding[0].lower())
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
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            break
        small = statement.body[0]
        if isinstance(small, cst.Import):
            names = [alias.evaluated_name for alias in small.names]
            found.append((index, (0, names[0].lower()) if _all_stdlib(names) else None))
        elif isinstance(small, cst.ImportFrom):
            named = get_full_name_for_node(small.module) if small.module is not None else None
            source = "." * len(small.relative) + (named or "")
            if source == "__future__":
                continue
            found.append((index, (1, source.lower()) if _all_stdlib([source]) else None))
        else:
            break
    return found


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
        while end < len(body) and _import_line_key(body[end]) and not _leading(body[end]):
            end += 1
        run = [line for line in body[start:end] if isinstance(line, cst.SimpleStatementLine)]
        if _import_line_key(body[start]) and any(_is_signalwire(line) for line in run):
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


def _import_line_key(statement: cst.BaseStatement) -> tuple[int, str] | None:
    """isort's key for a one-statement import line (``None`` for anything else, ``__future__`` included)."""
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


def _run_key(statement: cst.BaseStatement) -> tuple[int, str]:
    return _import_line_key(statement) or (2, "")  # every line of a run is an import line


def _is_signalwire(statement: cst.BaseStatement) -> bool:
    key = _import_line_key(statement)
    return key is not None and key[0] == 1 and key[1].split(".")[0] == "signalwire"


def _leading(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and bool(statement.leading_lines)
