"""``….messages.create({ from })`` / ``….calls.create({ from })``: the spec says ``From`` must become a number
of the SignalWire project."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._common import report_from
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import NodeFile


def check(file: NodeFile, call: tree_sitter.Node) -> None:
    function = call.child_by_field_name("function")
    if function is None or function.type != "member_expression":
        return
    if not file.bindings or not file.rw.text(function).endswith((".messages.create", ".calls.create")):
        return
    arguments = call.child_by_field_name("arguments")
    for argument in arguments.named_children if arguments is not None else ():
        for pair in argument.named_children if argument.type == "object" else ():
            key = pair.child_by_field_name("key")
            if key is not None and file.rw.text(key).strip("'\"") == "from":
                report_from(file.rw, pair)


RULE: Rule[NodeFile] = Rule(
    id="node/message-from",
    matches=("call_expression",),
    check=check,
    fix="",
    constraints="a file that binds RestClient; an object argument with a from key",
    codes=("SW170",),
    examples=(
        Example(
            "const twilio = require('twilio');\nconst client = twilio(sid, token);\n"
            "client.messages.create({ from: '+15550100000', to });\n",
            "const twilio = require('@signalwire/compatibility-api').RestClient;\nconst client = twilio(sid, token);\n"
            "client.messages.create({ from: '+15550100000', to });\n",
            ("SW170",),
        ),
    ),
    phase=1,
)
