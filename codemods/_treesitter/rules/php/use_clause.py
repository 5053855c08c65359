"""``use Twilio\\Rest\\Client;`` → ``use SignalWire\\Rest\\Client;`` (an alias is kept), the TwiML builders →
``SignalWire\\LaML\\…``, and twilio-php 5's ``use Twilio\\TwiML;`` → ``use SignalWire\\LaML as TwiML;`` (one line:
every ``new TwiML`` below keeps working). ``Twilio\\Jwt``, ``Twilio\\Security`` and products the Compatibility
API lacks are reported."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._common import check_namespace
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.php._file import CLASSES, CLIENT, MIGRATED_CLIENT, PhpFile


def check(file: PhpFile, clause: tree_sitter.Node) -> None:
    name = next((child for child in clause.named_children if child.type in ("qualified_name", "name")), None)
    alias = clause.child_by_field_name("alias")
    if name is None:
        return
    full = file.fqn(name)
    local = file.rw.text(alias) if alias is not None else full.rsplit("\\", 1)[-1]
    if full in (CLIENT, MIGRATED_CLIENT):
        file.client_names.add(local)
    check_namespace(file.rw, name, full.split("\\"), "\\")
    if full not in CLASSES:
        return
    replacement = CLASSES[full]
    new_local = replacement.rsplit("\\", 1)[-1]
    if alias is None and new_local != local:
        replacement += f" as {local}"
    file.rw.replace(name, ("\\" if file.rw.text(name).startswith("\\") else "") + replacement)


RULE: Rule[PhpFile] = Rule(
    id="php/use-clause",
    matches=("namespace_use_clause",),
    check=check,
    fix="use Twilio\\Rest\\Client → use SignalWire\\Rest\\Client; Twilio\\TwiML\\X → SignalWire\\LaML\\X; "
    "use Twilio\\TwiML → use SignalWire\\LaML as TwiML",
    constraints="a use clause naming a class of the table (or a Twilio namespace, for findings)",
    codes=("SW100", "SW102", "SW104", "SW120"),
    examples=(
        Example(
            "<?php\nuse Twilio\\Rest\\Client as TwilioClient;\nuse Twilio\\TwiML;\n",
            "<?php\nuse SignalWire\\Rest\\Client as TwilioClient;\nuse SignalWire\\LaML as TwiML;\n",
        ),
        Example(
            "<?php\nuse Twilio\\Security\\RequestValidator;\n",
            "<?php\n// sw-migrate: SW120 `Twilio\\Security\\RequestValidator`: SignalWire signs webhooks with the "
            "project's Signing Key, not the auth token: review\nuse Twilio\\Security\\RequestValidator;\n",
            ("SW120",),
        ),
        Example("<?php\nuse App\\Twilio\\Client;\n", "<?php\nuse App\\Twilio\\Client;\n"),
    ),
)
