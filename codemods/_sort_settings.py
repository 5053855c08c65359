"""The user's import-sorting settings for a file: isort's own configuration, or ruff's ``isort`` section.

A migrated file must pass the user's import sorter when the original did, so the settings come from the
nearest configuration above the file, as each tool finds it: isort's files (``.isort.cfg``,
``pyproject.toml [tool.isort]``, ``setup.cfg``/``tox.ini [isort]``) are read by isort itself; ruff's
(``ruff.toml``, ``.ruff.toml``, ``pyproject.toml [tool.ruff]``) are mapped onto isort's options with the
``black`` profile, which ruff's import sorting follows by design. Without any configuration both common
defaults are candidates (ruff's, then isort's), and the caller uses whichever the file already satisfies.
"""

from __future__ import annotations

import configparser
import functools
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from isort.settings import Config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised by mypy's 3.10 check only
    import tomli as tomllib

#: ruff ``lint.isort`` options with an isort equivalent of the same meaning (names as isort spells them).
_RUFF_TO_ISORT = {
    "known-first-party": "known_first_party",
    "known-third-party": "known_third_party",
    "known-local-folder": "known_local_folder",
    "extra-standard-library": "extra_standard_library",
    "force-sort-within-sections": "force_sort_within_sections",
    "force-single-line": "force_single_line",
    "combine-as-imports": "combine_as_imports",
    "case-sensitive": "case_sensitive",
    "order-by-type": "order_by_type",
    "lines-after-imports": "lines_after_imports",
    "lines-between-types": "lines_between_types",
    "force-wrap-aliases": "force_wrap_aliases",
    "split-on-trailing-comma": "split_on_trailing_comma",
    "from-first": "from_first",
    "no-lines-before": "no_lines_before",
}
_RUFF_DEFAULT_LINE_LENGTH = 88


def sort_configs(path: str) -> tuple[Config, ...]:
    """isort configurations to try for the file at *path*, most specific first."""
    return _configs_for(Path(path).parent.absolute())


@functools.lru_cache(maxsize=256)
def _configs_for(directory: Path) -> tuple[Config, ...]:
    for folder in (directory, *directory.parents):
        found = _configs_in(folder)
        if found is not None:
            return found
    root = str(_import_root(directory))
    return (Config(profile="black", src_paths=(root,)), Config(src_paths=(root,)))


def _configs_in(folder: Path) -> tuple[Config, ...] | None:
    """The configuration defined in *folder*, if any (isort's files win over ruff's, as isort reads them)."""
    for name in (".isort.cfg", "setup.cfg", "tox.ini"):
        if _ini_has_isort(folder / name):
            return (Config(settings_file=str(folder / name)),)
    pyproject = _toml(folder / "pyproject.toml")
    tool = pyproject.get("tool", {}) if isinstance(pyproject.get("tool"), dict) else {}
    if isinstance(tool.get("isort"), dict):
        return (Config(settings_file=str(folder / "pyproject.toml")),)
    for name in ("ruff.toml", ".ruff.toml"):
        if (folder / name).is_file():
            return (_from_ruff(_toml(folder / name), folder),)
    if isinstance(tool.get("ruff"), dict):
        return (_from_ruff(tool["ruff"], folder),)
    return None


def _from_ruff(ruff: Mapping[str, Any], folder: Path) -> Config:
    lint = ruff.get("lint", {})
    section = lint.get("isort") if isinstance(lint, dict) else None
    if not isinstance(section, dict):
        section = ruff.get("isort", {})  # the pre-0.2 spelling, still accepted by ruff
    options = {isort: section[key] for key, isort in _RUFF_TO_ISORT.items() if key in section}
    sources = ruff.get("src", ["."])
    src_paths = tuple(str((folder / source).resolve()) for source in sources if isinstance(source, str))
    return Config(
        profile="black",
        line_length=int(ruff.get("line-length", _RUFF_DEFAULT_LINE_LENGTH)),
        src_paths=src_paths or (str(folder),),
        **options,
    )


def _ini_has_isort(path: Path) -> bool:
    if not path.is_file():
        return False
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeError):
        return False
    return any(section in parser for section in ("isort", "tool:isort", "settings"))


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, tomllib.TOMLDecodeError):
        return {}


def _import_root(directory: Path) -> Path:
    """The directory a top-level package sits in (where first-party modules are found)."""
    while (directory / "__init__.py").is_file() and directory.parent != directory:
        directory = directory.parent
    return directory
