"""``new TwilioRestClient(sid, token)`` → ``TwilioClient.Init(sid, token, new Dictionary<…> {…});`` just before
its statement and ``TwilioClient.GetRestClient()`` in its place: the spec's one documented set-up
(``global::Twilio.TwilioClient`` when the file lacks ``using Twilio;``). Only where that is faithful: a statement
directly in a block, and a target that takes ``GetRestClient()``'s ``ITwilioRestClient`` (a local typed
``TwilioRestClient`` is retyped); ``region:`` / ``edge:`` (they only pick a Twilio data centre) are dropped.
Other positions, concrete-typed fields, ``httpClient:`` and API-key credentials are reported."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._engine import walk
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.csharp._file import API_KEY, CSharpFile

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
#: Statements can be put before a statement only where statements follow one another.
_STATEMENT_PARENTS = frozenset({"block", "global_statement", "switch_section"})
FROM_ENV = 'System.Environment.GetEnvironmentVariable("SIGNALWIRE_SPACE_URL")'
INIT = f'TwilioClient.Init(sid, token, new Dictionary<string, object> {{ ["signalwireSpaceUrl"] = {FROM_ENV} }});'


def check(file: CSharpFile, node: tree_sitter.Node) -> None:
    """``var client = new TwilioRestClient(sid, token);`` →
    ``TwilioClient.Init(sid, token, new Dictionary<…> {…});`` then ``var client =
    TwilioClient.GetRestClient();`` — the spec's one documented form; ``region:`` / ``edge:`` (which only
    pick a Twilio data centre) are dropped. Other forms and positions are reported."""
    kind = node.child_by_field_name("type")
    if kind is None or not file.uses_twilio:
        return
    if file.rw.text(kind).removeprefix("global::") not in (
        "TwilioRestClient",
        "Twilio.Clients.TwilioRestClient",
    ):
        return
    arguments = rest_arguments(file, node)
    if arguments is None or not {"username", "password"} <= arguments.keys():
        file.rw.report(node, "SW105", REST_CLIENT)
    elif "accountSid" in arguments:
        file.rw.report(node, "SW141", API_KEY)
    elif "httpClient" in arguments:
        file.rw.report(node, "SW105", HTTP_CLIENT)
    else:
        statement = client_statement(file, node)
        if statement is not None:
            init_before(file, statement, node, arguments)


def rest_arguments(file: CSharpFile, node: tree_sitter.Node) -> dict[str, str] | None:
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
        name = file.rw.text(label) if label is not None else REST_PARAMETERS[index]
        if name not in REST_PARAMETERS or name in found:
            return None
        found[name] = file.rw.text(value)
    return found


def client_statement(file: CSharpFile, node: tree_sitter.Node) -> tree_sitter.Node | None:
    """The statement a rewritten creation sits in, if ``TwilioClient.Init`` can go right before it and
    ``GetRestClient()``'s ``ITwilioRestClient`` fits where the client goes; else report and ``None``.
    A local typed ``TwilioRestClient`` is retyped to the interface (a local: nothing outside sees it)."""
    parent = node.parent
    statement = parent.parent if parent is not None else None
    if parent is None or statement is None:
        kind, target, declared = "", "", None
    elif parent.type == "variable_declarator" and statement.type == "variable_declaration":
        kind, target = "local", file.rw.text(parent.child_by_field_name("name") or parent)
        declared, statement = statement.child_by_field_name("type"), statement.parent
        if statement is None or statement.type != "local_declaration_statement":
            kind = ""
    elif parent.type == "assignment_expression" and statement.type == "expression_statement":
        kind = "assignment"
        target = file.rw.text(parent.child_by_field_name("left") or parent).removeprefix("this.")
        declared = declared_type(file, target)
    elif parent.type == "return_statement":
        kind, target, statement = "return", "the method's result", parent
        declared = _enclosing_method_type(parent)
    else:
        kind, target, declared = "", "", None
    if not kind or statement is None or statement.parent is None:
        file.rw.report(node, "SW105", REST_CLIENT)
        return None
    if statement.parent.type not in _STATEMENT_PARENTS:
        file.rw.report(node, "SW105", REST_CLIENT)
        return None
    type_name = _last(file.rw.text(declared)) if declared is not None else "an unknown type"
    retype = kind == "local" and type_name == "TwilioRestClient"
    if type_name not in ("var", INTERFACE) and not retype:
        message = (
            f"`{target}` is {type_name if declared is None else f'typed `{type_name}`'}, but "
            f"TwilioClient.GetRestClient() returns {INTERFACE}: type it {INTERFACE}, then run again"
        )
        file.rw.report(node, "SW105", message)
        return None
    if retype and declared is not None:
        file.rw.splice(declared.end_byte - len(type_name), declared.end_byte, INTERFACE)
    return statement


def declared_type(file: CSharpFile, name: str) -> tree_sitter.Node | None:
    """The declared type of the field, property or local *name* in this file (first declaration)."""
    for node in walk(file.rw.root):
        if (
            node.type == "property_declaration"
            and file.rw.text(node.child_by_field_name("name") or node) == name
        ):
            return node.child_by_field_name("type")
        if node.type == "variable_declaration":
            for declarator in node.named_children:
                if (
                    declarator.type == "variable_declarator"
                    and file.rw.text(declarator.child_by_field_name("name") or declarator) == name
                ):
                    return node.child_by_field_name("type")
    return None


def init_before(
    file: CSharpFile, statement: tree_sitter.Node, node: tree_sitter.Node, arguments: dict[str, str]
) -> None:
    """Put ``TwilioClient.Init(…);`` before *statement* and take the client from ``GetRestClient()``."""
    # Without ``using Twilio;`` the qualified name needs ``global::``: inside ``namespace App.Twilio`` a bare
    # ``Twilio.`` would name that namespace.
    client = "TwilioClient" if "Twilio" in file.names else "global::Twilio.TwilioClient"
    init = f"{client}.Init({arguments['username']}, {arguments['password']}, {file.space_dictionary()});"
    line_start = file.rw.data.rfind(b"\n", 0, statement.start_byte) + 1
    indent = file.rw.data[line_start : statement.start_byte].decode()
    separator = file.rw.newline.decode() + indent if not indent.strip(" \t") else " "
    file.rw.splice(statement.start_byte, statement.start_byte, init + separator)
    file.rw.replace(node, f"{client}.GetRestClient()")
    file.add_generic_using()


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


RULE: Rule[CSharpFile] = Rule(
    id="csharp/rest-client",
    matches=("object_creation_expression",),
    check=check,
    fix="var c = new TwilioRestClient(sid, token); → TwilioClient.Init(sid, token, new Dictionary<…> {…}); "
    "var c = TwilioClient.GetRestClient();",
    constraints="a file using a Twilio namespace; (sid, token) with optional region/edge; a statement in a "
    "block whose target takes ITwilioRestClient",
    codes=("SW105", "SW141"),
    examples=(
        Example(
            "using Twilio;\nclass A\n{\n    void M()\n    {\n        var c = new TwilioRestClient(sid, token, region: r);\n    }\n}\n",
            "using System.Collections.Generic;\nusing Twilio;\nclass A\n{\n    void M()\n    {\n"
            f"        {INIT}\n        var c = TwilioClient.GetRestClient();\n    }}\n}}\n",
        ),
        Example(
            "using Twilio.Clients;\nclass A\n{\n    ITwilioRestClient _c = new TwilioRestClient(sid, token);\n}\n",
            f"using Twilio.Clients;\nclass A\n{{\n    // sw-migrate: SW105 {REST_CLIENT}\n"
            "    ITwilioRestClient _c = new TwilioRestClient(sid, token);\n}\n",
            ("SW105",),
        ),
        Example(
            "using MyApp;\nvar c = new TwilioRestClient(sid, token);\n",
            "using MyApp;\nvar c = new TwilioRestClient(sid, token);\n",
        ),
    ),
    phase=1,
)
