"""Strings and property names: Twilio-hosted URLs (SW110) and ``MessagingServiceSid`` reads (SW172)."""

from __future__ import annotations

from codemods._treesitter.rules._rule import Example
from codemods._treesitter.rules._text import text_rule

RULE = text_rule(
    "node",
    ("string_fragment", "property_identifier"),
    (
        Example(
            "const sid = req.body.MessagingServiceSid;\nconst url = 'https://demo.twil.io/x';\n",
            "// sw-migrate: SW172 SignalWire webhooks carry no MessagingServiceSid: this reads nothing after the"
            " move\nconst sid = req.body.MessagingServiceSid;\n// sw-migrate: SW110 Twilio-hosted URL "
            "'https://demo.twil.io/x': it stops working after the move\nconst url = 'https://demo.twil.io/x';\n",
            ("SW172", "SW110"),
        ),
    ),
)
