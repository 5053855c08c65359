"""The contract as typed values: resources, operations, parameters, responses, error codes.

Built once from ``compatibility-api.json`` (see :func:`migrate.contract.load`); everything is frozen so the
emulator, the REST client's checks and the tests can share one instance across threads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

#: Paths of the two dialects; ``.json`` is optional on SignalWire's, required on Twilio's.
DIALECT_PREFIXES = {"signalwire": "/api/laml/2010-04-01", "twilio": "/2010-04-01"}
_JSON_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "object": dict,
    "array": list,
}


class ErrorCode(NamedTuple):
    """One row of the spec's "Error codes" table."""

    code: int
    type: str
    message: str


class Contradiction(NamedTuple):
    """Where the spec disagrees with itself, and which side the contract follows (always the table)."""

    where: str
    what: str


class Gap(NamedTuple):
    """A code the spec's table lacks, answered anyway: Twilio's documented code for the case (``source``)."""

    code: int
    title: str
    when: str
    source: str


@dataclass(frozen=True)
class Parameter:
    """A request parameter as its operation's table states it."""

    name: str
    location: str  #: ``path``, ``query`` or ``form``
    required: bool
    description: str
    required_unless: str | None = None  #: "required if X is not present"
    values: tuple[str, ...] = ()  #: the allowed values, when the table enumerates them
    default: str | None = None
    max_length: int | None = None
    max_count: int | None = None  #: how many times a repeatable parameter may be sent
    minimum: int | None = None
    maximum: int | None = None
    repeatable: bool = False
    #: The documented error code when the parameter is left out (None: Twilio's generic 400, a gap).
    missing_code: int | None = None


@dataclass(frozen=True)
class Response:
    """A success answer: an instance's fields or a list page (its key, paging shape and item fields)."""

    kind: str  #: ``instance`` or ``list``
    fields: Mapping[str, str]  #: field → JSON type of the example's value (``null`` when the example is null)
    list_key: str | None = None
    paging: str | None = None  #: ``flat`` (``next_page_uri`` …) or ``meta`` (``meta.next_page_url`` …)
    envelope: Mapping[str, str] = field(default_factory=dict)
    inferred: bool = False  #: the operation shows no example; the shape comes from its resource


@dataclass(frozen=True)
class Operation:
    """One documented operation: method, paths in both dialects, parameters, status and response."""

    id: str  #: ``METHOD /Accounts/…`` (dialect-less path template)
    resource: str
    action: str  #: list, create, fetch, update or delete
    title: str
    method: str
    path: str
    paths: Mapping[str, str | None]  #: dialect → full path template (None: the dialect lacks it)
    status: int
    parameters: tuple[Parameter, ...]
    response: Response | None
    line: int  #: where its first example is in the spec
    order: str = "unspecified"  #: ``newest_first`` when the spec says lists put the most recent first
    #: Other methods the text names for this operation (LaML Bins: "make a PUT", an example that POSTs).
    also_methods: tuple[str, ...] = ()
    _pattern: re.Pattern[str] = field(repr=False, compare=False, default=re.compile(r"(?!)"))

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    @property
    def required(self) -> tuple[Parameter, ...]:
        """The non-path parameters the table marks required."""
        return tuple(p for p in self.parameters if p.required and p.location != "path")

    def match(self, path: str) -> dict[str, str] | None:
        """The path parameters if *path* (dialect prefix removed) is this operation's, else None."""
        found = self._pattern.fullmatch(path)
        return None if found is None else found.groupdict()


@dataclass(frozen=True)
class Resource:
    """One of the spec's 16 resources: its sample object's fields, operations and callbacks."""

    name: str
    heading: str
    fields: Mapping[str, str]
    declared_types: Mapping[str, str]
    example: Mapping[str, Any]
    operations: tuple[Operation, ...]
    callbacks: Mapping[str, tuple[str, ...]]

    def operation(self, action: str) -> Operation:
        """The first operation with *action* (``list``, ``create``, …); KeyError if none."""
        for operation in self.operations:
            if operation.action == action:
                return operation
        raise KeyError(f"{self.name} has no {action} operation")

    @property
    def list_key(self) -> str | None:
        lists = [o.response for o in self.operations if o.response is not None and o.response.kind == "list"]
        return lists[0].list_key if lists else None


@dataclass(frozen=True)
class Contract:
    """Everything the spec says, as data."""

    resources: tuple[Resource, ...]
    error_codes: Mapping[int, ErrorCode]
    absent_account_subresources: frozenset[str]
    contradictions: tuple[Contradiction, ...]
    spec_sha256: str
    gaps: tuple[Gap, ...] = ()

    def meaning(self, code: int) -> ErrorCode | Gap | None:
        """The spec's row for *code*, else the recorded gap, else None (a code nobody documents)."""
        return self.error_codes.get(code) or next((g for g in self.gaps if g.code == code), None)

    def resource(self, name: str) -> Resource:
        for resource in self.resources:
            if resource.name == name:
                return resource
        raise KeyError(name)

    @cached_property
    def operations(self) -> tuple[Operation, ...]:
        return tuple(o for r in self.resources for o in r.operations)

    @cached_property
    def _by_method(self) -> dict[str, list[Operation]]:
        """Per method, literal segments (``Members/Front``) before placeholders: what :meth:`match` tries."""
        index: dict[str, list[Operation]] = {}
        for operation in sorted(self.operations, key=lambda o: o.path.count("{")):
            for method in (operation.method, *operation.also_methods):
                index.setdefault(method, []).append(operation)
        return index

    def match(self, method: str, path: str) -> tuple[Operation, str, dict[str, str]] | None:
        """Which operation a request is: ``(operation, dialect, path parameters)`` or None.

        *path* is the URL path as sent (``/api/laml/2010-04-01/Accounts/…`` or ``/2010-04-01/Accounts/…``);
        literal segments (``Members/Front``) win over placeholders.
        """
        for dialect, prefix in sorted(DIALECT_PREFIXES.items(), key=lambda item: -len(item[1])):
            if not path.startswith(prefix + "/"):
                continue
            rest = path[len(prefix) :]
            if dialect == "twilio" and not rest.endswith(".json") and rest != "/Accounts":
                return None
            for operation in self._by_method.get(method.upper(), ()):
                if operation.paths.get(dialect) is None:
                    continue
                params = operation.match(rest)
                if params is not None:
                    return operation, dialect, params
            return None
        return None


def path_pattern(template: str) -> re.Pattern[str]:
    """``/Accounts/{AccountSid}/Calls/{Sid}.json`` → a regex with named groups; ``.json`` optional."""
    stem = template.removesuffix(".json")
    parts = re.split(r"\{(\w+)\}", stem)
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>[^/]+?)" for index, part in enumerate(parts)
    )
    return re.compile(regex + r"(?:\.json)?")


def json_type_ok(value: Any, expected: str) -> bool:
    """Whether *value* has the JSON type the example shows (``null`` allowed for any field)."""
    if value is None or expected == "null":
        return True
    python = _JSON_TYPES.get(expected)
    if python is None:
        return True
    if expected in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, python)
