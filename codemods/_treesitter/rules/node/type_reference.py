"""A TypeScript type naming a bound client constructor (``private client: Twilio``) →
``ReturnType<typeof Twilio>``: ``RestClient`` is a function, not a class."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import NodeFile


def check(file: NodeFile, node: tree_sitter.Node) -> None:
    parent = node.parent
    name = file.rw.text(node)
    if name in file.bindings and (parent is None or parent.type != "nested_type_identifier"):
        file.rw.replace(node, f"ReturnType<typeof {name}>")


RULE: Rule[NodeFile] = Rule(
    id="node/type-reference",
    matches=("type_identifier",),
    check=check,
    fix="<binding> as a type → ReturnType<typeof <binding>>",
    constraints="the type names a binding on its own (not twilio.Twilio)",
    codes=(),
    examples=(
        Example(
            "import { Twilio } from 'twilio';\nlet client: Twilio;\n",
            "import { RestClient as Twilio } from '@signalwire/compatibility-api';\n"
            "let client: ReturnType<typeof Twilio>;\n",
            grammar="typescript",
        ),
    ),
    phase=1,
)
