"""A fully qualified Twilio class in code (``new \\Twilio\\Rest\\Client(…)``) → its SignalWire class; namespace
findings as for ``use``. Names relative to the file's own namespace are not Twilio's."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._common import check_namespace
from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.php._file import CLASSES, PhpFile


def check(file: PhpFile, node: tree_sitter.Node) -> None:
    if node.parent is not None and node.parent.type in ("namespace_use_clause", "namespace_definition"):
        return
    text = file.rw.text(node)
    if not text.startswith("\\") and file.has_namespace:
        return  # relative to the file's namespace: not Twilio's
    full = text.lstrip("\\")
    check_namespace(file.rw, node, full.split("\\"), "\\")
    if full in CLASSES:
        file.rw.replace(node, "\\" * text.startswith("\\") + CLASSES[full])


RULE: Rule[PhpFile] = Rule(
    id="php/qualified-name",
    matches=("qualified_name",),
    check=check,
    fix="\\Twilio\\Rest\\Client → \\SignalWire\\Rest\\Client (and the other classes of the table)",
    constraints="outside use/namespace lines; absolute, or the file declares no namespace",
    codes=("SW100", "SW102", "SW104", "SW120"),
    examples=(
        Example(
            "<?php\n$r = new \\Twilio\\TwiML\\VoiceResponse();\n",
            "<?php\n$r = new \\SignalWire\\LaML\\VoiceResponse();\n",
        ),
        Example(
            "<?php\nnamespace App;\n$c = new Twilio\\Rest\\Client($a, $b);\n",
            "<?php\nnamespace App;\n$c = new Twilio\\Rest\\Client($a, $b);\n",
        ),
    ),
    phase=1,
)
