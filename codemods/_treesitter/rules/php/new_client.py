"""``new Client($sid, $token)`` of the Twilio (or already SignalWire) client class: left alone, since
``SignalWire\\Rest\\Client`` reads ``SIGNALWIRE_SPACE_URL`` itself; with ``--space-url`` it gets the spec's
``array("signalwireSpaceUrl" => "…")``."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.php._file import CLIENT, MIGRATED_CLIENT, PhpFile

NEEDS_CREDENTIALS = "SignalWire\\Rest\\Client needs the project ID and API token as its first two arguments"
EXTRA_ARGUMENTS = "SignalWire\\Rest\\Client takes (project, token, options array): move these arguments"


def is_array(argument: tree_sitter.Node) -> bool:
    return any(child.type == "array_creation_expression" for child in argument.named_children)


def check(file: PhpFile, node: tree_sitter.Node) -> None:
    kind = next((child for child in node.named_children if child.type in ("name", "qualified_name")), None)
    if kind is None:
        return
    text = file.rw.text(kind)
    if not (text in file.client_names or text.lstrip("\\") in (CLIENT, MIGRATED_CLIENT)):
        return
    arguments = next((child for child in node.named_children if child.type == "arguments"), None)
    args = arguments.named_children if arguments is not None else []
    if not args:
        file.rw.report(node, "SW105", NEEDS_CREDENTIALS)
    elif len(args) > 3 or (len(args) == 3 and args[2].named_children[:1] and not is_array(args[2])):
        file.rw.report(node, "SW141", EXTRA_ARGUMENTS)
    elif len(args) == 2 and file.rw.space_url and arguments is not None:
        closing = arguments.end_byte - 1
        file.rw.splice(closing, closing, f', array("signalwireSpaceUrl" => "{file.rw.space_url}")')
    parent = node.parent
    if parent is not None and parent.type == "assignment_expression":
        left = parent.child_by_field_name("left")
        if left is not None:
            file.clients.add(file.rw.text(left))


RULE: Rule[PhpFile] = Rule(
    id="php/new-client",
    matches=("object_creation_expression",),
    check=check,
    fix='with --space-url: new Client($sid, $token) → new Client($sid, $token, array("signalwireSpaceUrl" => …))',
    constraints="the class is the client (imported name or fully qualified); no or extra arguments reported",
    codes=("SW105", "SW141"),
    examples=(
        Example(
            "<?php\nuse Twilio\\Rest\\Client;\n$client = new Client($sid, $token);\n",
            '<?php\nuse SignalWire\\Rest\\Client;\n$client = new Client($sid, $token, array("signalwireSpaceUrl"'
            ' => "example.signalwire.com"));\n',
            space_url="example.signalwire.com",
        ),
        Example(
            "<?php\nuse Twilio\\Rest\\Client;\n$client = new Client();\n",
            "<?php\nuse SignalWire\\Rest\\Client;\n// sw-migrate: SW105 SignalWire\\Rest\\Client needs the project ID"
            " and API token as its first two arguments\n$client = new Client();\n",
            ("SW105",),
        ),
        Example("<?php\n$client = new Client($a, $b);\n", "<?php\n$client = new Client($a, $b);\n"),
    ),
    phase=1,
)
