"""Options ``validate`` and ``codemod`` share: exclude patterns, finding-code selection and ``--config``,
the settings file that supplies their defaults (see :mod:`migrate.settings`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from migrate.settings import SettingsError

EXCLUDE_OPTION = click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERN",
    help="Skip paths matching a gitignore-style PATTERN (repeatable; replaces the settings' exclude).",
)
SELECT_OPTION = click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Report only these codes or prefixes, comma-separated (e.g. LAML2,SW110).",
)
IGNORE_OPTION = click.option(
    "--ignore", multiple=True, metavar="CODES", help="Never report these codes or prefixes, comma-separated."
)


CONFIG_OPTION = click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Settings for every file from FILE ([tool.sw-migrate] of a pyproject.toml, else top-level keys) "
    "instead of the nearest pyproject.toml / sw-migrate.toml above each file.",
)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def settings_errors_exit_2(command: Callable[_P, _R]) -> Callable[_P, _R]:
    """A broken or missing settings file, met whenever a file's settings are first looked up, is a usage
    error (exit 2) whose message names the file and the key."""

    @functools.wraps(command)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return command(*args, **kwargs)
        except SettingsError as error:
            raise click.UsageError(str(error)) from None

    return guarded
