"""``sw-migrate sync``: plan, confirm, apply (journaled, resumable) and report an account migration."""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click
from rich.console import Console

from migrate.accounts import AccountError, find_config
from migrate.commands._account import CONFIG_OPTION, api_failure, load_account
from migrate.commands._options import ConfigurationError
from migrate.output import FORMAT_OPTION, emit_json, progress_bar
from migrate.rest import RestClient
from migrate.sync import (
    KINDS,
    Applier,
    DiscoveryError,
    Journal,
    JournalError,
    Kind,
    Plan,
    build_plan,
    default_path,
    discover,
)
from migrate.sync.discover import BinsDirError, read_bins_dir
from migrate.sync.journal import JournalMismatch, atomic_write
from migrate.sync.report import document, plan_lines, render_plan_table, report_lines


def parse_only(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[Kind, ...]:
    if value is None:
        return KINDS
    wanted = {part.strip() for part in value.split(",") if part.strip()}
    unknown = sorted(wanted - set(KINDS))
    if unknown or not wanted:
        raise click.BadParameter(f"expected a comma-separated subset of {','.join(KINDS)}, got {value!r}")
    return tuple(kind for kind in KINDS if kind in wanted)


def check_output_path(path: Path, option: str) -> None:
    """Refuse, before anything is read or written, a path the run could not write at its end.

    Without this a bad ``--report`` was found only after every write had been applied, losing the outcome.
    """
    folder = path.parent
    if not folder.is_dir():
        raise ConfigurationError(f"{option} {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ConfigurationError(f"{option} {path}: not writable")


def stdin_is_terminal() -> bool:
    """Whether a person can answer the confirmation (a function so tests can play one)."""
    return sys.stdin.isatty()


def show_plan(plan: Plan, *, stderr: bool) -> None:
    """A table on a terminal; plain lines when redirected (greppable, and fast for thousands of rows)."""
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        render_plan_table(plan, Console(file=stream, highlight=False))
    else:
        for line in plan_lines(plan):
            click.echo(line, err=stderr)


@click.command()
@click.option("--from", "source_name", required=True, metavar="ACCOUNT", help="Account to copy from.")
@click.option("--to", "target_name", required=True, metavar="ACCOUNT", help="Account to copy into.")
@click.option(
    "--only", callback=parse_only, metavar="KINDS", help="Comma-separated: bins,applications,numbers."
)
@click.option("--dry-run", is_flag=True, help="Show the plan; write nothing.")
@click.option("--yes", is_flag=True, help="Apply without asking (required when stdin is not a terminal).")
@click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Journal file (default: next to the config file, named after both accounts).",
)
@click.option("--concurrency", type=click.IntRange(1, 32), default=8, show_default=True)
@click.option(
    "--bins-from",
    "bins_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of NAME.xml bins; EH<sid>.xml supplies a Twilio TwiML Bin's contents.",
)
@FORMAT_OPTION
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the JSON report here.",
)
@CONFIG_OPTION
def sync(
    source_name: str,
    target_name: str,
    only: tuple[Kind, ...],
    dry_run: bool,
    yes: bool,
    state_path: Path | None,
    concurrency: int,
    bins_dir: Path | None,
    output_format: str,
    report_path: Path | None,
    config_path: Path | None,
) -> None:
    """Copy bins, applications and number configuration from one account to another.

    Shows the plan first, never deletes, journals every write so an interrupted run resumes, and can be
    re-run at any time without creating duplicates. Numbers are never bought: a number not yet in the
    target is reported as awaiting port or purchase.

    \b
    Exit codes: 0 everything applied (or dry run); 1 some writes failed; 2 usage or configuration error.
    """
    if not dry_run and not yes and not stdin_is_terminal():
        raise ConfigurationError(
            "stdin is not a terminal: pass --yes to apply without confirmation, or --dry-run"
        )
    if report_path is not None:
        check_output_path(report_path, "--report")
    source_account = load_account(source_name, config_path)
    target_account = load_account(target_name, config_path)
    if (source_account.base_url, source_account.account_sid) == (
        target_account.base_url,
        target_account.account_sid,
    ):
        raise ConfigurationError("--from and --to are the same account")
    try:
        files = read_bins_dir(bins_dir) if bins_dir else {}
        config = find_config(config_path)
    except (BinsDirError, AccountError) as error:
        raise ConfigurationError(str(error)) from None
    state = state_path or default_path(config, source_account.account_sid, target_account.account_sid)
    if not dry_run:
        check_output_path(state, "--state")
    pair = (
        (source_account.kind, source_account.account_sid),
        (target_account.kind, target_account.account_sid),
    )
    try:
        journal = Journal.load(state, *pair)
    except JournalMismatch as error:
        advice = (
            "give each pair of accounts its own --state file"
            if state_path
            else "pass --state FILE to keep this pair's state elsewhere"
        )
        raise ConfigurationError(f"{error}; {advice}") from None
    except JournalError as error:
        raise ConfigurationError(str(error)) from None

    text = output_format == "text"
    with (
        RestClient(source_account) as source,
        RestClient(target_account) as target,
        ThreadPoolExecutor(concurrency, thread_name_prefix="read") as pool,
    ):
        try:
            source_side, target_side = discover(source, target, pool, files=files, fetch_bins="bins" in only)
        except DiscoveryError as failure:
            raise api_failure(failure.account, failure.error) from None
        plan = build_plan(source_side, target_side, journal, only)
        if text or (not dry_run and not yes):
            show_plan(plan, stderr=not text)  # in JSON mode stdout holds only the JSON document
        if dry_run:
            if not text:
                emit_json(document(plan, None, dry_run=True, state=str(state)))
            return
        writes = plan.writes()
        if writes and not yes:
            click.confirm(f"Apply {len(writes)} changes to {target_account.name!r}?", abort=True, err=True)
        with progress_bar(len(writes), "Applying", enabled=text) as advance:
            try:
                outcomes = Applier(target, journal, concurrency=concurrency, advance=advance).run(plan)
            except OSError as error:  # the journal could not be written: stop rather than lose track
                raise click.ClickException(f"state file {state}: {error}") from None
            finally:
                journal.close()
    report = document(plan, outcomes, dry_run=False, state=str(state))
    if report_path is not None:
        atomic_write(report_path, json.dumps(report, indent=2) + "\n")
    if text:
        for line in report_lines(plan, outcomes):
            click.echo(line)
    else:
        emit_json(report)
    if any(outcome.status == "failed" for outcome in outcomes):
        raise SystemExit(1)
