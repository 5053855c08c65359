"""``new twilio(sid, token)`` / ``new twilio.Twilio(sid, token)`` → ``twilio(sid, token)``: ``RestClient`` is a
plain function returning the client (``new`` on it works in JavaScript, but its declaration has no construct
signature, so TypeScript rejects it)."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import NEEDS_CREDENTIALS, NodeFile


def check(file: NodeFile, node: tree_sitter.Node) -> None:
    constructor = node.child_by_field_name("constructor")
    if constructor is None:
        return
    if constructor.type == "identifier" and file.rw.text(constructor) in file.bindings:
        name = file.rw.text(constructor)
    elif (
        constructor.type == "member_expression"
        and file.rw.text(constructor.child_by_field_name("object") or constructor) in file.bindings
        and file.rw.text(constructor.child_by_field_name("property") or constructor) == "Twilio"
    ):
        name = file.rw.text(constructor.child_by_field_name("object") or constructor)
    else:
        return
    file.rw.splice(node.start_byte, constructor.end_byte, name)
    if node.child_by_field_name("arguments") is None:
        file.rw.splice(constructor.end_byte, constructor.end_byte, "()")
        file.rw.report(node, "SW105", NEEDS_CREDENTIALS)
        return
    file.construction(node)


RULE: Rule[NodeFile] = Rule(
    id="node/new-client",
    matches=("new_expression",),
    check=check,
    fix="new <binding>(…) / new <binding>.Twilio(…) → <binding>(…), plus the space URL option",
    constraints="the constructor is a name bound to RestClient (or its .Twilio)",
    codes=("SW105", "SW141"),
    examples=(
        Example(
            "const twilio = require('twilio');\nconst a = new twilio(sid, token);\n"
            "const b = new twilio.Twilio(sid, token);\n",
            "const twilio = require('@signalwire/compatibility-api').RestClient;\nconst a = twilio(sid, token);\n"
            "const b = twilio(sid, token);\n",
        ),
        Example(
            "class TwilioClient {}\nconst c = new TwilioClient(sid, token);\n",
            "class TwilioClient {}\nconst c = new TwilioClient(sid, token);\n",
        ),
    ),
    phase=1,
)
