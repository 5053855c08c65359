"""The tree-sitter rules, one package per language and one module per rule (after ast-grep): each declares
what it matches, its fix, its constraints, its finding codes and its own before/after examples."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from codemods._treesitter._engine import Rewrite
from codemods._treesitter._languages import Family, Grammar
from codemods._treesitter.rules import csharp, node, php, ruby
from codemods._treesitter.rules._rule import Example, Rule

#: Each language's rules package: ``RULES`` and ``migrate(rewrite, rules=None)``.
PACKAGES: dict[Family, ModuleType] = {"node": node, "php": php, "ruby": ruby, "csharp": csharp}
#: Each language's entry point: records the edits and findings of its rules on a file.
MIGRATE: dict[Family, Callable[[Rewrite], None]] = {
    "node": node.migrate,
    "php": php.migrate,
    "ruby": ruby.migrate,
    "csharp": csharp.migrate,
}
#: Every language's rules, for the tests and the documentation.
RULES: dict[Family, tuple[Rule[object], ...]] = {
    "node": node.RULES,  # type: ignore[dict-item]
    "php": php.RULES,  # type: ignore[dict-item]
    "ruby": ruby.RULES,  # type: ignore[dict-item]
    "csharp": csharp.RULES,  # type: ignore[dict-item]
}
#: The grammar an example is parsed with unless it names one.
DEFAULT_GRAMMAR: dict[Family, Grammar] = {
    "node": "javascript",
    "php": "php",
    "ruby": "ruby",
    "csharp": "csharp",
}

__all__ = ["DEFAULT_GRAMMAR", "MIGRATE", "PACKAGES", "RULES", "Example", "Rule"]
