"""``from:`` of ``MessageResource.Create`` / ``CallResource.Create``: ``From`` must become a number of the
SignalWire project."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._common import report_from
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.csharp._file import CSharpFile


def check(file: CSharpFile, node: tree_sitter.Node) -> None:
    function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if function is None or arguments is None:
        return
    if file.rw.text(function).removeprefix("global::") not in (
        "MessageResource.Create",
        "CallResource.Create",
    ):
        return
    for argument in arguments.named_children:
        name = argument.child_by_field_name("name")
        if name is not None and file.rw.text(name) == "from":
            report_from(file.rw, argument)


RULE: Rule[CSharpFile] = Rule(
    id="csharp/message-from",
    matches=("invocation_expression",),
    check=check,
    fix="",
    constraints="a named from: argument of MessageResource.Create / CallResource.Create",
    codes=("SW170",),
    examples=(
        Example(
            "using Twilio;\nvar m = MessageResource.Create(body: b, from: f, to: t);\n",
            "using Twilio;\nvar m = MessageResource.Create(body: b, from: f, to: t);\n",
            ("SW170",),
        ),
    ),
    phase=1,
)
