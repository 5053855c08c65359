"""C# recipe: twilio-csharp → NuGet ``SignalWire-DotNet``, the spec's
``TwilioClient.Init(project, token, new Dictionary<string, object> { ["signalwireSpaceUrl"] = … })``.

- ``TwilioClient.Init(sid, token)`` (in a file that uses the ``Twilio`` namespace, or spelled
  ``Twilio.TwilioClient``) gets the dictionary as third argument: the ``--space-url`` literal, else
  ``System.Environment.GetEnvironmentVariable("SIGNALWIRE_SPACE_URL")`` — SignalWire-DotNet's sources are not
  public any more, so nothing says it reads the variable itself, and the spec's recipe always passes it.
  ``using System.Collections.Generic;`` is added only when the file lacks it.
- ``new TwilioRestClient(…)`` has no documented SignalWire form: reported (SW105) with the ``Init`` recipe.

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
            self.rw.report(node, "SW141", "API-key credentials: SignalWire uses the project ID and token")
            return
        value = (
            f'"{self.rw.space_url}"'
            if self.rw.space_url
            else f'System.Environment.GetEnvironmentVariable("{SPACE_URL_ENV}")'
        )
        dictionary = f'new Dictionary<string, object> {{ ["signalwireSpaceUrl"] = {value} }}'
        self.rw.splice(args[-1].end_byte, args[-1].end_byte, f", {dictionary}")
        self.add_generic_using()

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
        name = self.rw.text(kind)
        if name in ("TwilioRestClient", "Twilio.Clients.TwilioRestClient"):
            self.rw.report(node, "SW105", REST_CLIENT)

    def identifier(self, node: tree_sitter.Node) -> None:
        name = self.rw.text(node)
        if self.uses_twilio and name in UNLISTED_CLASSES and _is_receiver(node):
            self.rw.report(node, "SW104", missing_message(name, "SW104", UNLISTED_CLASSES[name]))
        elif name == "RequestValidator" and "Twilio.Security" in self.names and _is_type_use(node):
            self.rw.report(node, "SW120", f"`RequestValidator`: {VALIDATION_MESSAGE}")


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
