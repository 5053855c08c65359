"""What the Ruby rules share about one file: the variables holding a client, and how a call names its
receiver and method."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._engine import Rewrite

CLIENT = "Twilio::REST::Client"
CLASSES = {
    CLIENT: "Signalwire::REST::Client",
    "Twilio::TwiML::VoiceResponse": "Signalwire::Sdk::VoiceResponse",
    "Twilio::TwiML::MessagingResponse": "Signalwire::Sdk::MessagingResponse",
    "Twilio::TwiML::FaxResponse": "Signalwire::Sdk::FaxResponse",
}


class RubyFile:
    """One Ruby file being migrated."""

    def __init__(self, rewrite: Rewrite) -> None:
        self.rw = rewrite
        self.clients: set[str] = set()  # variables holding a client
        self._called: tuple[int, tuple[str, str] | None] = (-1, None)  # the last call's answer

    def receiver_call(self, node: tree_sitter.Node) -> tuple[str, str] | None:
        """``(receiver text without a leading ::, method name)`` of a call with a receiver (several rules
        ask about the same call in a row: the last answer is kept)."""
        if self._called[0] == node.id:
            return self._called[1]
        receiver, method = node.child_by_field_name("receiver"), node.child_by_field_name("method")
        called = None
        if receiver is not None and method is not None:
            called = self.rw.text(receiver).removeprefix("::"), self.rw.text(method)
        self._called = (node.id, called)
        return called

    def constant(self, node: tree_sitter.Node) -> str | None:
        """The full name of the outermost ``A::B::C`` of a chain (``None`` for an inner one)."""
        if node.parent is not None and node.parent.type == "scope_resolution":
            return None
        return self.rw.text(node).removeprefix("::")
