"""Strings and symbols: Twilio-hosted URLs (SW110) and ``MessagingServiceSid`` reads (SW172)."""

from __future__ import annotations

from codemods._treesitter.rules._rule import Example
from codemods._treesitter.rules._text import text_rule

RULE = text_rule(
    "ruby",
    ("string_content", "simple_symbol"),
    (
        Example(
            "sid = params[:MessagingServiceSid]\n",
            "# sw-migrate: SW172 SignalWire webhooks carry no MessagingServiceSid: this reads nothing after the"
            " move\nsid = params[:MessagingServiceSid]\n",
            ("SW172",),
        ),
    ),
)
