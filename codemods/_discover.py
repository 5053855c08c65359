"""The files a migration looks at: Python sources and dependency manifests, found by the shared walk.

:mod:`migrate.discovery` does the walking for every command (``.gitignore``, environments, exclude patterns,
FIFOs and unreadable folders); this module says which kinds the codemod handles. A language added to the
codemod registers its extensions there and its kind here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from codemods._treesitter._languages import FAMILIES, FAMILY_OF, GRAMMAR_BY_SUFFIX, Family, grammar_for
from codemods._treesitter._manifests import LOCK_FILES, MANIFEST_PATTERNS, manifest_family
from migrate.discovery import Discovery, ExcludeRules, Excludes, kind_of, register
from migrate.discovery import discover as discover_kinds

for _suffix, _grammar in GRAMMAR_BY_SUFFIX.items():
    register(FAMILY_OF[_grammar], suffixes=(_suffix,))
register("manifest", names=(*MANIFEST_PATTERNS, *LOCK_FILES))

#: Kinds the codemod rewrites: sources of each SDK's language, and manifests whose Twilio dependency may
#: change (lock files are only reported).
KINDS = frozenset({"manifest", *FAMILIES})


def family_of(path: Path) -> Family:
    """The SDK a discovered file belongs to, for ``--language``: by extension, or by manifest name."""
    grammar = grammar_for(path)
    if grammar is not None:
        return FAMILY_OF[grammar]
    return manifest_family(path) or "python"


def is_manifest(path: Path) -> bool:
    """Dependency files whose ``twilio`` requirement may need to change (``setup.py`` is also Python)."""
    return kind_of(path) == "manifest"


def find(paths: Iterable[Path], excludes: Iterable[Excludes] | ExcludeRules = ()) -> Discovery:
    """Everything under *paths* the codemod may look at, with the paths it could not look at.

    Files named explicitly come back whatever their kind: the caller tells the user it skips them.
    """
    return discover_kinds(paths, KINDS, excludes)


def discover(paths: Iterable[Path], excludes: Iterable[str] = ()) -> Iterator[Path]:
    """Python files and manifests under *paths*, each once, in a stable order; *excludes* as --exclude."""
    found = find(paths, [Excludes(tuple(excludes), Path.cwd(), outside_as_root=True)])
    return (item.path for item in found.files if item.kind in KINDS)
