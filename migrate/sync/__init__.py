"""``sw-migrate sync``: copy bins, applications and number configuration from one account to another.

Data flows one way: :func:`discover` reads both accounts → :func:`build_plan` diffs them →
:class:`Applier` writes the plan (journaled in a :class:`Journal`) → :mod:`migrate.sync.report` renders it.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Executor

from migrate.accounts import Account
from migrate.rest import HANDLER_ORIGIN, ApiError, RestClient
from migrate.sync.apply import Applier, Outcome
from migrate.sync.discover import add_file_bins, add_twilio_bins, build_side, submit_reads
from migrate.sync.journal import Journal, JournalError, default_path
from migrate.sync.model import KINDS, Kind, Resource, Side
from migrate.sync.plan import Action, Plan, build_plan


class DiscoveryError(Exception):
    """Reading one of the accounts failed; says which, so the CLI can name it."""

    def __init__(self, account: Account, error: ApiError) -> None:
        super().__init__(str(error))
        self.account = account
        self.error = error


def discover(
    source: RestClient,
    target: RestClient,
    pool: Executor,
    *,
    files: Mapping[str, str] | None = None,
    handler_origin: str = HANDLER_ORIGIN,
    fetch_bins: bool = True,
) -> tuple[Side, Side]:
    """Both accounts as :class:`Side` s; *files* are ``--bins-from`` bins (``NAME`` → contents).

    *fetch_bins* false skips reading Twilio TwiML Bins' contents (when bins are not being migrated).
    """
    files = files or {}
    reads = [submit_reads(client, pool) for client in (source, target)]
    results = []
    for client, futures in zip((source, target), reads, strict=True):
        try:
            results.append({kind: future.result() for kind, future in futures.items()})
        except ApiError as error:
            raise DiscoveryError(client.account, error) from None
    source_records, target_records = results
    source_side = build_side(source, source_records)
    if source.account.kind == "twilio":
        add_twilio_bins(
            source_side, source, source_records, files, pool, handler_origin=handler_origin, fetch=fetch_bins
        )
    add_file_bins(source_side, files)
    return source_side, build_side(target, target_records)


__all__ = [
    "KINDS",
    "Action",
    "Applier",
    "DiscoveryError",
    "Journal",
    "JournalError",
    "Kind",
    "Outcome",
    "Plan",
    "Resource",
    "Side",
    "build_plan",
    "default_path",
    "discover",
]
