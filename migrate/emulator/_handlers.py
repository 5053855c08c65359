"""Every operation of the contract, performed on the in-memory state.

One generic implementation per action (list, fetch, create, update, delete) driven by the contract's
paths and fields, plus the hooks where a resource does more than store what it is sent: a number comes out
of the pool for sale, a message checks its sender, a dequeue removes a caller, a conference that completes
drops its participants. Each hook is named after the operation it serves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from migrate.contract import Operation, Resource
from migrate.emulator import _records as rec
from migrate.emulator._callbacks import CallbackRunner
from migrate.emulator._messaging import Messaging
from migrate.emulator._state import IDENTITY, PARENT, SID_PREFIX, ApiFailure, EmulatedAccount, State
from migrate.emulator._validate import GENERIC_CODE, checked_code
from migrate.emulator._voice import Voice

#: Request parameters → field names that do not follow the CamelCase → snake_case rule.
FIELD_ALIASES = {
    ("LamlBins", "FriendlyName"): "name",
    ("LamlBins", "LamlBinData"): "contents",
    ("Faxes", "from"): "from",
    ("Faxes", "to"): "to",
}
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def field_of(resource: str, param: str) -> str:
    """``VoiceCallerIdLookup`` → ``voice_caller_id_lookup`` (and the few names that differ)."""
    return FIELD_ALIASES.get((resource, param)) or _CAMEL.sub("_", param).lower()


class Request:
    """What a handler needs of one HTTP request: its operation, path parameters, query and form."""

    def __init__(
        self,
        operation: Operation,
        account: EmulatedAccount,
        params: Mapping[str, str],
        query: Mapping[str, str],
        form: Mapping[str, list[str]],
    ) -> None:
        self.operation = operation
        self.account = account
        self.params = params
        self.query = query
        self.form = form

    def value(self, name: str) -> str:
        """The first value of form parameter *name* ("" when absent)."""
        values = self.form.get(name) or [""]
        return values[0]

    def single(self) -> dict[str, str]:
        return {name: values[0] for name, values in self.form.items() if values}


Handler = Callable[["Handlers", Request], tuple[int, Any]]


class Handlers:
    """The operations over one :class:`State`; :meth:`perform` answers ``(status, body)`` or raises."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.dialect = state.dialect
        self.callbacks = CallbackRunner(state)
        self.voice = Voice(self, self.callbacks)
        self.messaging = Messaging(self, self.callbacks)

    # -- entry -----------------------------------------------------------------------------------------

    def perform(self, request: Request) -> tuple[int, Any]:
        operation = request.operation
        hook = HOOKS.get((operation.resource, operation.action))
        with self.state.lock:
            if hook is not None:
                return hook(self, request)
            return GENERIC[operation.action](self, request)

    def resource(self, name: str) -> Resource:
        return self.state.contract.resource(name)

    def status_of(self, operation: Operation) -> int:
        if operation.action == "create" and self.dialect.create_status is not None:
            return self.dialect.create_status
        return operation.status

    # -- failures --------------------------------------------------------------------------------------

    def not_found(self, what: str) -> ApiFailure:
        return ApiFailure(404, self.dialect.error(404, 20404, f"The requested resource {what} was not found"))

    def invalid(self, code: int, message: str, attribute: str) -> ApiFailure:
        status, body = self.dialect.validation_error(checked_code(code), message, attribute)
        return ApiFailure(status, body)

    # -- records ---------------------------------------------------------------------------------------

    def records(self, account: EmulatedAccount, resource: str) -> dict[str, dict[str, Any]]:
        return account.resources[resource]

    def parent_of(self, request: Request, resource: str) -> dict[str, Any] | None:
        """The record the path nests this one under (a conference, a queue, a message …), checked to exist."""
        parent = PARENT.get(resource)
        if parent is None or parent[0] not in request.params:
            return None
        placeholder, _, owner = parent
        sid = request.params[placeholder]
        found = self.records(request.account, owner).get(sid)
        if found is None:
            raise self.not_found(f"{owner} {sid}")
        return found

    def find(self, request: Request, resource: str | None = None) -> dict[str, Any]:
        resource = resource or request.operation.resource
        self.parent_of(request, resource)
        key = self._key_from_path(request, resource)
        found = self.records(request.account, resource).get(key)
        if found is None:
            raise self.not_found(f"{resource} {key}")
        return found

    def _key_from_path(self, request: Request, resource: str) -> str:
        names = re.findall(r"\{(\w+)\}", request.operation.path)
        own = request.params[names[-1]]
        if resource in IDENTITY:
            return f"{request.params[PARENT[resource][0]]}/{own}"
        return own

    def new(self, account: EmulatedAccount, resource: str, **fields: Any) -> dict[str, Any]:
        """A record with every documented field, its own SID, dates and URIs; *fields* win."""
        spec = self.resource(resource)
        documented = {
            field_of(resource, p.name): p.default
            for o in spec.operations
            if o.action == "create"
            for p in o.parameters
            if p.default is not None and p.default.isalpha()
        }
        record = rec.defaults(resource, dict(spec.fields), dict(spec.example), documented)
        if self.dialect.name != "twilio":
            kept = self.documented_fields(resource)
            record = {k: v for k, v in record.items() if k in kept}
        now = self.state.now(resource)
        record.update({"account_sid": account.sid, "date_created": now, "date_updated": now})
        if resource not in IDENTITY:
            record["sid"] = self.dialect.sid(SID_PREFIX.get(resource, "XX"))
        record.update(fields)
        if resource == "LamlBins" and "request_url" not in fields:  # the bin's own SID, a seeded one too
            record["request_url"] = f"https://{self.state.space}/laml-bins/{record['sid']}"
        self.refresh_uris(resource, record, spec)
        return record

    def documented_fields(self, resource: str) -> frozenset[str]:
        """The sample's fields and those the resource's tables let a request write."""
        spec = self.resource(resource)
        writable = {field_of(resource, p.name) for o in spec.operations for p in o.parameters}
        return frozenset(spec.fields) | writable

    def refresh_uris(self, resource: str, record: dict[str, Any], spec: Resource | None = None) -> None:
        spec = spec or self.resource(resource)
        uri = self.state.uri(resource, record)
        record["uri"] = uri
        if "url" in spec.fields:
            record["url"] = uri
        base = uri.removesuffix(".json")
        for name in ("subresource_uris", "links"):
            sample = spec.example.get(name)
            if isinstance(sample, dict) and name in record:
                record[name] = {
                    key: None
                    if value is None
                    else f"{base}/{_camel(key)}{'.json' if value.endswith('.json') else ''}"
                    for key, value in sample.items()
                }

    def store(self, resource: str, account: EmulatedAccount, record: dict[str, Any]) -> dict[str, Any]:
        self.records(account, resource)[self.state.key_of(resource, record)] = record
        return self.state.render(resource, record)

    def apply(self, request: Request, record: dict[str, Any], resource: str | None = None) -> None:
        """Write the form into *record*: documented fields only, typed, validated (all or nothing)."""
        resource = resource or request.operation.resource
        fields = self.resource(resource).fields
        changes: dict[str, Any] = {}
        for param, values in request.form.items():
            name = field_of(resource, param)
            if name not in record or name in rec.READ_ONLY or not values:
                continue  # like the real APIs: unknown parameters are ignored
            raw = values[0]
            if name.endswith("_sid") and raw == "":
                changes[name] = None
                continue
            try:
                changes[name] = rec.coerce_to(fields.get(name, "string"), raw) if raw != "" else raw
            except ValueError as error:
                raise self.invalid(GENERIC_CODE, f"{param} {error}", param) from None
        for name, value in changes.items():
            problem = rec.invalid_field(name, value)
            if problem:
                code = 21205 if name.endswith(("_url", "_callback")) else GENERIC_CODE
                raise self.invalid(code, problem, name)
            is_app_reference = name in ("voice_application_sid", "sms_application_sid")
            if (
                is_app_reference
                and value is not None
                and value not in request.account.resources["Applications"]
            ):
                raise self.invalid(21218, f"{name}: application {value} not found in this account", name)
        record.update(changes)
        record["date_updated"] = self.state.now(resource)

    # -- generic actions -------------------------------------------------------------------------------

    def list(self, request: Request) -> tuple[int, Any]:
        resource = request.operation.resource
        parent = PARENT.get(resource)
        self.parent_of(request, resource)
        records = list(self.records(request.account, resource).values())
        if parent is not None and parent[0] in request.params:
            records = [r for r in records if r.get(parent[1]) == request.params[parent[0]]]
        matching = [r for r in records if self.matches(request, resource, r)]
        items = self.state.ordered(request.operation, matching)
        base = self.state.collection_uri(request.operation, request.params)
        return 200, self.state.page(request.operation, base, items, request.query, resource)

    def matches(self, request: Request, resource: str, record: Mapping[str, Any]) -> bool:
        """The list filters the table documents: equality, except the ones the spec describes otherwise."""
        for parameter in request.operation.parameters:
            wanted = request.query.get(parameter.name)
            name = field_of(resource, parameter.name)
            if not wanted or parameter.location != "query" or name not in record:
                continue
            value = record[name]
            if resource == "LamlBins" and name == "name":  # "containing this value as a substring"
                if wanted.lower() not in str(value or "").lower():
                    return False
            elif isinstance(value, bool):
                if str(value).lower() != wanted.lower():
                    return False
            elif str(value) != wanted:
                return False
        return True

    def fetch(self, request: Request) -> tuple[int, Any]:
        resource = request.operation.resource
        return 200, self.state.render(resource, self.find(request))

    def create(self, request: Request) -> tuple[int, Any]:
        resource = request.operation.resource
        parent = self.parent_of(request, resource)
        extra = {PARENT[resource][1]: parent["sid"]} if parent is not None else {}
        record = self.new(request.account, resource, **extra)
        self.apply(request, record)
        record["date_updated"] = record["date_created"]
        return self.status_of(request.operation), self.store(resource, request.account, record)

    def update(self, request: Request) -> tuple[int, Any]:
        resource = request.operation.resource
        record = dict(self.find(request))
        self.apply(request, record)
        return 200, self.store(resource, request.account, record)

    def delete(self, request: Request) -> tuple[int, Any]:
        resource = request.operation.resource
        record = self.find(request)
        del self.records(request.account, resource)[self.state.key_of(resource, record)]
        for child, (_, link, owner) in PARENT.items():
            if owner == resource:
                children = self.records(request.account, child)
                for key in [k for k, r in children.items() if r.get(link) == record.get("sid")]:
                    del children[key]
        return 204, None


def _camel(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


GENERIC: dict[str, Handler] = {
    "list": Handlers.list,
    "fetch": Handlers.fetch,
    "create": Handlers.create,
    "update": Handlers.update,
    "delete": Handlers.delete,
}
#: ``(resource, action)`` → the hook replacing the generic action; filled by :mod:`migrate.emulator._hooks`.
HOOKS: dict[tuple[str, str], Handler] = {}
