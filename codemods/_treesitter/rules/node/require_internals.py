"""``require('twilio/lib/…')``: the SignalWire package does not export twilio-node's internal modules."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._vocabulary import NODE_PACKAGE
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import MODULE, NodeFile


def check(file: NodeFile, call: tree_sitter.Node) -> None:
    required = file.required(call)
    if required is not None and required[1].startswith(MODULE + "/"):
        name = required[1]
        file.rw.report(call, "SW105", f"'{name}': {NODE_PACKAGE} does not export twilio's internal modules")


RULE: Rule[NodeFile] = Rule(
    id="node/require-internals",
    matches=("call_expression",),
    check=check,
    fix="",
    constraints="require() of a path under 'twilio/'",
    codes=("SW105",),
    examples=(
        Example(
            "const AccessToken = require('twilio/lib/jwt/AccessToken');\n",
            "// sw-migrate: SW105 'twilio/lib/jwt/AccessToken': @signalwire/compatibility-api does not export"
            " twilio's internal modules\nconst AccessToken = require('twilio/lib/jwt/AccessToken');\n",
            ("SW105",),
        ),
    ),
)
