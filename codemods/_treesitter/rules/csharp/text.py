"""Strings: Twilio-hosted URLs (SW110) and ``MessagingServiceSid`` reads (SW172)."""

from __future__ import annotations

from codemods._treesitter.rules._rule import Example
from codemods._treesitter.rules._text import text_rule

RULE = text_rule(
    "csharp",
    ("string_literal_content", "verbatim_string_literal"),
    (
        Example(
            'var url = "https://handler.twilio.com/twiml/EH123";\n',
            "// sw-migrate: SW110 Twilio-hosted URL 'https://handler.twilio.com/twiml/EH123': it stops working"
            ' after the move\nvar url = "https://handler.twilio.com/twiml/EH123";\n',
            ("SW110",),
        ),
    ),
)
