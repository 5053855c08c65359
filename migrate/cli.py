"""The ``sw-migrate`` command group.

Each subcommand lives in its own module under :mod:`migrate.commands`; this module only assembles them so
that adding a command never means editing another command's code.
"""

from __future__ import annotations

import click

from migrate import __version__
from migrate.commands.codemod import codemod
from migrate.commands.emulate import emulate
from migrate.commands.inventory import inventory
from migrate.commands.sync import sync
from migrate.commands.validate import validate
from migrate.commands.whoami import whoami


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="sw-migrate")
def main() -> None:
    """Move a voice/SMS application from Twilio to SignalWire.

    \b
    Exit codes: 0 clean, 1 findings or failures, 2 usage or configuration error.
    """


main.add_command(validate)
main.add_command(codemod)
main.add_command(whoami)
main.add_command(inventory)
main.add_command(sync)
main.add_command(emulate)
