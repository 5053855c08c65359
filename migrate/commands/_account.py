"""``--account`` / ``--config`` for every command that talks to an API, and how their failures exit.

Configuration problems (missing variables, bad profile keys, rejected credentials) exit 2 with one line;
other API failures exit 1.
"""

from __future__ import annotations

from pathlib import Path

import click

from migrate.accounts import Account, AccountError, resolve_account
from migrate.commands._options import ConfigurationError
from migrate.rest import ApiError

ACCOUNT_OPTION = click.option(
    "--account",
    "account_name",
    required=True,
    metavar="ACCOUNT",
    help="twilio, signalwire (credentials from env vars) or a profile name from the config file.",
)
CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Config file with [accounts.NAME] profiles (default ./sw-migrate.toml, then "
    "~/.config/sw-migrate/config.toml).",
)


def load_account(name: str, config_path: Path | None) -> Account:
    try:
        return resolve_account(name, config=config_path)
    except AccountError as error:
        raise ConfigurationError(str(error)) from None


def api_failure(account: Account, error: ApiError) -> click.ClickException:
    """Rejected credentials are a configuration error naming where the token came from; the rest exit 1."""
    if error.status == 401:
        return ConfigurationError(
            f"account {account.name!r}: credentials rejected (HTTP 401) — check {account.credential_source} "
            f"and the account SID {account.account_sid}"
        )
    return click.ClickException(f"account {account.name!r}: {error}")
