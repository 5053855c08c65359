"""Which tree-sitter grammar reads which file, decided by the file's extension.

Grammars are loaded lazily and once per process: a run over a Python-only tree never imports them, and
each worker process pays the (small) load cost only for the languages it meets.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import PurePath
from typing import Literal

import tree_sitter

Grammar = Literal["javascript", "typescript", "tsx", "php", "ruby", "csharp"]
#: What ``--language`` accepts: one name per SDK of the spec (Node.js covers JavaScript and TypeScript).
Family = Literal["python", "node", "php", "ruby", "csharp"]
FAMILIES: tuple[Family, ...] = ("python", "node", "php", "ruby", "csharp")

GRAMMAR_BY_SUFFIX: dict[str, Grammar] = {
    ".js": "javascript",
    ".cjs": "javascript",
    ".mjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".php": "php",
    ".rb": "ruby",
    ".rake": "ruby",
    ".cs": "csharp",
}
FAMILY_OF: dict[Grammar, Family] = {
    "javascript": "node",
    "typescript": "node",
    "tsx": "node",
    "php": "php",
    "ruby": "ruby",
    "csharp": "csharp",
}
#: The line-comment opener each language's marker comments use.
COMMENT_PREFIX: dict[Family, str] = {"node": "//", "php": "//", "ruby": "#", "csharp": "//", "python": "#"}


def grammar_for(path: str | PurePath) -> Grammar | None:
    """The grammar for *path*'s extension; ``None`` for files no tree-sitter recipe handles."""
    return GRAMMAR_BY_SUFFIX.get(PurePath(path).suffix.lower())


def _loaders() -> dict[Grammar, Callable[[], object]]:
    import tree_sitter_c_sharp
    import tree_sitter_javascript
    import tree_sitter_php
    import tree_sitter_ruby
    import tree_sitter_typescript

    return {
        "javascript": tree_sitter_javascript.language,
        "typescript": tree_sitter_typescript.language_typescript,
        "tsx": tree_sitter_typescript.language_tsx,
        "php": tree_sitter_php.language_php,  # PHP mixed with HTML, as .php files are
        "ruby": tree_sitter_ruby.language,
        "csharp": tree_sitter_c_sharp.language,
    }


@cache
def language(grammar: Grammar) -> tree_sitter.Language:
    """The compiled grammar (cached per process)."""
    return tree_sitter.Language(_loaders()[grammar]())


@cache
def parser(grammar: Grammar) -> tree_sitter.Parser:
    """A parser for *grammar*, reused for every file of that language in this process."""
    return tree_sitter.Parser(language(grammar))
