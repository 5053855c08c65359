"""A grouped ``use Twilio\\{…}``: reported, to be split and migrated on the next run."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter.rules._rule import Example, Rule
from codemods._treesitter.rules.php._file import PhpFile


def check(file: PhpFile, node: tree_sitter.Node) -> None:
    if file.rw.text(node.parent or node).find("Twilio") >= 0:
        file.rw.report(node, "SW105", "grouped `use` of Twilio classes: split it, then run again")


RULE: Rule[PhpFile] = Rule(
    id="php/use-group",
    matches=("namespace_use_group",),
    check=check,
    fix="",
    constraints="the use statement mentions Twilio",
    codes=("SW105",),
    examples=(
        Example(
            "<?php\nuse Twilio\\{Rest\\Client, TwiML\\VoiceResponse};\n",
            "<?php\n// sw-migrate: SW105 grouped `use` of Twilio classes: split it, then run again\n"
            "use Twilio\\{Rest\\Client, TwiML\\VoiceResponse};\n",
            ("SW105",),
        ),
    ),
)
