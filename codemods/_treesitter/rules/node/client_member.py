"""A member of a client (``client.verify``, ``this.client.shortCodes``) reaching a product or resource the
Compatibility API lacks."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._vocabulary import MISSING_CAMEL, missing_message
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import NodeFile


def check(file: NodeFile, node: tree_sitter.Node) -> None:
    target = node.child_by_field_name("object")
    prop = node.child_by_field_name("property")
    if target is None or prop is None:
        return
    if target.type == "identifier" and file.rw.text(target) in file.bindings:
        return  # node/binding-member
    holder = file.rw.text(target).removeprefix("this.")
    name = file.rw.text(prop)
    if holder in file.clients and name in MISSING_CAMEL:
        code, what = MISSING_CAMEL[name]
        file.rw.report(prop, code, missing_message(name, code, what))


RULE: Rule[NodeFile] = Rule(
    id="node/client-member",
    matches=("member_expression",),
    check=check,
    fix="",
    constraints="the object holds a client built from RestClient in this file",
    codes=("SW100", "SW104"),
    examples=(
        Example(
            "const client = require('twilio')(sid, token);\nclient.shortCodes.list();\n",
            "const client = require('@signalwire/compatibility-api').RestClient(sid, token);\n// sw-migrate: "
            "SW104 `shortCodes` (Short Codes) is not part of the Compatibility API spec: check SignalWire supports"
            " it\nclient.shortCodes.list();\n",
            ("SW104",),
        ),
        Example(
            "const other = make();\nother.verify.services();\n",
            "const other = make();\nother.verify.services();\n",
        ),
    ),
    phase=1,
)
