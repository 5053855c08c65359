"""PHP recipe: twilio-php → Packagist ``signalwire/signalwire``
(``SignalWire\\Rest\\Client``, ``SignalWire\\LaML``).

- ``use Twilio\\Rest\\Client;`` → ``use SignalWire\\Rest\\Client;`` (an alias is kept); the same for
  ``Twilio\\TwiML\\VoiceResponse`` / ``MessagingResponse`` / ``FaxResponse`` → ``SignalWire\\LaML\\…`` and for
  fully qualified ``\\Twilio\\Rest\\Client`` in code.
- ``use Twilio\\TwiML;`` (twilio-php 5's builder) → ``use SignalWire\\LaML as TwiML;``: one edited line, and
  every ``new TwiML`` below keeps working (the spec renames them all to ``LaML``; the alias is the smaller
  diff with the same behaviour).
- ``new Client($sid, $token)`` is left as it is: ``SignalWire\\Rest\\Client`` reads ``SIGNALWIRE_SPACE_URL``
  from ``$_ENV`` / ``getenv`` itself. With ``--space-url`` it gets the spec's
  ``array("signalwireSpaceUrl" => "…")``.

Findings: ``Twilio\\Jwt`` (SW102), ``Twilio\\Security\\RequestValidator`` (SW120), ``Twilio\\Rest\\<Product>``
and client members for products/resources the Compatibility API lacks (SW100/SW104), a client built with no
or with more than two arguments (SW105/SW141: the third parameter is the options array), group ``use``
(SW105), ``from`` numbers (SW170), hosted URLs (SW110), ``MessagingServiceSid`` reads (SW172).
"""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._common import check_namespace, check_text, report_from
from codemods._treesitter._engine import Rewrite, walk
from codemods._treesitter._vocabulary import MISSING_CAMEL, missing_message

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
NEEDS_CREDENTIALS = "SignalWire\\Rest\\Client needs the project ID and API token as its first two arguments"
EXTRA_ARGUMENTS = "SignalWire\\Rest\\Client takes (project, token, options array): move these arguments"


class _PhpRecipe:
    def __init__(self, rewrite: Rewrite) -> None:
        self.rw = rewrite
        self.client_names: set[str] = set()  # local class names bound to the client class
        self.clients: set[str] = set()  # variables / properties holding a client
        self.has_namespace = False

    def fqn(self, node: tree_sitter.Node) -> str:
        return self.rw.text(node).lstrip("\\")

    def use_clause(self, clause: tree_sitter.Node) -> None:
        name = next(
            (child for child in clause.named_children if child.type in ("qualified_name", "name")), None
        )
        alias = clause.child_by_field_name("alias")
        if name is None:
            return
        full = self.fqn(name)
        local = self.rw.text(alias) if alias is not None else full.rsplit("\\", 1)[-1]
        if full in (CLIENT, MIGRATED_CLIENT):
            self.client_names.add(local)
        check_namespace(self.rw, name, full.split("\\"), "\\")
        if full not in CLASSES:
            return
        replacement = CLASSES[full]
        new_local = replacement.rsplit("\\", 1)[-1]
        if alias is None and new_local != local:
            replacement += f" as {local}"
        self.rw.replace(name, ("\\" if self.rw.text(name).startswith("\\") else "") + replacement)

    def qualified(self, node: tree_sitter.Node) -> None:
        """A qualified class name in code (not in ``use``): ``new \\Twilio\\Rest\\Client(…)``."""
        if node.parent is not None and node.parent.type in ("namespace_use_clause", "namespace_definition"):
            return
        text = self.rw.text(node)
        if not text.startswith("\\") and self.has_namespace:
            return  # relative to the file's namespace: not Twilio's
        full = text.lstrip("\\")
        check_namespace(self.rw, node, full.split("\\"), "\\")
        if full in CLASSES:
            self.rw.replace(node, "\\" * text.startswith("\\") + CLASSES[full])

    def creation(self, node: tree_sitter.Node) -> None:
        """``new Client(…)`` for the Twilio (or already SignalWire) client class."""
        kind = next(
            (child for child in node.named_children if child.type in ("name", "qualified_name")), None
        )
        if kind is None:
            return
        text = self.rw.text(kind)
        if not (text in self.client_names or text.lstrip("\\") in (CLIENT, MIGRATED_CLIENT)):
            return
        arguments = next((child for child in node.named_children if child.type == "arguments"), None)
        args = arguments.named_children if arguments is not None else []
        if not args:
            self.rw.report(node, "SW105", NEEDS_CREDENTIALS)
        elif len(args) > 3 or (len(args) == 3 and args[2].named_children[:1] and not self.is_array(args[2])):
            self.rw.report(node, "SW141", EXTRA_ARGUMENTS)
        elif len(args) == 2 and self.rw.space_url and arguments is not None:
            closing = arguments.end_byte - 1
            self.rw.splice(closing, closing, f', array("signalwireSpaceUrl" => "{self.rw.space_url}")')
        parent = node.parent
        if parent is not None and parent.type == "assignment_expression":
            left = parent.child_by_field_name("left")
            if left is not None:
                self.clients.add(self.rw.text(left))

    def is_array(self, argument: tree_sitter.Node) -> bool:
        return any(child.type == "array_creation_expression" for child in argument.named_children)

    def member(self, node: tree_sitter.Node) -> None:
        """``$client->verify`` and friends: products and resources the Compatibility API lacks."""
        target, name = node.child_by_field_name("object"), node.child_by_field_name("name")
        if target is None or name is None or self.rw.text(target) not in self.clients:
            return
        member = self.rw.text(name)
        if member in MISSING_CAMEL:
            code, what = MISSING_CAMEL[member]
            self.rw.report(name, code, missing_message(member, code, what))

    def create_call(self, node: tree_sitter.Node) -> None:
        """``->messages->create($to, ["from" => …])`` / ``->calls->create($to, $from, …)``."""
        name, target = node.child_by_field_name("name"), node.child_by_field_name("object")
        if name is None or target is None or self.rw.text(name) != "create" or not self.clients:
            return
        resource = target.child_by_field_name("name") if target.type == "member_access_expression" else None
        arguments = node.child_by_field_name("arguments")
        if resource is None or arguments is None:
            return
        args = arguments.named_children
        if self.rw.text(resource) == "calls" and len(args) > 1:
            report_from(self.rw, args[1])
        elif self.rw.text(resource) == "messages":
            for element in walk(arguments):
                key = element.named_children[0] if element.type == "array_element_initializer" else None
                if key is not None and len(element.named_children) == 2 and self.rw.text(key)[1:-1] == "from":
                    report_from(self.rw, element)


def migrate(rewrite: Rewrite) -> None:
    """Record the edits and findings of the PHP recipe on *rewrite*."""
    recipe = _PhpRecipe(rewrite)
    nodes = list(walk(rewrite.root))
    recipe.has_namespace = any(node.type == "namespace_definition" for node in nodes)
    for node in nodes:
        if node.type == "namespace_use_clause":
            recipe.use_clause(node)
        elif node.type == "namespace_use_group" and recipe.rw.text(node.parent or node).find("Twilio") >= 0:
            recipe.rw.report(node, "SW105", "grouped `use` of Twilio classes: split it, then run again")
    for node in nodes:
        kind = node.type
        if kind == "qualified_name":
            recipe.qualified(node)
        elif kind == "object_creation_expression":
            recipe.creation(node)
        elif kind == "member_access_expression":
            recipe.member(node)
        elif kind == "member_call_expression":
            recipe.create_call(node)
        elif kind == "string_content":
            check_text(rewrite, node)
