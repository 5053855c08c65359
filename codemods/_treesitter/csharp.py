"""C# recipe: twilio-csharp → NuGet ``SignalWire-DotNet``, the spec's
``TwilioClient.Init(project, token, new Dictionary<string, object> { ["signalwireSpaceUrl"] = … })``.

- ``TwilioClient.Init(sid, token)`` (in a file that uses the ``Twilio`` namespace, or spelled
  ``Twilio.TwilioClient``) gets the dictionary as third argument: the ``--space-url`` literal, else
  ``System.Environment.GetEnvironmentVariable("SIGNALWIRE_SPACE_URL")`` — SignalWire-DotNet's sources are not
  public any more, so nothing says it reads the variable itself, and the spec's recipe always passes it.
  ``using System.Collections.Generic;`` is added only when the file lacks it.
- ``new TwilioRestClient(sid, token)`` → ``TwilioClient.Init(sid, token, new Dictionary<…> {…});`` just
  before its statement and ``TwilioClient.GetRestClient()`` in its place: the spec's one documented set-up.
  Only where that is faithful (a statement in a block; a target that takes ``ITwilioRestClient``); other
  positions, concrete-typed fields, ``httpClient:`` and API-key credentials are reported (SW105 / SW141).

Findings: ``Twilio.Jwt`` (SW102), ``Twilio.Security.RequestValidator`` and ``Twilio.AspNet`` (SW120 / SW105),
``Twilio.Rest.<Product>`` namespaces and resource classes the Compatibility API lacks (SW100/SW104), API-key
credentials (SW141), ``from:`` of ``MessageResource.Create`` / ``CallResource.Create`` (SW170), hosted URLs
(SW110), ``MessagingServiceSid`` reads (SW172).
"""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._common import check_namespace, check_text, report_from
from codemods._treesitter._engine import Rewrite, walk
from codemods._treesitter._vocabulary import (
    SPACE_URL_ENV,
    UNLISTED_RESOURCES,
    VALIDATION_MESSAGE,
    missing_message,
)

GENERIC = "System.Collections.Generic"
#: Resource classes of the 2010-04-01 API that the spec leaves out (``ShortCodeResource``, …).
UNLISTED_CLASSES = {
    f"{noun}Resource": UNLISTED_RESOURCES[name]
    for noun, name in (
        ("Address", "addresses"),
        ("Key", "keys"),
        ("NewKey", "new_keys"),
        ("SigningKey", "signing_keys"),
        ("NewSigningKey", "new_signing_keys"),
        ("ShortCode", "short_codes"),
        ("OutgoingCallerId", "outgoing_caller_ids"),
        ("Token", "tokens"),
        ("ValidationRequest", "validation_requests"),
        ("ConnectApp", "connect_apps"),
        ("AuthorizedConnectApp", "authorized_connect_apps"),
        ("Notification", "notifications"),
        ("Balance", "balance"),
    )
}
REST_CLIENT = (
    "SignalWire-DotNet takes the space URL through TwilioClient.Init(project, token, new Dictionary<string, "
    'object> { ["signalwireSpaceUrl"] = … }); use that and TwilioClient.GetRestClient()'
)
#: twilio-csharp's ``TwilioRestClient`` constructor parameters, in order.
REST_PARAMETERS = ("username", "password", "accountSid", "region", "httpClient", "edge")
INTERFACE = "ITwilioRestClient"
HTTP_CLIENT = (
    "`httpClient:` has no counterpart in TwilioClient.Init(project, token, options), the only client set-up "
    "SignalWire-DotNet documents: keep your HttpClient by hand"
)
API_KEY = "API-key credentials: SignalWire uses the project ID and token"
#: Statements can be put before a statement only where statements follow one another.
_STATEMENT_PARENTS = frozenset({"block", "global_statement", "switch_section"})


class _CSharpRecipe:
    def __init__(self, rewrite: Rewrite, usings: list[tree_sitter.Node]) -> None:
        self.rw = rewrite
        self.usings = usings
        self.names = [self.using_name(using) for using in usings]
        self.uses_twilio = any(name == "Twilio" or name.startswith("Twilio.") for name in self.names)

    def using_name(self, using: tree_sitter.Node) -> str:
        name = next((c for c in using.named_children if c.type in ("identifier", "qualified_name")), None)
        return self.rw.text(name) if name is not None else ""

    def using(self, using: tree_sitter.Node, name: str) -> None:
        parts = name.split(".")
        check_namespace(self.rw, using, parts, ".")
        if parts[:2] == ["Twilio", "AspNet"]:
            message = f"`{name}` comes from the Twilio.AspNet package, which depends on the Twilio package"
            self.rw.report(using, "SW105", message)
        elif parts[:4] == ["Twilio", "Rest", "Api", "V2010"] and parts[4:6] in (
            ["Account", "Sip"],
            ["Account", "Usage"],
        ):
            what = UNLISTED_RESOURCES[parts[5].lower()]
            self.rw.report(using, "SW104", missing_message(parts[5], "SW104", what))

    def invocation(self, node: tree_sitter.Node) -> None:
        function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        if function is None or arguments is None:
            return
        callee = self.rw.text(function).removeprefix("global::")
        if callee in ("TwilioClient.Init", "Twilio.TwilioClient.Init") and (
            "Twilio" in self.names or callee.startswith("Twilio.")
        ):
            self.init(node, arguments)
        elif callee in ("MessageResource.Create", "CallResource.Create"):
            for argument in arguments.named_children:
                name = argument.child_by_field_name("name")
                if name is not None and self.rw.text(name) == "from":
                    report_from(self.rw, argument)

    def init(self, node: tree_sitter.Node, arguments: tree_sitter.Node) -> None:
        args = arguments.named_children
        if len(args) == 3 and "signalwireSpaceUrl" in self.rw.text(args[2]):
            return
        if len(args) != 2:
            self.rw.report(node, "SW141", API_KEY)
            return
        self.rw.splice(args[-1].end_byte, args[-1].end_byte, f", {self.space_dictionary()}")
        self.add_generic_using()

    def space_dictionary(self) -> str:
        """The spec's options argument: the ``--space-url`` literal, else the variable read at run time."""
        value = (
            f'"{self.rw.space_url}"'
            if self.rw.space_url
            else f'System.Environment.GetEnvironmentVariable("{SPACE_URL_ENV}")'
        )
        return f'new Dictionary<string, object> {{ ["signalwireSpaceUrl"] = {value} }}'

    def add_generic_using(self) -> None:
        """``using System.Collections.Generic;`` where an ordered using list would have it, once."""
        if GENERIC in self.names or not self.usings:
            return
        after = [u for u, name in zip(self.usings, self.names, strict=True) if _order(name) > _order(GENERIC)]
        self.names.append(GENERIC)
        newline = self.rw.newline.decode()
        if after:
            start = after[0].start_byte
            self.rw.splice(start, start, f"using {GENERIC};{newline}")
        else:
            end = self.usings[-1].end_byte
            self.rw.splice(end, end, f"{newline}using {GENERIC};")

    def creation(self, node: tree_sitter.Node) -> None:
        kind = node.child_by_field_name("type")
        if kind is None or not self.uses_twilio:
            return
        name = self.rw.text(kind).removeprefix("global::")
        if name in ("TwilioRestClient", "Twilio.Clients.TwilioRestClient"):
            self.rest_client(node)

    def rest_client(self, node: tree_sitter.Node) -> None:
        """``var client = new TwilioRestClient(sid, token);`` →
        ``TwilioClient.Init(sid, token, new Dictionary<…> {…});`` then ``var client =
        TwilioClient.GetRestClient();`` — the spec's one documented form; ``region:`` / ``edge:`` (which only
        pick a Twilio data centre) are dropped. Other forms and positions are reported."""
        arguments = self.rest_arguments(node)
        if arguments is None or not {"username", "password"} <= arguments.keys():
            self.rw.report(node, "SW105", REST_CLIENT)
        elif "accountSid" in arguments:
            self.rw.report(node, "SW141", API_KEY)
        elif "httpClient" in arguments:
            self.rw.report(node, "SW105", HTTP_CLIENT)
        else:
            statement = self.client_statement(node)
            if statement is not None:
                self.init_before(statement, node, arguments)

    def rest_arguments(self, node: tree_sitter.Node) -> dict[str, str] | None:
        """The constructor's arguments by parameter name (positional ones by place); ``None`` when it has
        an initializer or arguments twilio-csharp's constructor does not take."""
        arguments = node.child_by_field_name("arguments")
        if arguments is None or node.child_by_field_name("initializer") is not None:
            return None
        found: dict[str, str] = {}
        for index, argument in enumerate(arguments.named_children):
            label = argument.child_by_field_name("name")
            value = argument.named_children[-1] if argument.named_children else None
            if value is None or (label is None and index >= len(REST_PARAMETERS)):
                return None
            name = self.rw.text(label) if label is not None else REST_PARAMETERS[index]
            if name not in REST_PARAMETERS or name in found:
                return None
            found[name] = self.rw.text(value)
        return found

    def client_statement(self, node: tree_sitter.Node) -> tree_sitter.Node | None:
        """The statement a rewritten creation sits in, if ``TwilioClient.Init`` can go right before it and
        ``GetRestClient()``'s ``ITwilioRestClient`` fits where the client goes; else report and ``None``.
        A local typed ``TwilioRestClient`` is retyped to the interface (a local: nothing outside sees it)."""
        parent = node.parent
        statement = parent.parent if parent is not None else None
        if parent is None or statement is None:
            kind, target, declared = "", "", None
        elif parent.type == "variable_declarator" and statement.type == "variable_declaration":
            kind, target = "local", self.rw.text(parent.child_by_field_name("name") or parent)
            declared, statement = statement.child_by_field_name("type"), statement.parent
            if statement is None or statement.type != "local_declaration_statement":
                kind = ""
        elif parent.type == "assignment_expression" and statement.type == "expression_statement":
            kind = "assignment"
            target = self.rw.text(parent.child_by_field_name("left") or parent).removeprefix("this.")
            declared = self.declared_type(target)
        elif parent.type == "return_statement":
            kind, target, statement = "return", "the method's result", parent
            declared = _enclosing_method_type(parent)
        else:
            kind, target, declared = "", "", None
        if not kind or statement is None or statement.parent is None:
            self.rw.report(node, "SW105", REST_CLIENT)
            return None
        if statement.parent.type not in _STATEMENT_PARENTS:
            self.rw.report(node, "SW105", REST_CLIENT)
            return None
        type_name = _last(self.rw.text(declared)) if declared is not None else "an unknown type"
        retype = kind == "local" and type_name == "TwilioRestClient"
        if type_name not in ("var", INTERFACE) and not retype:
            message = (
                f"`{target}` is {type_name if declared is None else f'typed `{type_name}`'}, but "
                f"TwilioClient.GetRestClient() returns {INTERFACE}: type it {INTERFACE}, then run again"
            )
            self.rw.report(node, "SW105", message)
            return None
        if retype and declared is not None:
            self.rw.splice(declared.end_byte - len(type_name), declared.end_byte, INTERFACE)
        return statement

    def declared_type(self, name: str) -> tree_sitter.Node | None:
        """The declared type of the field, property or local *name* in this file (first declaration)."""
        for node in walk(self.rw.root):
            if (
                node.type == "property_declaration"
                and self.rw.text(node.child_by_field_name("name") or node) == name
            ):
                return node.child_by_field_name("type")
            if node.type == "variable_declaration":
                for declarator in node.named_children:
                    if (
                        declarator.type == "variable_declarator"
                        and self.rw.text(declarator.child_by_field_name("name") or declarator) == name
                    ):
                        return node.child_by_field_name("type")
        return None

    def init_before(
        self, statement: tree_sitter.Node, node: tree_sitter.Node, arguments: dict[str, str]
    ) -> None:
        """Put ``TwilioClient.Init(…);`` before *statement* and take the client from ``GetRestClient()``."""
        client = "TwilioClient" if "Twilio" in self.names else "Twilio.TwilioClient"
        init = f"{client}.Init({arguments['username']}, {arguments['password']}, {self.space_dictionary()});"
        line_start = self.rw.data.rfind(b"\n", 0, statement.start_byte) + 1
        indent = self.rw.data[line_start : statement.start_byte].decode()
        separator = self.rw.newline.decode() + indent if not indent.strip(" \t") else " "
        self.rw.splice(statement.start_byte, statement.start_byte, init + separator)
        self.rw.replace(node, f"{client}.GetRestClient()")
        self.add_generic_using()

    def identifier(self, node: tree_sitter.Node) -> None:
        name = self.rw.text(node)
        if self.uses_twilio and name in UNLISTED_CLASSES and _is_receiver(node):
            self.rw.report(node, "SW104", missing_message(name, "SW104", UNLISTED_CLASSES[name]))
        elif name == "RequestValidator" and "Twilio.Security" in self.names and _is_type_use(node):
            self.rw.report(node, "SW120", f"`RequestValidator`: {VALIDATION_MESSAGE}")


def _last(type_name: str) -> str:
    """``Twilio.Clients.ITwilioRestClient`` → ``ITwilioRestClient``."""
    return type_name.removeprefix("global::").rsplit(".", 1)[-1]


def _enclosing_method_type(node: tree_sitter.Node) -> tree_sitter.Node | None:
    """The return type of the method or local function a ``return`` belongs to; ``None`` (an unknown type,
    so reported) inside a lambda, an anonymous method or an accessor."""
    parent = node.parent
    while parent is not None:
        if parent.type in ("method_declaration", "local_function_statement"):
            return parent.child_by_field_name("returns") or parent.child_by_field_name("type")
        if parent.type in ("lambda_expression", "anonymous_method_expression", "accessor_declaration"):
            return None
        parent = parent.parent
    return None


def _order(name: str) -> tuple[bool, str]:
    """Visual Studio's order: ``System`` namespaces first, then ordinal."""
    return (not (name == "System" or name.startswith("System.")), name)


def _is_receiver(node: tree_sitter.Node) -> bool:
    parent = node.parent
    return (
        parent is not None and parent.type == "member_access_expression" and parent.named_children[0] == node
    )


def _is_type_use(node: tree_sitter.Node) -> bool:
    parent = node.parent
    return parent is not None and parent.type in ("object_creation_expression", "variable_declaration")


def migrate(rewrite: Rewrite) -> None:
    """Record the edits and findings of the C# recipe on *rewrite*."""
    nodes = list(walk(rewrite.root))
    usings = [node for node in nodes if node.type == "using_directive"]
    recipe = _CSharpRecipe(rewrite, usings)
    for using, name in zip(usings, list(recipe.names), strict=True):
        recipe.using(using, name)
    for node in nodes:
        kind = node.type
        if kind == "invocation_expression":
            recipe.invocation(node)
        elif kind == "object_creation_expression":
            recipe.creation(node)
        elif kind == "identifier":
            recipe.identifier(node)
        elif kind in ("string_literal_content", "verbatim_string_literal"):
            check_text(rewrite, node)
