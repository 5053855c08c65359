"""``import twilio from 'twilio'`` / ``import * as twilio`` / ``import { Twilio }`` →
``import { RestClient as twilio } from '@signalwire/compatibility-api'`` (its ESM build has no default export
and exports only ``RestClient``, ``Twilio``, ``JwtInterface``, ``TwimlInterface``)."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._engine import walk
from codemods._treesitter._vocabulary import NODE_PACKAGE
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.node._file import MODULE, NodeFile
from codemods._treesitter.rules.node.esm_laml import laml_import

NO_ESM_NAME = (
    "@signalwire/compatibility-api's ESM build exports only RestClient: import it and use RestClient.{}"
)


def check(file: NodeFile, statement: tree_sitter.Node) -> None:
    source = statement.child_by_field_name("source")
    name = file.module_string(source)
    if name is None or source is None:
        return
    if name.startswith(MODULE + "/"):
        file.rw.report(statement, "SW105", f"'{name}': {NODE_PACKAGE} does not export twilio's internals")
        return
    if name == NODE_PACKAGE:
        file.bindings.update(migrated_aliases(file, statement))
        return
    if name != MODULE:
        return
    clause = next((child for child in statement.named_children if child.type == "import_clause"), None)
    if clause is None:
        file.rw.report(statement, "SW105", f"side-effect import of '{MODULE}'")
        return
    if any(child.type == "type" for child in statement.children):
        file.rw.report(statement, "SW105", "type-only import from twilio: import types from RestClient")
        return
    if laml_import(file, clause) is not None:
        return  # node/esm-laml
    local = client_alias(file, clause)
    if local is None:
        return
    file.bindings.add(local)
    file.rw.replace(clause, "{ RestClient }" if local == "RestClient" else f"{{ RestClient as {local} }}")
    file.retarget(source)


def migrated_aliases(file: NodeFile, statement: tree_sitter.Node) -> list[str]:
    """Names an existing ``import { RestClient as x } from '@signalwire/compatibility-api'`` binds."""
    found: list[str] = []
    for spec in walk(statement):
        imported = spec.child_by_field_name("name") if spec.type == "import_specifier" else None
        if imported is not None and file.rw.text(imported) == "RestClient":
            found.append(file.rw.text(spec.child_by_field_name("alias") or imported))
    return found


def client_alias(file: NodeFile, clause: tree_sitter.Node) -> str | None:
    """The one local name an import clause binds to the client; ``None`` (reported) if it binds more."""
    names: list[str] = []
    for child in clause.named_children:
        if child.type == "identifier":
            names.append(file.rw.text(child))
        elif child.type == "namespace_import":
            names.extend(file.rw.text(part) for part in child.named_children if part.type == "identifier")
        elif child.type == "named_imports":
            for spec in child.named_children:
                imported = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias") or imported
                if imported is None or alias is None or file.rw.text(imported) != "Twilio":
                    other = file.rw.text(imported) if imported is not None else "?"
                    file.rw.report(spec, "SW105", NO_ESM_NAME.format(other.replace("twiml", "LaML")))
                    return None
                names.append(file.rw.text(alias))
    if len(names) != 1:
        file.rw.report(clause, "SW105", "import binds twilio more than once: bind RestClient once")
        return None
    return names[0]


RULE: Rule[NodeFile] = Rule(
    id="node/esm-import",
    matches=("import_statement",),
    check=check,
    fix="import <x> from 'twilio' → import { RestClient as <x> } from '@signalwire/compatibility-api'",
    constraints="one local name for the module (default, namespace or { Twilio }); { twiml[, Twilio] } is "
    "node/esm-laml's; type-only, side-effect and other named imports are reported",
    codes=("SW105",),
    examples=(
        Example(
            "import twilio from 'twilio';\nimport * as T from \"twilio\";\n",
            "import { RestClient as twilio } from '@signalwire/compatibility-api';\n"
            'import { RestClient as T } from "@signalwire/compatibility-api";\n',
        ),
        Example(
            "import { jwt } from 'twilio';\nimport type { Twilio } from 'twilio';\n",
            "// sw-migrate: SW105 @signalwire/compatibility-api's ESM build exports only RestClient: import it"
            " and use RestClient.jwt\nimport { jwt } from 'twilio';\n// sw-migrate: SW105 type-only import"
            " from twilio: import types from RestClient\nimport type { Twilio } from 'twilio';\n",
            ("SW105", "SW105"),
            grammar="typescript",
        ),
        Example("import twilio from './twilio';\n", "import twilio from './twilio';\n"),
    ),
)
