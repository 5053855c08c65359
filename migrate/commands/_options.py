"""Options ``validate`` and ``codemod`` share: exclude patterns and finding-code selection, and the
project settings that supply their defaults (see :mod:`migrate.settings`)."""

from __future__ import annotations

from pathlib import Path

import click

from migrate.settings import Settings, SettingsError, find_settings

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


def load_settings() -> Settings:
    """The settings for the working directory; a broken settings file is a usage error (exit 2)."""
    try:
        return find_settings(Path.cwd())
    except SettingsError as error:
        raise click.UsageError(str(error)) from error
