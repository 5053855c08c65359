"""Project settings for ``validate`` and ``codemod``, found the way ruff finds its configuration.

From the working directory upwards, the first folder holding settings wins: ``sw-migrate.toml`` with any of
:data:`KEYS` at its top level (beside the ``[accounts.*]`` tables ``sync`` reads), else ``pyproject.toml``
with a ``[tool.sw-migrate]`` table. A file without settings does not stop the search. Command-line options
win over settings; ``--exclude`` replaces ``exclude`` while ``extend-exclude`` always applies, as in ruff.
Exclude patterns in a settings file are anchored at that file's folder.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised by the 3.10 CI only
    import tomli as tomllib

from migrate.accounts import CONFIG_FILE_NAME
from migrate.discovery import Excludes
from migrate.selection import Selection, split_codes

#: Keys a settings table may hold.
KEYS = ("exclude", "extend-exclude", "target", "space-url", "dialect", "select", "ignore")
_LISTS = {"exclude", "extend-exclude", "select", "ignore"}
_CHOICES = {"target": ("signalwire-sdk", "twilio-sdk"), "dialect": ("laml", "twiml")}


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


def find_settings(start: Path) -> Settings:
    """The nearest settings at or above *start*; raises :class:`SettingsError` for a broken file."""
    for folder in [start, *start.parents]:
        for name, table_of in ((CONFIG_FILE_NAME, _own_table), ("pyproject.toml", _tool_table)):
            path = folder / name
            if not path.is_file():
                continue
            table = table_of(_load(path), path)
            if table is not None:
                return Settings(path, _checked(table, path))
    return Settings()


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{path}: cannot read settings: {error}") from error


def _own_table(document: dict[str, Any], path: Path) -> dict[str, Any] | None:
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
        where = f"{path}: {key}"
        if key not in KEYS:
            raise SettingsError(f"{where} is not a known setting (known: {', '.join(KEYS)})")
        if key in _LISTS:
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise SettingsError(f"{where} must be a list of strings")
        elif not isinstance(value, str):
            raise SettingsError(f"{where} must be a string")
        elif key in _CHOICES and value not in _CHOICES[key]:
            raise SettingsError(f"{where} must be one of {', '.join(_CHOICES[key])}, not {value!r}")
    return table


def selection(settings: Settings, select: tuple[str, ...], ignore: tuple[str, ...]) -> Selection:
    """The command line's ``--select``/``--ignore`` where given, else the settings'."""
    chosen = split_codes(select) if select else None
    if chosen is None and settings.get("select") is not None:
        chosen = split_codes(settings.get("select"))
    ignored = split_codes(ignore) if ignore else split_codes(settings.get("ignore") or ())
    return Selection(chosen, ignored)


def excludes(settings: Settings, command_line: tuple[str, ...], cwd: Path) -> list[Excludes]:
    """``--exclude`` (anchored at *cwd*) or else the settings' ``exclude``, plus ``extend-exclude``."""
    found: list[Excludes] = []
    if command_line:
        found.append(Excludes(command_line, cwd))
    elif settings.get("exclude"):
        found.append(Excludes(tuple(settings.get("exclude")), settings.folder))
    if settings.get("extend-exclude"):
        found.append(Excludes(tuple(settings.get("extend-exclude")), settings.folder))
    return found
