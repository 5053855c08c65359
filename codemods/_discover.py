"""Find the files a migration looks at, without walking into environments or vendored code."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from codemods._treesitter._languages import FAMILY_OF, Family, grammar_for
from codemods._treesitter._manifests import is_other_manifest, manifest_family

#: Directory names never worth parsing: VCS data, virtualenvs, caches, vendored dependencies, build output.
#: Virtualenvs with other names are recognised by their ``pyvenv.cfg``; a plain ``env/`` may be source code.
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "site-packages",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "build",
        "dist",
    }
)
MANIFEST_NAMES = ("requirements*.txt", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile")


def is_manifest(path: Path) -> bool:
    """Dependency files whose ``twilio`` requirement may need to change (``setup.py`` is also Python)."""
    return any(fnmatch.fnmatch(path.name, pattern) for pattern in MANIFEST_NAMES) or is_other_manifest(path)


def family_of(path: Path) -> Family:
    """The SDK a discovered file belongs to, for ``--language``: by extension, or by manifest name."""
    grammar = grammar_for(path)
    if grammar is not None:
        return FAMILY_OF[grammar]
    return manifest_family(path) or "python"


def _excluded(path: Path, excludes: Iterable[str]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(text, glob) or fnmatch.fnmatch(path.name, glob) for glob in excludes)


def _is_environment(directory: Path) -> bool:
    """A virtualenv of any name carries a ``pyvenv.cfg``."""
    return (directory / "pyvenv.cfg").is_file()


def discover(paths: Iterable[Path], excludes: Iterable[str] = ()) -> Iterator[Path]:
    """Yield source files (Python and the tree-sitter languages) and dependency manifests under *paths*,
    each once, in a stable order."""
    excludes = tuple(excludes)
    seen: set[Path] = set()
    for root in paths:
        if root.is_file() or not root.exists():
            candidates: Iterable[Path] = [root]
        else:
            candidates = _walk(root, excludes)
        for path in candidates:
            if path not in seen and not _excluded(path, excludes):
                seen.add(path)
                yield path


def _walk(root: Path, excludes: tuple[str, ...]) -> Iterator[Path]:
    for directory, dirnames, filenames in os.walk(root):
        here = Path(directory)
        dirnames[:] = sorted(
            name
            for name in dirnames
            if name not in SKIPPED_DIRS
            and not _is_environment(here / name)
            and not _excluded(here / name, excludes)
        )
        for name in sorted(filenames):
            path = here / name
            if name.endswith(".py") or grammar_for(name) is not None or is_manifest(path):
                yield path
