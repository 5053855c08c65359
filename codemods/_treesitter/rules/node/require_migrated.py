"""``require('@signalwire/compatibility-api')`` already migrated: follow the names it binds to
``RestClient``, so their uses still get their findings and a second run changes nothing."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._vocabulary import NODE_PACKAGE
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import NodeFile


def check(file: NodeFile, call: tree_sitter.Node) -> None:
    required = file.required(call)
    if required is None or required[1] != NODE_PACKAGE:
        return
    parent = call.parent
    prop = parent.child_by_field_name("property") if parent is not None else None
    if parent is not None and prop is not None and file.rw.text(prop) == "RestClient":
        file.bind(parent)
    elif parent is not None and parent.type == "variable_declarator":
        target = parent.child_by_field_name("name")
        pattern = target is not None and target.type == "object_pattern"
        for item in target.named_children if target is not None and pattern else ():
            key = item.child_by_field_name("key") if item.type == "pair_pattern" else item
            value = item.child_by_field_name("value") if item.type == "pair_pattern" else item
            if key is None or value is None or file.rw.text(key) != "RestClient":
                continue
            if value.type in ("identifier", "shorthand_property_identifier_pattern"):
                file.bindings.add(file.rw.text(value))
            elif value.type == "object_pattern":
                file.destructure(value)


RULE: Rule[NodeFile] = Rule(
    id="node/require-migrated",
    matches=("call_expression",),
    check=check,
    fix="",
    constraints="require('@signalwire/compatibility-api').RestClient or { RestClient: … } = require(…)",
    codes=(),
    examples=(
        Example(
            "const { RestClient: Twilio } = require('@signalwire/compatibility-api');\n"
            "const client = Twilio(sid, token);\nclient.verify.services('VA1');\n",
            "const { RestClient: Twilio } = require('@signalwire/compatibility-api');\n"
            "const client = Twilio(sid, token);\n// sw-migrate: SW100 `verify` is Twilio Verify: the SignalWire"
            " Compatibility API has no equivalent\nclient.verify.services('VA1');\n",
            ("SW100",),
        ),
    ),
)
