"""``new RequestValidator(token)`` from ``Twilio.Security``: SignalWire signs webhooks with the project's
Signing Key, not the auth token."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._vocabulary import VALIDATION_MESSAGE
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.csharp._file import CSharpFile


def check(file: CSharpFile, node: tree_sitter.Node) -> None:
    parent = node.parent
    type_use = parent is not None and parent.type in ("object_creation_expression", "variable_declaration")
    if type_use and "Twilio.Security" in file.names and file.rw.text(node) == "RequestValidator":
        file.rw.report(node, "SW120", f"`RequestValidator`: {VALIDATION_MESSAGE}")


RULE: Rule[CSharpFile] = Rule(
    id="csharp/request-validator",
    matches=("identifier",),
    check=check,
    fix="",
    constraints="using Twilio.Security; RequestValidator as a type (new, declaration)",
    codes=("SW120",),
    examples=(
        Example(
            "using Twilio.Security;\n\nvar validator = new RequestValidator(token);\n",
            "// sw-migrate: SW120 `Twilio.Security`: SignalWire signs webhooks with the project's Signing Key, not the auth token: review\n"
            "using Twilio.Security;\n\n"
            "// sw-migrate: SW120 `RequestValidator`: SignalWire signs webhooks with the project's Signing Key, not the auth token: review\n"
            "var validator = new RequestValidator(token);\n",
            ("SW120", "SW120"),
        ),
        Example(
            "using MyApp.Security;\n\nvar v = new RequestValidator(token);\n",
            "using MyApp.Security;\n\nvar v = new RequestValidator(token);\n",
        ),
    ),
    phase=1,
)
