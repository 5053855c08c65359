"""Follow the file's quote style: the space URL option a later rule adds is quoted like the latest
``require(…)`` string before it (any module's but twilio's internal paths)."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import MODULE, NodeFile


def check(file: NodeFile, call: tree_sitter.Node) -> None:
    required = file.required(call)
    if required is not None and not required[1].startswith(MODULE + "/"):
        file.quote = file.rw.text(required[0])[0]


RULE: Rule[NodeFile] = Rule(
    id="node/quote-style",
    matches=("call_expression",),
    check=check,
    fix="",
    constraints="any require('…') but twilio's internal paths",
    codes=(),
    examples=(
        Example(
            "const twilio = require('twilio');\nconst express = require(\"express\");\nconst c = twilio(sid, token);\n",
            "const twilio = require('@signalwire/compatibility-api').RestClient;\nconst express = require(\"express\");\n"
            'const c = twilio(sid, token, { signalwireSpaceUrl: "example.signalwire.com" });\n',
            space_url="example.signalwire.com",
        ),
    ),
)
