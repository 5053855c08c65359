"""``sw-migrate whoami``: prove an account's credentials work and show which account they open."""

from __future__ import annotations

from pathlib import Path

import click

from migrate.commands._account import ACCOUNT_OPTION, CONFIG_OPTION, api_failure, load_account
from migrate.output import FORMAT_OPTION, emit_json
from migrate.rest import ApiError, RestClient


@click.command()
@ACCOUNT_OPTION
@CONFIG_OPTION
@FORMAT_OPTION
def whoami(account_name: str, config_path: Path | None, output_format: str) -> None:
    """Check credentials: print the account's name, type and status.

    \b
    Exit codes: 0 credentials work; 1 the API failed; 2 missing or rejected credentials.
    """
    account = load_account(account_name, config_path)
    try:
        with RestClient(account) as client:
            record = client.fetch_account()
    except ApiError as error:
        raise api_failure(account, error) from None
    summary = {
        "account": account.name,
        "kind": account.kind,
        "sid": record.get("sid") or account.account_sid,
        "friendly_name": record.get("friendly_name"),
        "type": record.get("type"),
        "status": record.get("status"),
        "base_url": account.base_url,
    }
    if output_format == "json":
        emit_json(summary)
        return
    click.echo(f"{summary['friendly_name']} ({account.kind} account {summary['sid']})")
    click.echo(f"type: {summary['type']}  status: {summary['status']}  api: {account.base_url}")
