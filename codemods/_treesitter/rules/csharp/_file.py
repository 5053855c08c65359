"""What the C# rules share about one file: its ``using`` directives (whether it uses the ``Twilio``
namespace), the spec's options dictionary, and adding ``using System.Collections.Generic;`` once."""

from __future__ import annotations

import tree_sitter

from codemods._treesitter._engine import Rewrite
from codemods._treesitter._vocabulary import SPACE_URL_ENV

GENERIC = "System.Collections.Generic"
API_KEY = "API-key credentials: SignalWire uses the project ID and token"


class CSharpFile:
    """One C# file being migrated."""

    def __init__(self, rewrite: Rewrite, nodes: list[tree_sitter.Node]) -> None:
        self.rw = rewrite
        self.usings = [node for node in nodes if node.type == "using_directive"]
        self.names = [self.using_name(using) for using in self.usings]
        self.uses_twilio = any(name == "Twilio" or name.startswith("Twilio.") for name in self.names)

    def using_name(self, using: tree_sitter.Node) -> str:
        name = next((c for c in using.named_children if c.type in ("identifier", "qualified_name")), None)
        return self.rw.text(name) if name is not None else ""

    def space_dictionary(self) -> str:
        """The spec's options argument: the ``--space-url`` literal, else the variable read at run time."""
        value = (
            f'"{self.rw.space_url}"'
            if self.rw.space_url
            else f'System.Environment.GetEnvironmentVariable("{SPACE_URL_ENV}")'
        )
        return f'new Dictionary<string, object> {{ ["signalwireSpaceUrl"] = {value} }}'

    def add_generic_using(self) -> None:
        """``using System.Collections.Generic;`` where an ordered using list would have it, once."""
        if GENERIC in self.names or not self.usings:
            return
        after = [u for u, name in zip(self.usings, self.names, strict=True) if _order(name) > _order(GENERIC)]
        self.names.append(GENERIC)
        newline = self.rw.newline.decode()
        if after:
            start = after[0].start_byte
            self.rw.splice(start, start, f"using {GENERIC};{newline}")
        else:
            end = self.usings[-1].end_byte
            self.rw.splice(end, end, f"{newline}using {GENERIC};")


def _order(name: str) -> tuple[bool, str]:
    """Visual Studio's order: ``System`` namespaces first, then ordinal."""
    return (not (name == "System" or name.startswith("System.")), name)
