"""Project settings for ``validate`` and ``codemod``, found per file the way ruff finds its configuration.

For each file, the nearest folder at or above it that holds settings wins: ``sw-migrate.toml`` with any of
:data:`KEYS` at its top level (beside the ``[accounts.*]`` tables ``sync`` reads), else ``pyproject.toml``
with a ``[tool.sw-migrate]`` table. A file without settings does not stop the search, and nested settings
replace the outer ones for the files below them (they are not merged). ``--config FILE`` names one settings
file for every file instead. Lookups are cached per folder, so a walk stats each folder's two candidates
once.

Command-line options win over settings; ``--exclude`` replaces every ``exclude`` while ``extend-exclude``
always applies, as in ruff. Exclude patterns in a settings file are anchored at that file's folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised by the 3.10 CI only
    import tomli as tomllib

from migrate.accounts import CONFIG_FILE_NAME
from migrate.discovery import Excludes
from migrate.selection import Selection, split_codes, unknown_codes

_T = TypeVar("_T")

PYPROJECT = "pyproject.toml"
#: Keys a settings table may hold.
KEYS = (
    "exclude",
    "extend-exclude",
    "target",
    "space-url",
    "dialect",
    "select",
    "ignore",
    "max-file-size",
)
_LISTS = {"exclude", "extend-exclude", "select", "ignore"}
_CHOICES = {"target": ("signalwire-sdk", "twilio-sdk"), "dialect": ("laml", "twiml")}
_COUNTS = {"max-file-size"}
#: Characters a space URL cannot hold: it is written into source code as a string literal.
SPACE_URL_FORBIDDEN = "\"'\\\n"


class SettingsError(Exception):
    """A settings file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    """The settings in force, and the file they came from (``None``: none found)."""

    path: Path | None = None
    values: Mapping[str, Any] | None = None

    @property
    def folder(self) -> Path:
        """Where exclude patterns in the file are anchored."""
        return self.path.parent if self.path is not None else Path.cwd()

    def get(self, key: str) -> Any:
        """The value of *key*, or ``None`` when the file does not set it."""
        return (self.values or {}).get(key)


class SettingsFinder:
    """The settings for each file: the nearest among its ancestors, or the one ``--config`` file.

    Raises :class:`SettingsError` for a broken settings file when a lookup first reaches it, and at once
    for a ``--config`` file.
    """

    def __init__(self, config: Path | None = None) -> None:
        self._fixed = load_config(config) if config is not None else None
        self._by_folder: dict[str, Settings] = {}  # absolute folder → its settings
        self._by_name: dict[str, Settings] = {}  # folder as written → its settings

    def for_file(self, path: str | Path) -> Settings:
        """The settings for the file (or folder) *path*: those of the folder holding it.

        Cached by that folder as written, so each further file in it costs one dictionary lookup.
        """
        name = os.path.dirname(path)  # noqa: PTH120 - a plain string is the cheapest cache key
        found = self._by_name.get(name)
        if found is None:
            found = self._by_name[name] = self.for_folder(name or ".")
        return found

    def for_folder(self, folder: str | Path) -> Settings:
        """The settings for the files in *folder*.

        Folders are compared as absolute paths with ``..`` folded and links left as they are (the walk's
        view of the tree). Plain strings and ``os.path``: this runs once per folder walked.
        """
        if self._fixed is not None:
            return self._fixed
        key = os.path.abspath(folder)  # noqa: PTH100
        passed: list[str] = []
        while True:
            found = self._by_folder.get(key)
            if found is not None:
                break
            passed.append(key)
            found = _settings_in(key)
            if found is not None:
                break
            parent = os.path.dirname(key)  # noqa: PTH120
            if parent == key:
                found = Settings()
                break
            key = parent
        for folder_key in passed:
            self._by_folder[folder_key] = found
        return found


def load_config(path: Path) -> Settings:
    """``--config FILE``: a ``pyproject.toml`` must have ``[tool.sw-migrate]``; any other name holds the
    keys at its top level (as ``sw-migrate.toml`` does)."""
    if not path.is_file():
        raise SettingsError(f"{path}: no such settings file")
    if path.name == PYPROJECT:
        table = _tool_table(_load(path), path)
        if table is None:
            raise SettingsError(f"{path}: has no [tool.sw-migrate] table")
    else:
        table = _own_table(_load(path)) or {}
    return Settings(path, _checked(table, path))


def _settings_in(folder: str) -> Settings | None:
    """The settings *folder* itself holds, if any (``sw-migrate.toml`` first)."""
    if os.path.isfile(os.path.join(folder, CONFIG_FILE_NAME)):  # noqa: PTH113, PTH118
        own = Path(folder, CONFIG_FILE_NAME)
        table = _own_table(_load(own))
        if table is not None:
            return Settings(own, _checked(table, own))
    if os.path.isfile(os.path.join(folder, PYPROJECT)):  # noqa: PTH113, PTH118
        pyproject = Path(folder, PYPROJECT)
        table = _tool_table(_load(pyproject), pyproject)
        if table is not None:
            return Settings(pyproject, _checked(table, pyproject))
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{path}: cannot read settings: {error}") from error


def _own_table(document: dict[str, Any]) -> dict[str, Any] | None:
    """sw-migrate.toml: the top-level keys other than the account profiles, if it has any."""
    table = {key: value for key, value in document.items() if key != "accounts"}
    return table or None


def _tool_table(document: dict[str, Any], path: Path) -> dict[str, Any] | None:
    table = document.get("tool", {}).get("sw-migrate")
    if table is not None and not isinstance(table, dict):
        raise SettingsError(f"{path}: [tool.sw-migrate] must be a table")
    return table


def _checked(table: dict[str, Any], path: Path) -> dict[str, Any]:
    for key, value in table.items():
        problem = _problem(key, value)
        if problem:
            raise SettingsError(f"{path}: {key} {problem}")
    return table


def _problem(key: str, value: Any) -> str | None:
    """What is wrong with *value* for *key*, or ``None``."""
    if key not in KEYS:
        return f"is not a known setting (known: {', '.join(KEYS)})"
    if key in _LISTS:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return "must be a list of strings"
        unknown = unknown_codes(split_codes(value)) if key in ("select", "ignore") else []
        return f"names no sw-migrate code: {', '.join(unknown)}" if unknown else None
    if key in _COUNTS:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            return "must be a whole number of bytes, at least 1"
        return None
    if not isinstance(value, str):
        return "must be a string"
    if key in _CHOICES and value not in _CHOICES[key]:
        return f"must be one of {', '.join(_CHOICES[key])}, not {value!r}"
    if key == "space-url" and (not value.strip() or any(char in value for char in SPACE_URL_FORBIDDEN)):
        return "must be a host name without quotes, backslashes or newlines"
    return None


def selection(settings: Settings, select: tuple[str, ...], ignore: tuple[str, ...]) -> Selection:
    """The command line's ``--select``/``--ignore`` where given, else the settings'."""
    chosen = split_codes(select) if select else None
    if chosen is None and settings.get("select") is not None:
        chosen = split_codes(settings.get("select"))
    ignored = split_codes(ignore) if ignore else split_codes(settings.get("ignore") or ())
    return Selection(chosen, ignored)


def per_file(finder: SettingsFinder, make: Callable[[Settings], _T]) -> Callable[[str | Path], _T]:
    """``make(settings)`` for each file's settings (how to check or migrate it), made once per settings
    file; ``Path("-")`` (stdin) gets the working directory's."""
    made: dict[Path | None, _T] = {}

    def for_file(path: str | Path) -> _T:
        settings = finder.for_file(path)
        if settings.path not in made:
            made[settings.path] = make(settings)
        return made[settings.path]

    return for_file


def exclude_rules(
    finder: SettingsFinder, command_line: tuple[str, ...], cwd: Path
) -> Callable[[Path], tuple[Excludes, ...]]:
    """For each folder, the patterns that exclude its entries: ``--exclude`` (anchored at *cwd*) or else
    its settings' ``exclude``, plus their ``extend-exclude`` (see :func:`migrate.discovery.discover`)."""
    given = Excludes(command_line, cwd, outside_as_root=True) if command_line else None
    by_settings: dict[Path | None, tuple[Excludes, ...]] = {}

    def for_folder(folder: Path) -> tuple[Excludes, ...]:
        settings = finder.for_folder(folder)
        found = by_settings.get(settings.path)
        if found is None:
            found = by_settings[settings.path] = _excludes(settings, given)
        return found

    return for_folder


def _excludes(settings: Settings, given: Excludes | None) -> tuple[Excludes, ...]:
    found: list[Excludes] = []
    if given is not None:
        found.append(given)
    elif settings.get("exclude"):
        found.append(Excludes(tuple(settings.get("exclude")), settings.folder))
    if settings.get("extend-exclude"):
        found.append(Excludes(tuple(settings.get("extend-exclude")), settings.folder))
    return tuple(found)
