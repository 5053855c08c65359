"""What the Node.js rules share about one file: the names bound to ``RestClient``, the variables holding a
client, the quote style, and the helpers several rules apply (binding an expression that now evaluates to
``RestClient``, a client construction, the findings on a module property)."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._engine import Rewrite
from codemods._treesitter._vocabulary import NODE_PACKAGE, VALIDATION_MESSAGE

MODULE = "twilio"
VALIDATORS = frozenset({"validateRequest", "validateRequestWithBody", "validateExpressRequest", "webhook"})
TWILIO_CLASS = (
    "`Twilio` is twilio-node's own client class, still pointed at api.twilio.com: construct with RestClient"
)
NEEDS_CREDENTIALS = (
    "RestClient needs the project ID and API token as arguments (it does not read TWILIO_ACCOUNT_SID)"
)


class NodeFile:
    """One JavaScript/TypeScript file being migrated."""

    def __init__(self, rewrite: Rewrite) -> None:
        self.rw = rewrite
        self.bindings: set[str] = set()  # local names bound to RestClient
        self.clients: set[str] = set()  # variables / properties holding a client
        self.aliased: set[int] = set()  # start bytes of `<binding>.Twilio` node/class-alias rewrote
        self.quote = "'"

    def required(self, call: tree_sitter.Node) -> tuple[tree_sitter.Node, str] | None:
        """The string node and module name of ``require('<name>')``, if *call* is one."""
        function, arguments = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        if function is None or arguments is None or self.rw.text(function) != "require":
            return None
        strings = arguments.named_children
        name = self.module_string(strings[0]) if len(strings) == 1 else None
        return (strings[0], name) if name is not None else None

    def module_string(self, node: tree_sitter.Node | None) -> str | None:
        """The module name a ``string`` node holds, if it is one."""
        if node is None or node.type != "string":
            return None
        return self.rw.text(node)[1:-1]

    def retarget(self, string: tree_sitter.Node) -> None:
        """Point a ``'twilio'`` string at the SignalWire package, keeping its quotes."""
        self.quote = self.rw.text(string)[0]
        self.rw.splice(string.start_byte + 1, string.end_byte - 1, NODE_PACKAGE)

    def bind(self, module: tree_sitter.Node) -> None:
        """Follow an expression that now evaluates to ``RestClient`` into its declaration or use."""
        parent = module.parent
        if parent is None:
            return
        if parent.type == "variable_declarator" and parent.child_by_field_name("value") == module:
            target = parent.child_by_field_name("name")
            if target is not None and target.type == "identifier":
                self.bindings.add(self.rw.text(target))
            elif target is not None and target.type == "object_pattern":
                self.destructure(target)
        elif parent.type == "member_expression":
            self.member(parent)
        elif parent.type == "call_expression" and parent.child_by_field_name("function") == module:
            self.construction(parent)

    def destructure(self, pattern: tree_sitter.Node) -> None:
        """``const { twiml, jwt } = <RestClient>``."""
        for item in pattern.named_children:
            field = {"pair_pattern": "key", "object_assignment_pattern": "left"}.get(item.type)
            key = item.child_by_field_name(field) if field else item
            if key is not None:
                self.destructured_key(item, key)

    def destructured_key(self, item: tree_sitter.Node, key: tree_sitter.Node) -> None:
        """One key taken from the module: ``twiml`` becomes ``LaML``, the rest may be findings."""
        name = self.rw.text(key)
        if name == "twiml":
            self.rw.replace(key, "LaML: twiml" if item.type != "pair_pattern" else "LaML")
        else:
            self.property_finding(key, name)

    def member(self, member: tree_sitter.Node) -> None:
        """``<module>.twiml`` / ``.jwt`` / ``.validateRequest`` / ``.Twilio``."""
        prop = member.child_by_field_name("property")
        if prop is None:
            return
        name = self.rw.text(prop)
        if name == "twiml":
            self.rw.replace(prop, "LaML")
        elif name == "Twilio" and member.parent is not None and member.parent.type == "new_expression":
            return  # rewritten as a construction
        elif member.start_byte in self.aliased:
            return  # rewritten by node/class-alias
        else:
            self.property_finding(prop, name)

    def property_finding(self, node: tree_sitter.Node, name: str) -> None:
        if name == "jwt":
            self.rw.report(node, "SW102", "Twilio access tokens (jwt): SignalWire uses its own token APIs")
        elif name in VALIDATORS:
            self.rw.report(node, "SW120", f"`{name}`: {VALIDATION_MESSAGE}")
        elif name == "Twilio":
            self.rw.report(node, "SW105", TWILIO_CLASS)

    def construction(self, call: tree_sitter.Node) -> None:
        """A client built by calling the module: credentials and the space URL option."""
        arguments = call.child_by_field_name("arguments")
        if arguments is None:
            return
        args = arguments.named_children
        if not args:
            self.rw.report(call, "SW105", NEEDS_CREDENTIALS)
        options = args[2] if len(args) > 2 else None
        if options is not None and options.type == "object":
            keys = {self.rw.text(pair.child_by_field_name("key") or pair) for pair in options.named_children}
            if "accountSid" in keys:
                self.rw.report(
                    options, "SW141", "API-key credentials: SignalWire uses the project ID and token"
                )
            if self.rw.space_url and "signalwireSpaceUrl" not in keys:
                url = f"signalwireSpaceUrl: {self.quote}{self.rw.space_url}{self.quote}"
                text = f" {url}," if options.named_children else f" {url} "
                self.rw.splice(options.start_byte + 1, options.start_byte + 1, text)
        elif len(args) == 2 and self.rw.space_url:
            closing = arguments.end_byte - 1
            url = f"{{ signalwireSpaceUrl: {self.quote}{self.rw.space_url}{self.quote} }}"
            self.rw.splice(closing, closing, f", {url}")
        self.remember_client(call)

    def remember_client(self, expression: tree_sitter.Node) -> None:
        """Record what the client is stored in (``client``, ``this.client``) to check its uses."""
        parent = expression.parent
        if parent is None:
            return
        if parent.type == "variable_declarator":
            target = parent.child_by_field_name("name")
        elif parent.type == "assignment_expression":
            target = parent.child_by_field_name("left")
        elif parent.type in ("public_field_definition", "field_definition"):
            target = parent.child_by_field_name("name") or parent.child_by_field_name("property")
        else:
            return
        if target is not None:
            self.clients.add(self.rw.text(target).removeprefix("this."))
