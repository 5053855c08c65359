"""The command group itself: help and version are what a newcomer tries first."""

from click.testing import CliRunner

from migrate import __version__
from migrate.cli import main


def test_version_names_the_program() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert f"sw-migrate, version {__version__}" in result.output


def test_unknown_subcommand_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command" in result.output
