"""Strings: Twilio-hosted URLs (SW110) and ``MessagingServiceSid`` reads (SW172)."""

from __future__ import annotations

from codemods._treesitter.rules._rule import Example
from codemods._treesitter.rules._text import text_rule

RULE = text_rule(
    "php",
    ("string_content",),
    (
        Example(
            "<?php\n$sid = $_POST['MessagingServiceSid'];\n",
            "<?php\n// sw-migrate: SW172 SignalWire webhooks carry no MessagingServiceSid: this reads nothing after"
            " the move\n$sid = $_POST['MessagingServiceSid'];\n",
            ("SW172",),
        ),
    ),
)
