"""Options ``validate`` and ``codemod`` share: exclude patterns, finding-code selection and ``--config``,
the settings file that supplies their defaults (see :mod:`migrate.settings`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from migrate.selection import split_codes, unknown_codes
from migrate.settings import SettingsError

EXCLUDE_OPTION = click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERN",
    help="Skip paths matching a gitignore-style PATTERN (repeatable; replaces the settings' exclude).",
)


def _known_codes(
    _context: click.Context, _parameter: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """A code or prefix that names nothing is a usage error (a typo would otherwise select nothing), and so
    is an empty value (``--select ""`` would select nothing at all)."""
    codes = split_codes(values)
    if values and not codes:
        raise click.BadParameter("no code given")
    unknown = unknown_codes(codes)
    if unknown:
        raise click.BadParameter(f"names no sw-migrate code: {', '.join(unknown)}")
    return values


SELECT_OPTION = click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    callback=_known_codes,
    help="Report only these codes or prefixes, comma-separated (e.g. LAML2,SW110).",
)
IGNORE_OPTION = click.option(
    "--ignore",
    multiple=True,
    metavar="CODES",
    callback=_known_codes,
    help="Never report these codes or prefixes, comma-separated.",
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


class ConfigurationError(click.ClickException):
    """Printed as one ``Error: ...`` line, without the usage text (the command line was right; a file the
    user must fix was not); exit code 2 like a usage error."""

    exit_code = 2


def settings_errors_exit_2(command: Callable[_P, _R]) -> Callable[_P, _R]:
    """A broken or missing settings file, met whenever a file's settings are first looked up, stops the
    command with one line naming the file and the key, exit 2."""

    @functools.wraps(command)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return command(*args, **kwargs)
        except SettingsError as error:
            raise ConfigurationError(str(error)) from None

    return guarded
