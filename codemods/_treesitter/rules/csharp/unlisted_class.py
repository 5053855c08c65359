"""A resource class of the 2010-04-01 API that the spec leaves out (``ShortCodeResource.Read()``, …)."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._vocabulary import UNLISTED_RESOURCES, missing_message
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.csharp._file import CSharpFile

#: Resource classes of the 2010-04-01 API that the spec leaves out (``ShortCodeResource``, …).
UNLISTED_CLASSES = {
    f"{noun}Resource": UNLISTED_RESOURCES[name]
    for noun, name in (
        ("Address", "addresses"),
        ("Key", "keys"),
        ("NewKey", "new_keys"),
        ("SigningKey", "signing_keys"),
        ("NewSigningKey", "new_signing_keys"),
        ("ShortCode", "short_codes"),
        ("OutgoingCallerId", "outgoing_caller_ids"),
        ("Token", "tokens"),
        ("ValidationRequest", "validation_requests"),
        ("ConnectApp", "connect_apps"),
        ("AuthorizedConnectApp", "authorized_connect_apps"),
        ("Notification", "notifications"),
        ("Balance", "balance"),
    )
}


def check(file: CSharpFile, node: tree_sitter.Node) -> None:
    if not file.uses_twilio:
        return
    name = file.rw.text(node)
    if name not in UNLISTED_CLASSES:
        return
    parent = node.parent
    if parent is not None and parent.type == "member_access_expression" and parent.named_children[0] == node:
        file.rw.report(node, "SW104", missing_message(name, "SW104", UNLISTED_CLASSES[name]))


RULE: Rule[CSharpFile] = Rule(
    id="csharp/unlisted-class",
    matches=("identifier",),
    check=check,
    fix="",
    constraints="a file using a Twilio namespace; the class is the receiver of a member access",
    codes=("SW104",),
    examples=(
        Example(
            "using Twilio;\nvar codes = ShortCodeResource.Read();\n",
            "using Twilio;\n// sw-migrate: SW104 `ShortCodeResource` (Short Codes) is not part of the"
            " Compatibility API spec: check SignalWire supports it\nvar codes = ShortCodeResource.Read();\n",
            ("SW104",),
        ),
        Example(
            "using MyApp;\nvar codes = ShortCodeResource.Read();\n",
            "using MyApp;\nvar codes = ShortCodeResource.Read();\n",
        ),
    ),
    phase=1,
)
