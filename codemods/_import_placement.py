"""Keep a migrated file's imports where the user's sorter (isort, ruff's ``I001``) would put them.

Renaming ``from twilio.rest import ...`` in place leaves ``signalwire`` below ``twilio``, and LibCST's
``AddImportsVisitor`` appends new imports after the last one: either way the user's import sorter would
flag the file the codemod just wrote. Two layers:

- :func:`sort_like_before` (on the file's text): when the original already satisfied the user's settings
  (:mod:`codemods._sort_settings`), the migrated file is sorted with those same settings. Only the lines
  the migration touched can move, the result passes the sorter, and a second run finds nothing to do.
- :func:`sort_signalwire_runs` (on the tree): a file that was not sorted before is not sorted wholesale
  (that would rewrite lines the migration has no business with); only the migration's own lines are put
  in order within their run of imports, standard-library lines first, so the result is stable.
"""

from __future__ import annotations

import codecs
import sys

import isort
import libcst as cst
from isort.exceptions import ISortError

from codemods._import_lines import line_key
from codemods._sort_settings import sort_configs

_BOM = b"\xef\xbb\xbf"


def sort_like_before(path: str, old: bytes, new: bytes, encoding: str) -> bytes:
    """*new* with its imports sorted by the first settings *old* already satisfied; else *new* as is."""
    # LibCST names a BOM file's encoding "utf-8-sig", whose encoder writes a BOM of its own: the BOM is
    # taken off and put back here, so the text between is plain UTF-8 and the file keeps exactly one.
    bom = _BOM if new.startswith(_BOM) else b""
    try:
        codec = "utf-8" if codecs.lookup(encoding).name == "utf-8-sig" else encoding
        old_text = old.removeprefix(_BOM).decode(codec)
        new_text = new[len(bom) :].decode(codec)
        for config in sort_configs(path):
            if isort.code(old_text, config=config) == old_text:
                return bom + isort.code(new_text, config=config).encode(codec)
    except (ISortError, UnicodeError, LookupError):
        pass  # "isort: skip_file", or text the sorter cannot handle: leave the order alone
    return new


def sort_signalwire_runs(module: cst.Module) -> cst.Module:
    """Put the migration's ``from signalwire... import`` lines where isort would, run by run.

    Twilio modules renamed in place keep their lines' places, so a sorted ``from twilio.base...`` /
    ``from twilio.rest...`` pair becomes ``twilio.base`` above ``signalwire.rest``. In each run of adjacent
    top-level imports (a comment or blank line ends a run) the signalwire lines are sorted; when the
    other lines of the run are sorted too, the whole run is (so ``from typing import Optional`` directly
    above ``from twilio.rest import Client`` stays above the ``signalwire`` line that replaces it, run after
    run). The run's first line keeps the comments and blank lines above it.
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


def _run_key(statement: cst.BaseStatement) -> tuple[bool, int, str]:
    """Standard-library lines before the rest (isort's sections), then isort's order within one."""
    kind, module = line_key(statement) or (2, "")  # every line of a run is an import line
    return (module.split(".")[0] not in sys.stdlib_module_names, kind, module)


def _is_signalwire(statement: cst.BaseStatement) -> bool:
    key = line_key(statement)
    return key is not None and key[0] == 1 and key[1].split(".")[0] == "signalwire"


def _leading(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and bool(statement.leading_lines)
