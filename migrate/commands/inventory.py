"""``sw-migrate inventory``: what an account holds, and what of it will not survive a move.

Lists applications, phone numbers with their handlers, and LaML bins (SignalWire); flags every
Twilio-hosted URL and non-transferable field (see :mod:`migrate.hosted`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from migrate.accounts import Account
from migrate.commands._account import ACCOUNT_OPTION, CONFIG_OPTION, api_failure, load_account
from migrate.hosted import flags_for
from migrate.output import FORMAT_OPTION, emit_json, pluralize
from migrate.rest import ApiError, Record, RestClient


def collect(client: RestClient) -> dict[str, Any]:
    """The whole inventory as one JSON-able document (every record with its ``flags``)."""
    account = client.fetch_account()
    applications = list(client.applications.list())
    numbers = list(client.incoming_phone_numbers.list())
    bins = list(client.laml_bins.list()) if client.account.kind == "signalwire" else []
    for record in (*applications, *numbers):
        record["flags"] = [flag.to_dict() for flag in flags_for(record)]
    flag_count = sum(len(r["flags"]) for r in (*applications, *numbers))
    return {
        "account": {
            "name": client.account.name,
            "kind": client.account.kind,
            "sid": account.get("sid", client.account.account_sid),
            "friendly_name": account.get("friendly_name"),
            "status": account.get("status"),
        },
        "applications": applications,
        "phone_numbers": numbers,
        "laml_bins": bins,
        "summary": {
            "applications": len(applications),
            "phone_numbers": len(numbers),
            "laml_bins": len(bins),
            "flags": flag_count,
        },
    }


def _handler(record: Mapping[str, Any], channel: str, app_names: Mapping[str, str]) -> str:
    """``app "Main IVR" (AP…)`` or ``POST https://…`` or ``-``: what answers a call or message."""
    app_sid = record.get(f"{channel}_application_sid")
    if app_sid:
        return f'app "{app_names.get(app_sid, "?")}" ({app_sid})'
    url = record.get(f"{channel}_url")
    if url:
        return f"{record.get(f'{channel}_method') or 'POST'} {url}"
    return "-"


def _print_flags(record: Record) -> None:
    for flag in record["flags"]:
        click.echo(f"    ! {flag['field']}: {flag['message']} [{flag['kind']}] {flag['value']}")


def render_text(document: Mapping[str, Any], account: Account) -> None:
    info = document["account"]
    click.echo(f"{info['friendly_name']} ({account.kind} account {info['sid']}, {info['status']})")
    app_names = {a["sid"]: a.get("friendly_name") or "" for a in document["applications"]}
    click.echo(f"\nApplications ({len(document['applications'])})")
    for app in document["applications"]:
        click.echo(f'  {app["sid"]}  "{app.get("friendly_name") or ""}"')
        click.echo(f"    voice: {_handler(app, 'voice', {})}  sms: {_handler(app, 'sms', {})}")
        _print_flags(app)
    click.echo(f"\nPhone numbers ({len(document['phone_numbers'])})")
    for number in document["phone_numbers"]:
        click.echo(f'  {number.get("phone_number")}  "{number.get("friendly_name") or ""}"  {number["sid"]}')
        voice, sms = _handler(number, "voice", app_names), _handler(number, "sms", app_names)
        click.echo(f"    voice: {voice}  sms: {sms}")
        _print_flags(number)
    if account.kind == "signalwire":
        click.echo(f"\nLaML bins ({len(document['laml_bins'])})")
        for item in document["laml_bins"]:
            click.echo(f'  {item["sid"]}  "{item.get("name") or ""}"  {item.get("request_url") or ""}')
    summary = document["summary"]
    counts = [
        pluralize(summary["applications"], "application"),
        pluralize(summary["phone_numbers"], "phone number"),
    ]
    if account.kind == "signalwire":  # Twilio's TwiML Bins have no API: they show up as flagged URLs
        counts.append(pluralize(summary["laml_bins"], "bin"))
    click.echo(f"\n{', '.join(counts)}; {pluralize(summary['flags'], 'flag')}")


@click.command()
@ACCOUNT_OPTION
@CONFIG_OPTION
@FORMAT_OPTION
def inventory(account_name: str, config_path: Path | None, output_format: str) -> None:
    """List applications, numbers (with handlers) and bins; flag what will not move.

    Flagged: Twilio-hosted URLs (TwiML Bins, Studio, Functions, twimlets, demo, Twilio SIP) and
    non-transferable fields (trunk, address, emergency, identity, bundle).

    \b
    Exit codes: 0 nothing flagged; 1 something flagged or the API failed; 2 missing or rejected credentials.
    """
    account = load_account(account_name, config_path)
    try:
        with RestClient(account) as client:
            document = collect(client)
    except ApiError as error:
        raise api_failure(account, error) from None
    if output_format == "json":
        emit_json(document)
    else:
        render_text(document, account)
    if document["summary"]["flags"]:
        raise SystemExit(1)
