"""Find the files a migration looks at, without walking into environments or vendored code."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

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
    return any(fnmatch.fnmatch(path.name, pattern) for pattern in MANIFEST_NAMES)


def _excluded(path: Path, excludes: Iterable[str]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(text, glob) or fnmatch.fnmatch(path.name, glob) for glob in excludes)


def _is_environment(directory: Path) -> bool:
    """A virtualenv of any name carries a ``pyvenv.cfg``."""
    return (directory / "pyvenv.cfg").is_file()


def discover(paths: Iterable[Path], excludes: Iterable[str] = ()) -> Iterator[Path]:
    """Yield ``.py`` files and dependency manifests under *paths*, each once, in a stable order."""
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
            if name.endswith(".py") or is_manifest(path):
                yield path
