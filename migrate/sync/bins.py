"""Checking a bin before it is created, and the one Handlebars rewrite that is purely mechanical.

Twilio TwiML Bins are Handlebars templates; SignalWire renders mustache. ``{{#if x}}A{{else}}B{{/if}}`` means
exactly ``{{#x}}A{{/x}}{{^x}}B{{/x}}`` and ``{{#unless x}}`` means ``{{^x}}``, so those are rewritten and the
result validated again. Anything else Handlebars-only (helpers, ``#each``/``#with``, paths) changes meaning
in ways a person must judge: the bin is reported and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import laml
from laml import Diagnostic, Severity

#: Any mustache/Handlebars tag, triple braces included.
_TAG = re.compile(r"\{\{\{?[^{}]*\}?\}\}")
_IF_OPEN = re.compile(r"^\{\{\s*#\s*(if|unless)\s+([A-Za-z_][\w.]*)\s*\}\}$")
_IF_CLOSE = re.compile(r"^\{\{\s*/\s*(if|unless)\s*\}\}$")
_ELSE = re.compile(r"^\{\{\s*else\s*\}\}$")
_HANDLEBARS_CODE = "LAML303"


@dataclass(frozen=True)
class BinCheck:
    """The contents to create (possibly converted), and every diagnostic of the contents checked."""

    contents: str
    converted: bool
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


def convert_handlebars(template: str) -> str | None:
    """The mustache equivalent of a template using only ``#if``/``#unless``/``else``; ``None`` otherwise.

    Returns the template unchanged when it has no such block. Blocks may nest; an ``{{else}}`` belongs to
    the innermost open block.
    """
    out: list[str] = []
    stack: list[tuple[str, str]] = []  # (block, variable)
    position = 0
    for match in _TAG.finditer(template):
        out.append(template[position : match.start()])
        position = match.end()
        tag = match.group(0)
        opened, closed = _IF_OPEN.match(tag), _IF_CLOSE.match(tag)
        if opened:
            block, name = opened.groups()
            stack.append((block, name))
            out.append(f"{{{{#{name}}}}}" if block == "if" else f"{{{{^{name}}}}}")
        elif _ELSE.match(tag):
            if not stack:
                return None
            block, name = stack[-1]
            out.append(f"{{{{/{name}}}}}" + (f"{{{{^{name}}}}}" if block == "if" else f"{{{{#{name}}}}}"))
        elif closed:
            if not stack or stack[-1][0] != closed.group(1):
                return None
            out.append(f"{{{{/{stack.pop()[1]}}}}}")
        else:
            out.append(tag)
    out.append(template[position:])
    return None if stack else "".join(out)


def check_bin(name: str, contents: str) -> BinCheck:
    """Validate *contents* as a LaML Bin; convert Handlebars ``if``/``unless`` when that fixes it."""
    diagnostics = laml.validate(contents, dialect="laml", bin=True, path=name)
    if not any(d.code == _HANDLEBARS_CODE for d in diagnostics):
        return BinCheck(contents, False, tuple(diagnostics))
    converted = convert_handlebars(contents)
    if converted is None or converted == contents:
        return BinCheck(contents, False, tuple(diagnostics))
    again = laml.validate(converted, dialect="laml", bin=True, path=name)
    if any(d.code == _HANDLEBARS_CODE for d in again):
        return BinCheck(contents, False, tuple(diagnostics))
    return BinCheck(converted, True, tuple(again))
