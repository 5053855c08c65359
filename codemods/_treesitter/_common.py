"""Findings every language shares: Twilio-hosted URLs in string literals, webhook fields SignalWire never
sends, and the ``From`` number of calls and messages."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._engine import Rewrite
from codemods._treesitter._vocabulary import (
    FROM_MESSAGE,
    HOSTED_URL,
    MISSING_PASCAL,
    SERVICE_SID_MESSAGE,
    VALIDATION_MESSAGE,
    missing_message,
)

#: Leaf node types holding a string literal's text, per grammar family.
STRING_TEXT = frozenset(
    {"string_fragment", "string_content", "string_literal_content", "verbatim_string_literal"}
)
SERVICE_SID = "MessagingServiceSid"


def check_text(rewrite: Rewrite, node: tree_sitter.Node) -> None:
    """Report a hosted URL or a ``MessagingServiceSid`` read held in *node* (a string or a name)."""
    text = rewrite.text(node)
    url = HOSTED_URL.search(text)
    if url and node.type in STRING_TEXT:
        rewrite.report(node, "SW110", f"Twilio-hosted URL {url.group(0)!r}: it stops working after the move")
    if text.strip("'\":") == SERVICE_SID:
        rewrite.report(node, "SW172", SERVICE_SID_MESSAGE)


def report_from(rewrite: Rewrite, node: tree_sitter.Node) -> None:
    """``from`` / ``From`` of a call or message: the spec says it must become a SignalWire number."""
    rewrite.report(node, "SW170", FROM_MESSAGE)


def check_namespace(rewrite: Rewrite, node: tree_sitter.Node, parts: list[str], separator: str) -> None:
    """Findings for a ``Twilio`` namespace path (PHP ``Twilio\\Jwt\\…``, C# ``Twilio.Rest.Verify…``): access
    tokens, request validation, and products the Compatibility API lacks."""
    if parts[0] != "Twilio" or len(parts) < 2:
        return
    full = separator.join(parts)
    if parts[1] == "Jwt":
        prefix = separator.join(parts[:2])
        rewrite.report(node, "SW102", f"Twilio access tokens ({prefix}): SignalWire uses its own token APIs")
    elif parts[1] == "Security":
        rewrite.report(node, "SW120", f"`{full}`: {VALIDATION_MESSAGE}")
    elif parts[1] == "Rest" and len(parts) > 3 and parts[2] in MISSING_PASCAL:
        code, what = MISSING_PASCAL[parts[2]]
        rewrite.report(node, code, missing_message(parts[2], code, what))
