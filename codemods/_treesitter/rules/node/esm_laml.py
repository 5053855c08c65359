"""``import { twiml } from 'twilio'`` (with ``Twilio`` beside it, either aliased) →
``import { RestClient } from '@signalwire/compatibility-api';`` plus ``const twiml = RestClient.LaML;``: the
package's ESM build exports only ``RestClient`` (whose ``LaML`` is twilio's ``twiml``), and its .d.ts declares
``RestClient.LaML`` as a value, so the local name is kept as a constant and every use stays byte-identical."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._engine import walk
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import MODULE, NodeFile

TAKEN = (
    "`RestClient` already names something in this file: import { RestClient as <name> } and use <name>.LaML"
)
AS_TYPE = (
    "`{}` is used as a type namespace; RestClient.LaML is a value: type the responses with "
    "ReturnType/InstanceType or import the classes' types, then run again"
)


def laml_import(file: NodeFile, clause: tree_sitter.Node) -> tuple[str, str | None] | None:
    """The local names of ``twiml`` and (if present) ``Twilio`` when *clause* is exactly ``{ twiml[, Twilio] }``
    (aliases allowed, no type-only specifier); ``None`` for any other clause."""
    named = clause.named_children
    if len(named) != 1 or named[0].type != "named_imports":
        return None
    local: dict[str, str] = {}
    for spec in named[0].named_children:
        imported = spec.child_by_field_name("name")
        if spec.type != "import_specifier" or imported is None or spec.children[0].type == "type":
            return None
        name = file.rw.text(imported)
        if name not in ("twiml", "Twilio") or name in local:
            return None
        local[name] = file.rw.text(spec.child_by_field_name("alias") or imported)
    twiml = local.get("twiml")
    return (twiml, local.get("Twilio")) if twiml is not None else None


def import_clause(statement: tree_sitter.Node) -> tuple[tree_sitter.Node, tree_sitter.Node] | None:
    """The source string and clause of a value import (``import type`` and side-effect imports excluded)."""
    source = statement.child_by_field_name("source")
    clause = next((child for child in statement.named_children if child.type == "import_clause"), None)
    if source is None or clause is None or any(child.type == "type" for child in statement.children):
        return None
    return source, clause


NAMES = frozenset(
    {
        "identifier",
        "type_identifier",
        "shorthand_property_identifier",
        "shorthand_property_identifier_pattern",
    }
)


def names_rest_client(file: NodeFile) -> bool:
    """Whether the file already uses the name ``RestClient`` (comments and ``x.RestClient`` do not count)."""
    return any(node.type in NAMES and file.rw.text(node) == "RestClient" for node in walk(file.rw.root))


def used_as_type(file: NodeFile, name: str) -> tree_sitter.Node | None:
    """A ``name.X`` in a type position (``r: twiml.VoiceResponse``), which a constant cannot serve."""
    for node in walk(file.rw.root):
        module = node.child_by_field_name("module") if node.type == "nested_type_identifier" else None
        if module is not None and file.rw.text(module) == name:
            return node
    return None


def check(file: NodeFile, statement: tree_sitter.Node) -> None:
    found = import_clause(statement)
    if found is None or file.module_string(found[0]) != MODULE:
        return
    source, clause = found
    names = laml_import(file, clause)
    if names is None:
        return
    twiml, client = names
    type_use = used_as_type(file, twiml)
    if type_use is not None:
        file.rw.report(type_use, "SW105", AS_TYPE.format(twiml))
        return
    if client is None and names_rest_client(file):
        file.rw.report(statement, "SW105", TAKEN)
        return
    client = client or "RestClient"
    file.rw.replace(clause, "{ RestClient }" if client == "RestClient" else f"{{ RestClient as {client} }}")
    file.retarget(source)
    file.bindings.add(client)
    end = ";" if file.rw.text(statement).endswith(";") else ""
    line = file.rw.newline.decode() + f"const {twiml} = {client}.LaML{end}"
    file.rw.splice(statement.end_byte, statement.end_byte, line)


RULE: Rule[NodeFile] = Rule(
    id="node/esm-laml",
    matches=("import_statement",),
    check=check,
    fix="import { twiml } from 'twilio' → import { RestClient } from '@signalwire/compatibility-api'; "
    "const twiml = RestClient.LaML",
    constraints="the clause is exactly { twiml[, Twilio] } (aliases allowed); reported when RestClient is "
    "already a name in the file or the twiml name is used as a type namespace",
    codes=("SW105",),
    examples=(
        Example(
            "import { twiml } from 'twilio';\nconst r = new twiml.VoiceResponse();\n",
            "import { RestClient } from '@signalwire/compatibility-api';\nconst twiml = RestClient.LaML;\n"
            "const r = new twiml.VoiceResponse();\n",
        ),
        Example(
            'import { twiml as T, Twilio } from "twilio"\nconst client = new Twilio(sid, token)\n'
            "const m = new T.MessagingResponse()\n",
            'import { RestClient as Twilio } from "@signalwire/compatibility-api"\nconst T = Twilio.LaML\n'
            "const client = Twilio(sid, token)\nconst m = new T.MessagingResponse()\n",
            grammar="typescript",
        ),
        Example(
            "import { twiml } from 'twilio';\nfunction f(r: twiml.VoiceResponse) {}\n",
            "import { twiml } from 'twilio';\n// sw-migrate: SW105 `twiml` is used as a type namespace;"
            " RestClient.LaML is a value: type the responses with ReturnType/InstanceType or import the classes'"
            " types, then run again\nfunction f(r: twiml.VoiceResponse) {}\n",
            ("SW105",),
            grammar="typescript",
        ),
        Example(
            "import { twiml } from 'twilio';\nclass RestClient {}\n",
            "// sw-migrate: SW105 `RestClient` already names something in this file: import { RestClient as"
            " <name> } and use <name>.LaML\nimport { twiml } from 'twilio';\nclass RestClient {}\n",
            ("SW105",),
        ),
        Example("import { twiml } from './twilio';\n", "import { twiml } from './twilio';\n"),
    ),
)
