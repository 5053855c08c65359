"""Node.js recipe (CommonJS, ESM, TypeScript): twilio-node → ``@signalwire/compatibility-api``.

The smallest correct diff keeps the name the code already uses for the module and binds it to
``RestClient``, which carries every property of twilio-node's module (``twiml`` renamed ``LaML``):

- ``const twilio = require('twilio')`` →
  ``const twilio = require('@signalwire/compatibility-api').RestClient``; ``require('twilio')(sid, token)``
  and ``require('twilio').twiml.X`` get the same treatment.
- twilio-node's client class (``const { Twilio } = require('twilio')``, ``require('twilio').Twilio``)
  becomes ``RestClient`` itself: ``const { RestClient: Twilio } = require('@signalwire/compatibility-api')``
  (other keys of the same pattern move under it: ``RestClient: { LaML: twiml }``), ``require(…).RestClient``.
  Left as ``RestClient.Twilio`` it would still demand an ``AC…`` SID and call api.twilio.com.
- ``import twilio from 'twilio'`` / ``import * as twilio`` / ``import { Twilio }`` →
  ``import { RestClient as twilio } from '@signalwire/compatibility-api'`` (the ESM build has no default
  export); a TypeScript type position naming that binding becomes ``ReturnType<typeof Twilio>``.
- ``new twilio(sid, token)`` / ``new twilio.Twilio(sid, token)`` → ``twilio(sid, token)``: ``RestClient`` is a
  function returning the client (``new`` on it works in JavaScript, but its declaration has no construct
  signature, so TypeScript rejects it), as in the spec's recipe.
- ``twilio.twiml.VoiceResponse`` → ``twilio.LaML.VoiceResponse``.
- ``{ signalwireSpaceUrl: '…' }`` is added only with ``--space-url``: ``RestClient`` reads
  ``SIGNALWIRE_SPACE_URL`` itself.

Findings: ``jwt`` (SW102), request validation / ``webhook()`` (SW120), products and resources the
Compatibility API lacks on a client (SW100/SW104), names with no counterpart (SW105), API-key credentials
(SW141), ``from`` numbers (SW170), hosted URLs (SW110), ``MessagingServiceSid`` reads (SW172).
"""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._common import check_text, report_from
from codemods._treesitter._engine import Rewrite, walk
from codemods._treesitter._vocabulary import (
    MISSING_CAMEL,
    NODE_PACKAGE,
    VALIDATION_MESSAGE,
    missing_message,
)

MODULE = "twilio"
VALIDATORS = frozenset({"validateRequest", "validateRequestWithBody", "validateExpressRequest", "webhook"})
TWILIO_CLASS = (
    "`Twilio` is twilio-node's own client class, still pointed at api.twilio.com: construct with RestClient"
)
NO_ESM_NAME = (
    "@signalwire/compatibility-api's ESM build exports only RestClient: import it and use RestClient.{}"
)
NEEDS_CREDENTIALS = (
    "RestClient needs the project ID and API token as arguments (it does not read TWILIO_ACCOUNT_SID)"
)


class _NodeRecipe:
    """One file's pass: find the module bindings, then rewrite their uses."""

    def __init__(self, rewrite: Rewrite) -> None:
        self.rw = rewrite
        self.bindings: set[str] = set()
        self.clients: set[str] = set()
        self.quote = "'"

    # -- module references -------------------------------------------------------------------------

    def module_string(self, node: tree_sitter.Node | None) -> str | None:
        """The module name a ``string`` node holds, if it is one."""
        if node is None or node.type != "string":
            return None
        return self.rw.text(node)[1:-1]

    def retarget(self, string: tree_sitter.Node) -> None:
        """Point a ``'twilio'`` string at the SignalWire package, keeping its quotes."""
        self.rw.splice(string.start_byte + 1, string.end_byte - 1, NODE_PACKAGE)

    def require(self, call: tree_sitter.Node) -> None:
        """``require('twilio')`` in any position."""
        function, arguments = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        if function is None or arguments is None or self.rw.text(function) != "require":
            return
        strings = arguments.named_children
        name = self.module_string(strings[0]) if len(strings) == 1 else None
        if name is None:
            return
        if name.startswith(MODULE + "/"):
            self.rw.report(
                call, "SW105", f"'{name}': {NODE_PACKAGE} does not export twilio's internal modules"
            )
            return
        self.quote = self.rw.text(strings[0])[0]
        if name == NODE_PACKAGE:  # already migrated: still follow its uses (findings, idempotent re-runs)
            self.follow_migrated(call)
            return
        if name != MODULE:
            return
        self.retarget(strings[0])
        parent = call.parent
        prop = parent.child_by_field_name("property") if parent is not None else None
        pattern = self.class_pattern(call)
        if parent is not None and prop is not None and self.rw.text(prop) == "Twilio":
            self.rw.replace(prop, "RestClient")  # require('twilio').Twilio: the client class itself
            self.bind(parent)
        elif pattern is not None:
            self.destructure_class(pattern)
        else:
            self.rw.splice(call.end_byte, call.end_byte, ".RestClient")
            self.bind(call)

    def follow_migrated(self, call: tree_sitter.Node) -> None:
        """``require('@signalwire/compatibility-api').RestClient`` / ``{ RestClient: x } = require(…)``."""
        parent = call.parent
        prop = parent.child_by_field_name("property") if parent is not None else None
        if parent is not None and prop is not None and self.rw.text(prop) == "RestClient":
            self.bind(parent)
        elif parent is not None and parent.type == "variable_declarator":
            target = parent.child_by_field_name("name")
            pattern = target is not None and target.type == "object_pattern"
            for item in target.named_children if target is not None and pattern else ():
                key = item.child_by_field_name("key") if item.type == "pair_pattern" else item
                value = item.child_by_field_name("value") if item.type == "pair_pattern" else item
                if key is None or value is None or self.rw.text(key) != "RestClient":
                    continue
                if value.type in ("identifier", "shorthand_property_identifier_pattern"):
                    self.bindings.add(self.rw.text(value))
                elif value.type == "object_pattern":
                    self.destructure(value)

    def class_pattern(self, call: tree_sitter.Node) -> tree_sitter.Node | None:
        """The ``{ Twilio, … }`` pattern *call* is destructured into, if it takes the client class by a
        plain key (shorthand or ``Twilio: name``; defaults and rest elements keep the generic path)."""
        parent = call.parent
        if parent is None or parent.type != "variable_declarator":
            return None
        pattern = parent.child_by_field_name("name")
        if pattern is None or pattern.type != "object_pattern":
            return None
        items = pattern.named_children
        if not all(item.type in ("shorthand_property_identifier_pattern", "pair_pattern") for item in items):
            return None
        keys = [self.rw.text(item.child_by_field_name("key") or item) for item in items]
        return pattern if "Twilio" in keys else None

    def destructure_class(self, pattern: tree_sitter.Node) -> None:
        """``const { Twilio } = require('twilio')`` → ``const { RestClient: Twilio } = require(…)``: the
        package exports ``RestClient`` itself; every other key moves under it (``RestClient: { … }``)."""
        for item in pattern.named_children:
            key = item.child_by_field_name("key") if item.type == "pair_pattern" else item
            value = item.child_by_field_name("value") if item.type == "pair_pattern" else item
            if key is None or value is None:
                continue
            if self.rw.text(key) == "Twilio":
                self.rw.replace(key, "RestClient" if item.type == "pair_pattern" else "RestClient: Twilio")
                self.bindings.add(self.rw.text(value))
                continue
            self.rw.splice(item.start_byte, item.start_byte, "RestClient: { ")
            self.rw.splice(item.end_byte, item.end_byte, " }")
            self.destructured_key(item, key)

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
        """``const { twiml, Twilio } = require('twilio')``."""
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

    def esm_import(self, statement: tree_sitter.Node) -> None:
        """``import … from 'twilio'`` (also ``import type``, which is left alone and reported)."""
        source = statement.child_by_field_name("source")
        name = self.module_string(source)
        if name is None or source is None:
            return
        if name.startswith(MODULE + "/"):
            self.rw.report(statement, "SW105", f"'{name}': {NODE_PACKAGE} does not export twilio's internals")
            return
        if name == NODE_PACKAGE:
            self.bindings.update(self.migrated_aliases(statement))
            return
        if name != MODULE:
            return
        clause = next((child for child in statement.named_children if child.type == "import_clause"), None)
        if clause is None:
            self.rw.report(statement, "SW105", f"side-effect import of '{MODULE}'")
            return
        if any(child.type == "type" for child in statement.children):
            self.rw.report(statement, "SW105", "type-only import from twilio: import types from RestClient")
            return
        local = self.client_alias(clause)
        if local is None:
            return
        self.bindings.add(local)
        self.rw.replace(clause, "{ RestClient }" if local == "RestClient" else f"{{ RestClient as {local} }}")
        self.quote = self.rw.text(source)[0]
        self.retarget(source)

    def migrated_aliases(self, statement: tree_sitter.Node) -> list[str]:
        """Names an existing ``import { RestClient as x } from '@signalwire/compatibility-api'`` binds."""
        found: list[str] = []
        for spec in walk(statement):
            imported = spec.child_by_field_name("name") if spec.type == "import_specifier" else None
            if imported is not None and self.rw.text(imported) == "RestClient":
                found.append(self.rw.text(spec.child_by_field_name("alias") or imported))
        return found

    def client_alias(self, clause: tree_sitter.Node) -> str | None:
        """The one local name an import clause binds to the client; ``None`` (reported) if it binds more."""
        names: list[str] = []
        for child in clause.named_children:
            if child.type == "identifier":
                names.append(self.rw.text(child))
            elif child.type == "namespace_import":
                names.extend(self.rw.text(part) for part in child.named_children if part.type == "identifier")
            elif child.type == "named_imports":
                for spec in child.named_children:
                    imported = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias") or imported
                    if imported is None or alias is None or self.rw.text(imported) != "Twilio":
                        other = self.rw.text(imported) if imported is not None else "?"
                        self.rw.report(spec, "SW105", NO_ESM_NAME.format(other.replace("twiml", "LaML")))
                        return None
                    names.append(self.rw.text(alias))
        if len(names) != 1:
            self.rw.report(clause, "SW105", "import binds twilio more than once: bind RestClient once")
            return None
        return names[0]

    # -- uses of the bound names ----------------------------------------------------------------------

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

    def new_expression(self, node: tree_sitter.Node) -> None:
        """``new twilio(…)`` and ``new twilio.Twilio(…)`` → ``twilio(…)``."""
        constructor = node.child_by_field_name("constructor")
        if constructor is None:
            return
        if constructor.type == "identifier" and self.rw.text(constructor) in self.bindings:
            name = self.rw.text(constructor)
        elif (
            constructor.type == "member_expression"
            and self.rw.text(constructor.child_by_field_name("object") or constructor) in self.bindings
            and self.rw.text(constructor.child_by_field_name("property") or constructor) == "Twilio"
        ):
            name = self.rw.text(constructor.child_by_field_name("object") or constructor)
        else:
            return
        self.rw.splice(node.start_byte, constructor.end_byte, name)
        if node.child_by_field_name("arguments") is None:
            self.rw.splice(constructor.end_byte, constructor.end_byte, "()")
        self.construction_of(node)

    def construction_of(self, node: tree_sitter.Node) -> None:
        arguments = node.child_by_field_name("arguments")
        if arguments is None:
            self.rw.report(node, "SW105", NEEDS_CREDENTIALS)
            return
        self.construction(node)

    def uses(self) -> None:
        """Second pass: every use of a bound name, every client member, strings."""
        for node in walk(self.rw.root):
            kind = node.type
            if kind == "new_expression":
                self.new_expression(node)
            elif kind == "call_expression":
                function = node.child_by_field_name("function")
                if function is not None and function.type == "identifier":
                    if self.rw.text(function) in self.bindings:
                        self.construction(node)
                elif function is not None and function.type == "member_expression":
                    self.create_call(function, node)
            elif kind == "member_expression":
                self.client_member(node)
            elif kind == "type_identifier" and self.type_reference(node):
                self.rw.replace(node, f"ReturnType<typeof {self.rw.text(node)}>")
            elif kind in ("string_fragment", "property_identifier"):
                check_text(self.rw, node)

    def type_reference(self, node: tree_sitter.Node) -> bool:
        """A TypeScript type naming a bound client constructor on its own (not ``twilio.Twilio``)."""
        parent = node.parent
        return self.rw.text(node) in self.bindings and (
            parent is None or parent.type != "nested_type_identifier"
        )

    def client_member(self, node: tree_sitter.Node) -> None:
        target = node.child_by_field_name("object")
        prop = node.child_by_field_name("property")
        if target is None or prop is None:
            return
        if target.type == "identifier" and self.rw.text(target) in self.bindings:
            self.member(node)
            return
        holder = self.rw.text(target).removeprefix("this.")
        name = self.rw.text(prop)
        if holder in self.clients and name in MISSING_CAMEL:
            code, what = MISSING_CAMEL[name]
            self.rw.report(prop, code, missing_message(name, code, what))

    def create_call(self, function: tree_sitter.Node, call: tree_sitter.Node) -> None:
        """``….messages.create({ from })`` / ``….calls.create({ from })``."""
        if not self.bindings or not self.rw.text(function).endswith((".messages.create", ".calls.create")):
            return
        arguments = call.child_by_field_name("arguments")
        for argument in arguments.named_children if arguments is not None else ():
            for pair in argument.named_children if argument.type == "object" else ():
                key = pair.child_by_field_name("key")
                if key is not None and self.rw.text(key).strip("'\"") == "from":
                    report_from(self.rw, pair)


def migrate(rewrite: Rewrite) -> None:
    """Record the edits and findings of the Node.js recipe on *rewrite*."""
    recipe = _NodeRecipe(rewrite)
    for node in walk(rewrite.root):
        if node.type == "call_expression":
            recipe.require(node)
        elif node.type == "import_statement":
            recipe.esm_import(node)
    recipe.uses()
