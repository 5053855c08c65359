"""What the PHP rules share about one file: the local names of the client class, the variables holding a
client, whether the file declares a namespace, and the Twilio → SignalWire class table."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._engine import Rewrite

CLIENT = "Twilio\\Rest\\Client"
#: Twilio class → SignalWire class (fully qualified, no leading backslash).
CLASSES = {
    CLIENT: "SignalWire\\Rest\\Client",
    "Twilio\\TwiML\\VoiceResponse": "SignalWire\\LaML\\VoiceResponse",
    "Twilio\\TwiML\\MessagingResponse": "SignalWire\\LaML\\MessagingResponse",
    "Twilio\\TwiML\\FaxResponse": "SignalWire\\LaML\\FaxResponse",
    "Twilio\\TwiML": "SignalWire\\LaML",
    "Twilio\\Twiml": "SignalWire\\LaML",
}
MIGRATED_CLIENT = CLASSES[CLIENT]


class PhpFile:
    """One PHP file being migrated."""

    def __init__(self, rewrite: Rewrite, nodes: list[tree_sitter.Node]) -> None:
        self.rw = rewrite
        self.client_names: set[str] = set()  # local class names bound to the client class
        self.clients: set[str] = set()  # variables / properties holding a client
        self.has_namespace = any(node.type == "namespace_definition" for node in nodes)

    def fqn(self, node: tree_sitter.Node) -> str:
        return self.rw.text(node).lstrip("\\")
