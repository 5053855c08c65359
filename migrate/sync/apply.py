"""Carrying out a plan: bounded concurrency within a kind, kinds one after another, every write journaled.

Within a kind the writes are independent, so they run on a thread pool sharing one ``RestClient`` (whose
retry policy handles 429 and 5xx). A semaphore, not the pool size, bounds the requests in flight: a thread
that is fsyncing the journal after its write does not hold a request slot, so journaling overlaps the API
calls instead of adding to them. Kinds run in dependency order — bins, then applications, then numbers —
so a reference to a created resource is resolved before it is sent. A create whose outcome is unknown is
never retried blindly: the target is re-listed by natural key first, and a record found there is adopted.
Nothing is ever deleted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from migrate.rest import ApiError, Collection, CreateOutcomeUnknown, Record, RestClient
from migrate.sync.journal import Entry, Journal
from migrate.sync.model import KINDS, Kind, Value
from migrate.sync.plan import Action, Plan, Ref

Status = Literal["applied", "failed"]
#: Creates attempted per resource when each attempt's outcome is unknown and re-listing finds nothing.
CREATE_ATTEMPTS = 3


@dataclass(frozen=True)
class Outcome:
    """What happened to one write action: ``recovered`` says how an unknown create was settled."""

    action: Action
    status: Status
    target_sid: str | None = None
    error: ApiError | None = None
    message: str | None = None
    recovered: str | None = None
    #: Fields sent that the target's answer did not show: written, but not verifiable.
    unverified: tuple[str, ...] = ()


class _Failed(Exception):
    def __init__(self, message: str, error: ApiError | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.error = error


def collection(client: RestClient, kind: Kind) -> Collection:
    if kind == "bins":
        return client.laml_bins
    if kind == "applications":
        return client.applications
    return client.incoming_phone_numbers


class Applier:
    """Runs the writes of a :class:`Plan` on the target; ``advance(1)`` is called after each write."""

    def __init__(
        self,
        client: RestClient,
        journal: Journal,
        *,
        concurrency: int = 8,
        advance: Callable[[int], None] = lambda _n: None,
    ) -> None:
        self.client = client
        self.journal = journal
        self.concurrency = concurrency
        self.advance = advance
        self.resolved: dict[tuple[Kind, str], Entry] = {}
        self._slots = threading.BoundedSemaphore(concurrency)

    def run(self, plan: Plan) -> list[Outcome]:
        matches = plan.matches()
        self.journal.checkpoint(matches)
        self.resolved = {(kind, sid): entry for kind, sid, entry in matches}
        outcomes: list[Outcome] = []
        pool = ThreadPoolExecutor(2 * self.concurrency, thread_name_prefix="sync")
        try:
            for kind in KINDS:
                done = list(pool.map(self._execute, plan.writes(kind)))
                for outcome in done:
                    source_sid = outcome.action.source_sid
                    if outcome.status == "applied" and outcome.target_sid:
                        entry = self.journal.get(kind, source_sid)
                        self.resolved[(kind, source_sid)] = entry or Entry(outcome.target_sid)
                outcomes.extend(done)
        finally:
            # On Ctrl-C, writes not yet started are dropped; those in flight finish and are journaled.
            pool.shutdown(wait=True, cancel_futures=True)
            self.journal.checkpoint()
        return outcomes

    def _execute(self, action: Action) -> Outcome:
        try:
            fields = self._resolve(action.fields)
            with self._slots:
                if action.op == "create":
                    record, recovered = self._create(action, fields)
                else:
                    assert action.target_sid is not None
                    resources = collection(self.client, action.kind)
                    record, recovered = resources.update(action.target_sid, fields), None
        except _Failed as failure:
            return Outcome(action, "failed", action.target_sid, failure.error, failure.message)
        except ApiError as error:
            return Outcome(action, "failed", action.target_sid, error, str(error))
        finally:
            self.advance(1)
        sid = str(record.get("sid") or action.target_sid)
        url = record.get("request_url") if action.kind == "bins" else None
        written = self._written(action, sid, fields, record)
        self.journal.record(action.kind, action.source_sid, Entry(sid, url or action.target_url, written))
        unverified = tuple(name for name in fields if name not in record)
        return Outcome(action, "applied", sid, recovered=recovered, unverified=unverified)

    def _written(self, action: Action, sid: str, sent: dict[str, Value], record: Record) -> dict[str, Value]:
        """The journal's stand-ins for fields the target does not show: earlier ones, updated by *sent*."""
        known = self.journal.get(action.kind, action.source_sid)
        written = dict(known.written) if known is not None and known.target_sid == sid else {}
        written.update(sent)
        return {name: value for name, value in written.items() if name not in record}

    def _resolve(self, fields: dict[str, Value | Ref]) -> dict[str, Value]:
        """Replace each :class:`Ref` by the SID or URL of what its create produced."""
        resolved: dict[str, Value] = {}
        for name, value in fields.items():
            if isinstance(value, Ref):
                entry = self.resolved.get((value.kind, value.source_sid))
                if entry is None:
                    raise _Failed(f"{name}: {value.label} was not created, so it cannot be referenced")
                resolved[name] = entry.url if value.kind == "bins" else entry.target_sid
            else:
                resolved[name] = value
        return resolved

    def _create(self, action: Action, fields: dict[str, Value]) -> tuple[Record, str | None]:
        """Create once; after an unknown outcome, adopt what re-listing finds or try again (with backoff)."""
        resources = collection(self.client, action.kind)
        policy = self.client.transport.retry
        unknown: CreateOutcomeUnknown | None = None
        for attempt in range(1, CREATE_ATTEMPTS + 1):
            if unknown is not None:
                policy.sleep(policy.backoff(attempt - 1))
            try:
                return resources.create(fields), None
            except CreateOutcomeUnknown as error:
                unknown = error
            found = resources.lookup(action.key)
            if len(found) == 1:
                return found[0], f"create outcome unknown ({unknown.message}); found it by re-listing"
            if len(found) > 1:
                raise _Failed(
                    f"{len(found)} {action.kind} named {action.key!r} now exist in the target", unknown
                )
        assert unknown is not None
        raise _Failed(f"create failed {CREATE_ATTEMPTS} times with unknown outcome: {unknown}", unknown)
