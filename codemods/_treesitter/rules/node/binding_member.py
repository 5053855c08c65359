"""A property of a name bound to ``RestClient``: ``twilio.twiml`` → ``twilio.LaML``; ``jwt`` (SW102),
request validation and ``webhook()`` (SW120) and the ``Twilio`` class (SW105) are reported."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import NodeFile


def check(file: NodeFile, node: tree_sitter.Node) -> None:
    target = node.child_by_field_name("object")
    if node.child_by_field_name("property") is None or target is None:
        return
    if target.type == "identifier" and file.rw.text(target) in file.bindings:
        file.member(node)


RULE: Rule[NodeFile] = Rule(
    id="node/binding-member",
    matches=("member_expression",),
    check=check,
    fix="<binding>.twiml → <binding>.LaML",
    constraints="the object is a name bound to RestClient",
    codes=("SW102", "SW105", "SW120"),
    examples=(
        Example(
            "const twilio = require('twilio');\nconst r = new twilio.twiml.VoiceResponse();\n"
            "const ok = twilio.validateRequest(token, sig, url, body);\n",
            "const twilio = require('@signalwire/compatibility-api').RestClient;\n"
            "const r = new twilio.LaML.VoiceResponse();\n// sw-migrate: SW120 `validateRequest`: SignalWire signs"
            " webhooks with the project's Signing Key, not the auth token: review\n"
            "const ok = twilio.validateRequest(token, sig, url, body);\n",
            ("SW120",),
        ),
        Example(
            "const twilio = require('./twilio');\nconst r = new twilio.twiml.VoiceResponse();\n",
            "const twilio = require('./twilio');\nconst r = new twilio.twiml.VoiceResponse();\n",
        ),
    ),
    phase=1,
)
