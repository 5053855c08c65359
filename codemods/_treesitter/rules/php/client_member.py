"""``$client->verify`` and friends: products and resources the Compatibility API lacks."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._vocabulary import MISSING_CAMEL, missing_message
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.php._file import PhpFile


def check(file: PhpFile, node: tree_sitter.Node) -> None:
    target, name = node.child_by_field_name("object"), node.child_by_field_name("name")
    if target is None or name is None or file.rw.text(target) not in file.clients:
        return
    member = file.rw.text(name)
    if member in MISSING_CAMEL:
        code, what = MISSING_CAMEL[member]
        file.rw.report(name, code, missing_message(member, code, what))


RULE: Rule[PhpFile] = Rule(
    id="php/client-member",
    matches=("member_access_expression",),
    check=check,
    fix="",
    constraints="the object holds a client built in this file",
    codes=("SW100", "SW104"),
    examples=(
        Example(
            "<?php\nuse Twilio\\Rest\\Client;\n$client = new Client($a, $b);\n$client->verify->v2;\n",
            "<?php\nuse SignalWire\\Rest\\Client;\n$client = new Client($a, $b);\n// sw-migrate: SW100 `verify` is"
            " Twilio Verify: the SignalWire Compatibility API has no equivalent\n$client->verify->v2;\n",
            ("SW100",),
        ),
    ),
    phase=1,
)
