"""``require('twilio')`` → ``require('@signalwire/compatibility-api').RestClient``: the name the code uses
for the module is kept and bound to ``RestClient``, which carries every property of twilio-node's module."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import MODULE, NodeFile
from codemods._treesitter.rules.node.require_class import class_pattern, twilio_property


def check(file: NodeFile, call: tree_sitter.Node) -> None:
    required = file.required(call)
    if required is None or required[1] != MODULE:
        return
    if twilio_property(file, call) is not None or class_pattern(file, call) is not None:
        return  # node/require-class
    file.retarget(required[0])
    file.rw.splice(call.end_byte, call.end_byte, ".RestClient")
    file.bind(call)


RULE: Rule[NodeFile] = Rule(
    id="node/require-module",
    matches=("call_expression",),
    check=check,
    fix="require('twilio') → require('@signalwire/compatibility-api').RestClient; twiml → LaML",
    constraints="require() of exactly 'twilio', not taking the Twilio class (node/require-class)",
    codes=("SW102", "SW105", "SW120"),
    examples=(
        Example(
            "const twilio = require('twilio');\nconst client = require('twilio')(sid, token);\n"
            "const { twiml } = require('twilio');\n",
            "const twilio = require('@signalwire/compatibility-api').RestClient;\n"
            "const client = require('@signalwire/compatibility-api').RestClient(sid, token);\n"
            "const { LaML: twiml } = require('@signalwire/compatibility-api').RestClient;\n",
        ),
        Example(
            "const AccessToken = require('twilio').jwt.AccessToken;\n",
            "// sw-migrate: SW102 Twilio access tokens (jwt): SignalWire uses its own token APIs\n"
            "const AccessToken = require('@signalwire/compatibility-api').RestClient.jwt.AccessToken;\n",
            ("SW102",),
        ),
        Example("const twilio = require('twilio-video');\n", "const twilio = require('twilio-video');\n"),
    ),
)
