"""In-memory accounts and the records of every resource, with the paths, rendering and paging they share.

Records are stored with every documented field (snake_case, as the API answers) plus ``_``-prefixed private
fields a test may inspect (what a request asked for that the resource never echoes). All mutation happens
under one lock, so concurrent clients see a consistent account. The operations themselves live in
:mod:`migrate.emulator._handlers`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode

from migrate.contract import Contract, Operation, load
from migrate.emulator import _live
from migrate.emulator._dialects import Dialect
from migrate.emulator._inventory import AvailableNumber

MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 50
PAGING_SHAPES = ("flat", "meta", "spec")
#: The resource a record's path placeholder (other than its own SID and the account) points at.
PARENT = {
    "Participants": ("ConferenceSid", "conference_sid", "Conferences"),
    "QueueMembers": ("QueueSid", "_queue_sid", "Queues"),  # not a documented field: kept private
    "Media": ("MessageSid", "parent_sid", "Messages"),
    "FaxMedia": ("FaxSid", "fax_sid", "Faxes"),
    "Recordings": ("CallSid", "call_sid", "Calls"),
    "Transcriptions": ("RecordingSid", "recording_sid", "Recordings"),
}
#: Resources identified by the call they are about, not by a SID of their own.
IDENTITY = {"Participants": "call_sid", "QueueMembers": "call_sid"}
#: Resources stored per account (Accounts and AvailablePhoneNumbers are views, not records).
STORED = (
    "Applications",
    "Calls",
    "Participants",
    "Conferences",
    "Faxes",
    "FaxMedia",
    "IncomingPhoneNumbers",
    "LamlBins",
    "Messages",
    "Media",
    "Recordings",
    "Transcriptions",
    "Queues",
    "QueueMembers",
)
SID_PREFIX = {
    "Applications": "AP",
    "Calls": "CA",
    "Conferences": "CF",
    "Faxes": "FX",
    "FaxMedia": "ME",
    "IncomingPhoneNumbers": "PN",
    "LamlBins": "LB",
    "Messages": "SM",
    "Media": "ME",
    "Recordings": "RE",
    "Transcriptions": "TR",
    "Queues": "QU",
}


class ApiFailure(Exception):
    """An error response: status, body, extra headers."""

    def __init__(self, status: int, body: Any, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = dict(headers or {})


@dataclass
class EmulatedAccount:
    """One account (Twilio) or project (SignalWire) with its own credentials and resources."""

    sid: str
    token: str = field(repr=False)
    friendly_name: str
    type: str = "Full"
    status: str = "active"
    created: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    resources: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {name: {} for name in STORED}
    )
    #: Twilio TwiML Bins (no REST API): ``EH…`` SID → XML, served by signed GET on ``/twiml/EH…``.
    twiml_bins: dict[str, str] = field(default_factory=dict)
    #: SignalWire signs webhooks with the project's signing key; None: with the token (as Twilio does).
    signing_key: str | None = field(default=None, repr=False)


class State:
    """Accounts, the pool of numbers for sale, and how records become answers."""

    def __init__(self, dialect: Dialect, *, paging: str, space: str, live: bool = False) -> None:
        if paging not in PAGING_SHAPES:
            raise ValueError(f"paging must be one of {PAGING_SHAPES}")
        self.dialect = dialect
        self.paging = paging
        self.space = space
        self.live = live
        self.contract: Contract = load()
        self.lock = threading.RLock()
        self.accounts: dict[str, EmulatedAccount] = {}
        #: Numbers for sale as seeded; when none are, :mod:`migrate.emulator._inventory` sells its own.
        self.available: list[AvailableNumber] = []

    # -- time ------------------------------------------------------------------------------------------

    def now(self, resource: str) -> str:
        """Now, as the resource prints dates: ISO 8601 for LamlBins, RFC 2822 elsewhere."""
        moment = datetime.now(timezone.utc)
        return self.dialect.iso8601(moment) if resource == "LamlBins" else self.dialect.rfc2822(moment)

    # -- paths -----------------------------------------------------------------------------------------

    def key_of(self, resource: str, record: Mapping[str, Any]) -> str:
        """The store key: the SID, or ``parent/call`` for participants and queue members."""
        identity = IDENTITY.get(resource)
        if identity is None:
            return str(record["sid"])
        return f"{record[PARENT[resource][1]]}/{record[identity]}"

    def uri(self, resource: str, record: Mapping[str, Any]) -> str:
        """The record's ``uri``: its fetch path filled in, under this dialect's prefix."""
        operation = self._instance_operation(resource)
        values = self._placeholder_values(resource, operation.path, record)
        path = operation.path
        for name, value in values.items():
            path = path.replace("{" + name + "}", str(value))
        return self.dialect.prefix + path

    def collection_uri(self, operation: Operation, params: Mapping[str, str]) -> str:
        path = operation.path
        for name, value in params.items():
            path = path.replace("{" + name + "}", value)
        return self.dialect.prefix + path

    def _instance_operation(self, resource: str) -> Operation:
        operations = self.contract.resource(resource).operations
        return next(o for o in operations if o.action in ("fetch", "update") and "Front" not in o.path)

    @staticmethod
    def _placeholder_values(resource: str, template: str, record: Mapping[str, Any]) -> dict[str, Any]:
        names = [part.split("}")[0] for part in template.split("{")[1:]]
        values: dict[str, Any] = {}
        for index, name in enumerate(names):
            if name == "AccountSid":
                values[name] = record["account_sid"]
            elif index == len(names) - 1:
                values[name] = record[IDENTITY.get(resource, "sid")]
            else:
                values[name] = record.get(PARENT[resource][1]) if resource in PARENT else None
        return values

    # -- rendering -------------------------------------------------------------------------------------

    def render(self, resource: str, record: Mapping[str, Any]) -> dict[str, Any]:
        """The record as the API shows it: no ``_private`` fields; live mode drops what the live API omits."""
        hidden = _live.OMITTED.get(resource, frozenset()) if self.live else frozenset()
        body = {k: v for k, v in record.items() if not k.startswith("_") and k not in hidden}
        return self.dialect.shape(resource, body)

    # -- lists -----------------------------------------------------------------------------------------

    def page_size(self, query: Mapping[str, str]) -> int:
        raw = query.get("PageSize", str(DEFAULT_PAGE_SIZE))
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise ApiFailure(
                400, self.dialect.error(400, 20007, f"PageSize must be 1-{MAX_PAGE_SIZE}, got {raw}")
            )
        return int(raw)

    def page(
        self,
        operation: Operation,
        base: str,
        items: list[dict[str, Any]],
        query: Mapping[str, str],
        resource: str | None = None,
    ) -> dict[str, Any]:
        """One page of *items* (filtered and ordered) in the configured shape.

        With *resource*, items are records and only the page's own are rendered (a list of 2,000 numbers
        costs one page of rendering, not 2,000).
        """
        page_size = self.page_size(query)
        page = int(query.get("Page", "0") or 0) if query.get("Page", "0").isdigit() else 0
        start = page * page_size
        token = query.get("PageToken", "")
        if token.startswith("PA"):
            after = token[2:]
            position = next((i for i, r in enumerate(items) if self._item_id(r) == after), None)
            if position is not None:
                start = position + 1
        chunk = items[start : start + page_size]
        if resource is not None:
            chunk = [self.render(resource, record) for record in chunk]
        filters = {k: v for k, v in query.items() if k not in ("Page", "PageSize", "PageToken")}

        def link(number: int, last: str | None = None) -> str:
            params = {**filters, "PageSize": str(page_size), "Page": str(number)}
            if last:
                params["PageToken"] = f"PA{last}"
            return f"{base}?{urlencode(params)}"

        has_next = start + page_size < len(items)
        next_uri = link(page + 1, self._item_id(chunk[-1])) if has_next and chunk else None
        previous = link(page - 1) if page > 0 else None
        response = operation.response
        key = response.list_key if response is not None and response.list_key else "items"
        shape = self.paging
        if shape == "spec":
            shape = response.paging if response is not None and response.paging else "flat"
        if shape == "meta":
            meta = {
                "first_page_url": link(0),
                "key": key,
                "next_page_url": next_uri,
                "page": page,
                "page_size": page_size,
                "previous_page_url": previous,
                "url": link(page),
            }
            return {"meta": meta, key: chunk}
        return {
            key: chunk,
            "end": start + max(len(chunk) - 1, 0),
            "first_page_uri": link(0),
            "next_page_uri": next_uri,
            "page": page,
            "page_size": page_size,
            "previous_page_uri": previous,
            "start": start,
            "uri": link(page),
        }

    @staticmethod
    def _item_id(item: Mapping[str, Any]) -> str:
        return str(item.get("sid") or item.get("call_sid") or item.get("phone_number") or "")

    def ordered(self, operation: Operation, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Creation order, or newest first where the spec says lists put the most recent first."""
        items = list(records)
        if operation.order == "newest_first":
            items.reverse()
        return items

    def owned(self, phone_number: str) -> bool:
        """Whether some account already has *phone_number* (it is then not for sale)."""
        return any(
            record["phone_number"] == phone_number
            for account in self.accounts.values()
            for record in account.resources["IncomingPhoneNumbers"].values()
        )
