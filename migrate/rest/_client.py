"""The Compatibility REST client: one collection object per resource, over one :class:`Transport`.

Records are plain ``dict`` s exactly as the API returned them, because both APIs omit or blank fields at
will (read with defaults) and a sync compares them field by field. Writes take the same snake_case field
names the API returns (``voice_url``) and send the documented parameter names (``VoiceUrl``).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Any
from urllib.parse import urlencode

from migrate import contract
from migrate.accounts import Account
from migrate.hosted import twiml_bin_sid
from migrate.rest._errors import ApiError
from migrate.rest._paging import PageTrail, next_page_uri, page_items
from migrate.rest._transport import Call, Operation, RetryPolicy, Transport
from migrate.rest._twiml_bins import HANDLER_ORIGIN, twilio_signature, twiml_bin_url

Record = dict[str, Any]
MAX_PAGE_SIZE = 1000


def required_parameters(kind: str, resource: str) -> dict[Operation, tuple[str, ...]]:
    """The form parameters the spec's tables mark required on *resource*'s create and update.

    SignalWire's only: Twilio's own description makes them optional there, and ``AccountSid`` on a Twilio
    number update would mean "move the number to that account".
    """
    if kind != "signalwire":
        return {}
    documented = contract.load().resource(resource)
    return {
        action: tuple(p.name for p in documented.operation(action).required if p.location == "form")
        for action in ("create", "update")
    }


#: Returned by Accounts fetch on Twilio; never kept, so it cannot reach a report or a log.
SECRET_FIELDS = ("auth_token",)


def api_name(field: str) -> str:
    """``voice_caller_id_lookup`` → ``VoiceCallerIdLookup``; already-capitalised names pass through."""
    if field[:1].isupper():
        return field
    return "".join(part[:1].upper() + part[1:] for part in field.split("_"))


def api_params(fields: Mapping[str, object]) -> dict[str, str]:
    """Form parameters from field values: booleans as ``true``/``false``, ``None`` as ``""`` (clears)."""
    params: dict[str, str] = {}
    for key, value in fields.items():
        if isinstance(value, bool):
            params[api_name(key)] = "true" if value else "false"
        else:
            params[api_name(key)] = "" if value is None else str(value)
    return params


class Collection:
    """One list resource (``Applications``, ``IncomingPhoneNumbers``, ``LamlBins``) of one account.

    ``natural_key`` is the field a sync matches on; :meth:`lookup` finds records by it exactly, even where
    the server's filter is a substring match (LamlBins ``Name``).
    """

    def __init__(
        self,
        client: RestClient,
        segment: str,
        key: str,
        natural_key: str,
        *,
        suffix: str = ".json",
        required: Mapping[Operation, tuple[str, ...]] | None = None,
    ) -> None:
        self._client = client
        self.segment = segment
        self.key = key
        self.natural_key = natural_key
        self._suffix = suffix
        #: Parameters the API's tables mark required, per operation (``AccountSid`` is filled in here).
        self.required: Mapping[Operation, tuple[str, ...]] = required or {}

    def __repr__(self) -> str:
        return f"Collection({self.segment!r})"

    def _url(self, sid: str | None = None) -> str:
        kind = self._client.account.kind
        if contract.load().resource(self.segment).operation("list").paths.get(kind) is None:
            raise ValueError(f"{self.segment} does not exist on {kind}'s API")
        path = f"{self._client.account_url}/{self.segment}"
        return f"{path}/{sid}{self._suffix}" if sid else f"{path}{self._suffix}"

    def list(self, **filters: object) -> Iterator[Record]:
        """Every record matching *filters* (field names, e.g. ``friendly_name=``), fetched page by page."""
        params = api_params(filters)
        params["PageSize"] = str(self._client.page_size)
        return self._client.paginate(self._url(), self.segment, self.key, params)

    def lookup(self, value: str) -> builtins.list[Record]:
        """All records whose natural key equals *value* (more than one means the account has duplicates)."""
        found = self.list(**{self.natural_key: value})
        return [record for record in found if record.get(self.natural_key) == value]

    def fetch(self, sid: str) -> Record:
        return self._client.call("GET", self._url(sid), "read", self.segment, sid=sid)

    def create(self, fields: Mapping[str, object]) -> Record:
        """Create once. On :class:`~migrate.rest.CreateOutcomeUnknown`, :meth:`lookup` before trying again."""
        params = self._params("create", fields)
        return self._client.call("POST", self._url(), "create", self.segment, data=params)

    def update(self, sid: str, fields: Mapping[str, object]) -> Record:
        """Update by SID (safe to retry: the same values land twice at most)."""
        params = self._params("update", fields)
        return self._client.call("POST", self._url(sid), "update", self.segment, sid=sid, data=params)

    def _params(self, operation: Operation, fields: Mapping[str, object]) -> dict[str, str]:
        """The form parameters for *operation*, with what the API requires even when unchanged.

        ``AccountSid`` is added here; anything else required (SignalWire's ``FriendlyName`` on every
        application update) must be in *fields*: the API refuses the request without it, so a
        ``ValueError`` says so before anything is sent.
        """
        params = api_params(fields)
        required = self.required.get(operation, ())
        if "AccountSid" in required:
            params.setdefault("AccountSid", self._client.account.account_sid)
        missing = [name for name in required if not params.get(name)]
        if missing:
            raise ValueError(f"{operation} {self.segment}: {', '.join(missing)} is required")
        return params

    def delete(self, sid: str) -> None:
        self._client.call("DELETE", self._url(sid), "delete", self.segment, sid=sid)


class RestClient:
    """A client for one account of the Compatibility API (Twilio's 2010-04-01 API or SignalWire's LaML API).

    One pooled ``requests.Session`` per client; close it (or use ``with``) when done. Thread-safe for
    concurrent calls, as ``requests.Session`` is when its configuration is not changed meanwhile.
    """

    def __init__(
        self,
        account: Account,
        *,
        retry: RetryPolicy | None = None,
        timeout: tuple[float, float] = (10.0, 60.0),
        page_size: int = MAX_PAGE_SIZE,
        max_response_bytes: int | None = None,
    ) -> None:
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        options: dict[str, Any] = {"retry": retry, "timeout": timeout}
        if max_response_bytes is not None:
            options["max_response_bytes"] = max_response_bytes
        self.transport = Transport(account, **options)
        self.account = account
        self.page_size = page_size
        self.account_url = f"{self.transport.base_url}/Accounts/{account.account_sid}"
        kind = account.kind
        self.applications = Collection(
            self,
            "Applications",
            "applications",
            "friendly_name",
            required=required_parameters(kind, "Applications"),
        )
        self.incoming_phone_numbers = Collection(
            self,
            "IncomingPhoneNumbers",
            "incoming_phone_numbers",
            "phone_number",
            required=required_parameters(kind, "IncomingPhoneNumbers"),
        )
        # SignalWire documents LamlBins without the .json suffix (and has no such resource on Twilio).
        self.laml_bins = Collection(
            self, "LamlBins", "laml_bins", "name", suffix="", required=required_parameters(kind, "LamlBins")
        )

    def __repr__(self) -> str:
        account = self.account
        return f"RestClient(account={account.name!r}, kind={account.kind!r}, base_url={account.base_url!r})"

    def __enter__(self) -> RestClient:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.transport.close()

    def call(
        self,
        method: str,
        url: str,
        operation: Operation,
        resource: str,
        *,
        sid: str | None = None,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
    ) -> Record:
        """One API call with the retry policy; see :class:`~migrate.rest.ApiError` for failures."""
        return self.transport.send(Call(method, url, operation, resource, sid, params, data))

    def paginate(self, url: str, resource: str, key: str, params: Mapping[str, str]) -> Iterator[Record]:
        """Lazily yield items, following ``next_page_uri`` / ``meta.next_page_url`` verbatim until the end."""
        next_url: str | None = url
        query: Mapping[str, str] | None = params
        trail = PageTrail(resource)
        while next_url:
            trail.follow(f"{next_url}?{urlencode(sorted(query.items()))}" if query else next_url)
            payload = self.call("GET", next_url, "read", resource, params=query)
            try:
                yield from page_items(payload, key)
            except ValueError as error:
                raise ApiError(method="GET", resource=resource, message=str(error)) from None
            uri = next_page_uri(payload)
            next_url = self.transport.absolute(uri) if uri else None
            query = None  # the next page URI carries every parameter itself

    def fetch_account(self) -> Record:
        """This account (name, type, status); secret fields such as ``auth_token`` are dropped."""
        record = self.call(
            "GET", f"{self.account_url}.json", "read", "Accounts", sid=self.account.account_sid
        )
        return {k: v for k, v in record.items() if k not in SECRET_FIELDS}

    def available_phone_numbers(
        self, country: str = "US", kind: str = "Local", **filters: object
    ) -> list[Record]:
        """Numbers for sale (``kind``: ``Local`` or ``TollFree``); filters as fields (``area_code=``)."""
        if kind not in ("Local", "TollFree"):
            raise ValueError("kind must be 'Local' or 'TollFree'")
        url = f"{self.account_url}/AvailablePhoneNumbers/{country}/{kind}.json"
        return list(
            self.paginate(url, "AvailablePhoneNumbers", "available_phone_numbers", api_params(filters))
        )

    def fetch_twiml_bin(self, url: str, *, handler_origin: str = HANDLER_ORIGIN) -> str:
        """The XML of a Twilio TwiML Bin (``https://handler.twilio.com/twiml/EH…``), by a signed GET.

        Only for Twilio accounts that own the bin: the URL gets ``?AccountSid=`` this account and is
        signed with its token; *handler_origin* replaces ``https://handler.twilio.com`` (tests).
        """
        target = twiml_bin_url(url, self.account.account_sid, handler_origin)
        headers = {
            "X-Twilio-Signature": twilio_signature(self.account.token.reveal(), target),
            "Accept": "*/*",
        }
        sid = twiml_bin_sid(url)
        call = Call("GET", target, "read", "TwimlBins", sid, headers=headers, basic_auth=False)
        return self.transport.send_bytes(call).decode("utf-8")
