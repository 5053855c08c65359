"""Ruby recipe: twilio-ruby → the ``signalwire`` gem (``Signalwire::REST::Client``, ``Signalwire::Sdk``).

- ``require 'twilio-ruby'`` → ``require 'signalwire/sdk'`` (the gem requires twilio-ruby itself, so
  ``Twilio::REST::RestError`` and ``Twilio.configure`` keep working).
- ``Twilio::REST::Client`` → ``Signalwire::REST::Client``; ``Twilio::TwiML::VoiceResponse`` /
  ``MessagingResponse`` / ``FaxResponse`` → ``Signalwire::Sdk::…``.
- Every client construction gets ``signalwire_space_url:``: the ``--space-url`` literal, else
  ``ENV["SIGNALWIRE_SPACE_URL"]``. Since 2.0.0 the gem reads ``SIGNALWIRE_HOST`` /
  ``SIGNALWIRE_API_HOSTNAME`` on its own, never the ``SIGNALWIRE_SPACE_URL`` the spec documents, so
  leaving the call alone would not be correct; a ``nil`` keyword still falls back to those variables
  (and a set ``SIGNALWIRE_HOST`` wins over the keyword).

Findings: ``Twilio.configure`` (SW171: its credentials must become the project ID and API token),
``Twilio::JWT`` / ``Twilio::Util::AccessToken`` (SW102), ``Twilio::Security::RequestValidator`` and
``Rack::TwilioWebhookAuthentication`` (SW120), client members for products/resources the Compatibility API
lacks (SW100/SW104), API-key credentials (SW141), ``from:`` numbers (SW170), hosted URLs (SW110),
``MessagingServiceSid`` reads (SW172).
"""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._common import check_text, report_from
from codemods._treesitter._engine import Rewrite, walk
from codemods._treesitter._vocabulary import MISSING_SNAKE, SPACE_URL_ENV, VALIDATION_MESSAGE, missing_message

CLIENT = "Twilio::REST::Client"
CLASSES = {
    CLIENT: "Signalwire::REST::Client",
    "Twilio::TwiML::VoiceResponse": "Signalwire::Sdk::VoiceResponse",
    "Twilio::TwiML::MessagingResponse": "Signalwire::Sdk::MessagingResponse",
    "Twilio::TwiML::FaxResponse": "Signalwire::Sdk::FaxResponse",
}
CLIENT_CLASSES = frozenset({CLIENT, CLASSES[CLIENT]})
TOKENS = ("Twilio::JWT", "Twilio::Util::AccessToken", "Twilio::Util::Capability")
VALIDATORS = ("Twilio::Security::RequestValidator", "Twilio::Util::RequestValidator", "Rack::TwilioWebhook")
KEYWORD = "signalwire_space_url"


class _RubyRecipe:
    def __init__(self, rewrite: Rewrite) -> None:
        self.rw = rewrite
        self.clients: set[str] = set()

    def require(self, call: tree_sitter.Node) -> None:
        method, arguments = call.child_by_field_name("method"), call.child_by_field_name("arguments")
        if method is None or arguments is None or self.rw.text(method) != "require":
            return
        strings = arguments.named_children
        if len(strings) == 1 and strings[0].type == "string":
            content = next(
                (part for part in strings[0].named_children if part.type == "string_content"), None
            )
            if content is not None and self.rw.text(content) == "twilio-ruby":
                self.rw.replace(content, "signalwire/sdk")

    def constant(self, node: tree_sitter.Node) -> None:
        """A ``Twilio::…`` scope resolution (only the outermost one of a chain)."""
        if node.parent is not None and node.parent.type == "scope_resolution":
            return
        text = self.rw.text(node)
        full = text.removeprefix("::")
        if full in CLASSES:
            self.rw.replace(node, "::" * text.startswith("::") + CLASSES[full])
        elif full.startswith(TOKENS):
            self.rw.report(
                node, "SW102", f"`{full}`: Twilio access tokens; SignalWire uses its own token APIs"
            )
        elif full.startswith(VALIDATORS):
            self.rw.report(node, "SW120", f"`{full}`: {VALIDATION_MESSAGE}")

    def call(self, node: tree_sitter.Node) -> None:
        receiver, method = node.child_by_field_name("receiver"), node.child_by_field_name("method")
        if receiver is None or method is None:
            return
        name, target = self.rw.text(method), self.rw.text(receiver).removeprefix("::")
        if name == "new" and target in CLIENT_CLASSES:
            self.construction(node)
        elif name == "configure" and target == "Twilio":
            message = (
                "Twilio.configure: its account_sid/auth_token must be the SignalWire project ID and token"
            )
            self.rw.report(node, "SW171", message)
        elif target in self.clients and name in MISSING_SNAKE:
            code, what = MISSING_SNAKE[name]
            self.rw.report(method, code, missing_message(name, code, what))
        elif name == "create" and target.endswith((".messages", ".calls")) and self.clients:
            self.create_call(node)

    def construction(self, node: tree_sitter.Node) -> None:
        arguments = node.child_by_field_name("arguments")
        args = arguments.named_children if arguments is not None else []
        positional = [
            arg for arg in args if arg.type not in ("pair", "hash_splat_argument", "block_argument")
        ]
        if len(positional) > 2:
            self.rw.report(node, "SW141", "API-key credentials: SignalWire uses the project ID and token")
        if any(self.rw.text(arg).startswith(KEYWORD) for arg in args):
            self.remember(node)
            return
        value = f'"{self.rw.space_url}"' if self.rw.space_url else f'ENV["{SPACE_URL_ENV}"]'
        keyword = f"{KEYWORD}: {value}"
        method = node.child_by_field_name("method")
        if arguments is None and method is not None:
            self.rw.splice(method.end_byte, method.end_byte, f"({keyword})")
        elif arguments is None:
            return
        elif args:
            last = args[-1]
            self.rw.splice(last.end_byte, last.end_byte, f", {keyword}")
        else:
            self.rw.splice(arguments.end_byte - 1, arguments.end_byte - 1, keyword)
        self.remember(node)

    def remember(self, node: tree_sitter.Node) -> None:
        parent = node.parent
        if parent is not None and parent.type in ("assignment", "operator_assignment"):
            left = parent.child_by_field_name("left")
            if left is not None:
                self.clients.add(self.rw.text(left))

    def create_call(self, node: tree_sitter.Node) -> None:
        arguments = node.child_by_field_name("arguments")
        for pair in walk(arguments) if arguments is not None else ():
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            if key is not None and self.rw.text(key).strip(":'\" =>") == "from":
                report_from(self.rw, pair)


def migrate(rewrite: Rewrite) -> None:
    """Record the edits and findings of the Ruby recipe on *rewrite*."""
    recipe = _RubyRecipe(rewrite)
    for node in walk(rewrite.root):
        kind = node.type
        if kind == "call":
            recipe.require(node)
            recipe.call(node)
        elif kind == "scope_resolution":
            recipe.constant(node)
        elif kind in ("string_content", "simple_symbol"):
            check_text(rewrite, node)
