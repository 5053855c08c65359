"""``twilio(sid, token)``: a client built by calling a name bound to ``RestClient`` gets
``{ signalwireSpaceUrl }`` only with ``--space-url`` (``RestClient`` reads ``SIGNALWIRE_SPACE_URL`` itself)."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import NodeFile

SPACE = "example.signalwire.com"


def check(file: NodeFile, node: tree_sitter.Node) -> None:
    function = node.child_by_field_name("function")
    if function is not None and function.type == "identifier" and file.rw.text(function) in file.bindings:
        file.construction(node)


RULE: Rule[NodeFile] = Rule(
    id="node/call-client",
    matches=("call_expression",),
    check=check,
    fix="with --space-url: <binding>(sid, token[, {…}]) gets signalwireSpaceUrl",
    constraints="the function is a name bound to RestClient; API-key options and no credentials reported",
    codes=("SW105", "SW141"),
    examples=(
        Example(
            "const twilio = require('twilio');\nconst a = twilio(sid, token);\n"
            "const b = twilio(sid, token, { lazyLoading: true });\n",
            "const twilio = require('@signalwire/compatibility-api').RestClient;\n"
            f"const a = twilio(sid, token, {{ signalwireSpaceUrl: '{SPACE}' }});\n"
            f"const b = twilio(sid, token, {{ signalwireSpaceUrl: '{SPACE}', lazyLoading: true }});\n",
            space_url=SPACE,
        ),
        Example(
            "const twilio = require('twilio');\nconst c = twilio(key, secret, { accountSid });\n"
            "const d = twilio();\n",
            "const twilio = require('@signalwire/compatibility-api').RestClient;\n// sw-migrate: SW141 API-key "
            "credentials: SignalWire uses the project ID and token\nconst c = twilio(key, secret, { accountSid });"
            "\n// sw-migrate: SW105 RestClient needs the project ID and API token as arguments (it does not read"
            " TWILIO_ACCOUNT_SID)\nconst d = twilio();\n",
            ("SW141", "SW105"),
        ),
    ),
    phase=1,
)
