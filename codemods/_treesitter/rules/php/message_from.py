"""``->messages->create($to, ["from" => …])`` / ``->calls->create($to, $from, …)``: ``From`` must become a
number of the SignalWire project."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._common import report_from
from codemods._treesitter._engine import walk
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.php._file import PhpFile


def check(file: PhpFile, node: tree_sitter.Node) -> None:
    name, target = node.child_by_field_name("name"), node.child_by_field_name("object")
    if name is None or target is None or file.rw.text(name) != "create" or not file.clients:
        return
    resource = target.child_by_field_name("name") if target.type == "member_access_expression" else None
    arguments = node.child_by_field_name("arguments")
    if resource is None or arguments is None:
        return
    args = arguments.named_children
    if file.rw.text(resource) == "calls" and len(args) > 1:
        report_from(file.rw, args[1])
    elif file.rw.text(resource) == "messages":
        for element in walk(arguments):
            key = element.named_children[0] if element.type == "array_element_initializer" else None
            if key is not None and len(element.named_children) == 2 and file.rw.text(key)[1:-1] == "from":
                report_from(file.rw, element)


RULE: Rule[PhpFile] = Rule(
    id="php/message-from",
    matches=("member_call_expression",),
    check=check,
    fix="",
    constraints="a file that builds a client; ->messages->create with a 'from' key, ->calls->create's 2nd arg",
    codes=("SW170",),
    examples=(
        Example(
            '<?php\nuse Twilio\\Rest\\Client;\n$c = new Client($a, $b);\n$c->messages->create($to, ["from" => $f]);\n',
            '<?php\nuse SignalWire\\Rest\\Client;\n$c = new Client($a, $b);\n$c->messages->create($to, ["from" => $f]);\n',
            ("SW170",),
        ),
    ),
    phase=1,
)
