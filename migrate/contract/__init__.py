"""The Compatibility API's contract as data, derived from the spec (``compatibility-api.json``).

::

    from migrate.contract import load, error_code, absent_account_subresources

    contract = load()
    create = contract.resource("Applications").operation("create")
    [p.name for p in create.required]          # ['FriendlyName']
    contract.match("POST", "/api/laml/2010-04-01/Accounts/P1/Applications.json")
    # -> (the create operation, 'signalwire', {'AccountSid': 'P1'})
    error_code(21602).message                  # 'Message body is required'

The JSON file is regenerated from the spec with ``python -m migrate.contract.derive`` (a test keeps them
equal); the code reads only the JSON, so the package works without the spec beside it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from migrate.contract._model import (
    DIALECT_PREFIXES,
    Contract,
    Contradiction,
    ErrorCode,
    Gap,
    Operation,
    Parameter,
    Resource,
    Response,
    json_type_ok,
    path_pattern,
)

__all__ = [
    "DIALECT_PREFIXES",
    "Contract",
    "Contradiction",
    "ErrorCode",
    "Gap",
    "Operation",
    "Parameter",
    "Resource",
    "Response",
    "absent_account_subresources",
    "error_code",
    "error_codes",
    "json_type_ok",
    "load",
]

DATA_NAME = "compatibility-api.json"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = resources.files(__package__).joinpath(DATA_NAME).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def error_codes() -> Mapping[int, ErrorCode]:
    """The spec's "Error codes" table (10002 … 30010), by code."""
    return {
        row["code"]: ErrorCode(row["code"], row["type"], row["message"]) for row in _data()["error_codes"]
    }


def error_code(code: int) -> ErrorCode | None:
    """One row of the error-code table, or None for a code the spec does not list."""
    return error_codes().get(code)


@lru_cache(maxsize=1)
def absent_account_subresources() -> frozenset[str]:
    """The Account example's ``subresource_uris`` keys whose value is null: what SignalWire does not offer."""
    return frozenset(_data()["absent_account_subresources"])


def _parameter(row: Mapping[str, Any]) -> Parameter:
    return Parameter(
        name=row["name"],
        location=row["in"],
        required=row["required"],
        description=row["description"],
        required_unless=row.get("required_unless"),
        values=tuple(row.get("values", ())),
        default=row.get("default"),
        max_length=row.get("max_length"),
        max_count=row.get("max_count"),
        minimum=row.get("minimum"),
        maximum=row.get("maximum"),
        repeatable=row.get("repeatable", False),
        missing_code=row.get("missing_code"),
    )


def _response(row: Mapping[str, Any] | None) -> Response | None:
    if row is None:
        return None
    return Response(
        kind=row["kind"],
        fields=dict(row["fields"]),
        list_key=row.get("list_key"),
        paging=row.get("paging"),
        envelope=dict(row.get("envelope", {})),
        inferred=row.get("from") == "resource",
    )


def _operation(row: Mapping[str, Any]) -> Operation:
    return Operation(
        id=row["id"],
        resource=row["resource"],
        action=row["action"],
        title=row["title"],
        method=row["method"],
        path=row["path"],
        paths=dict(row["paths"]),
        status=row["status"],
        parameters=tuple(_parameter(p) for p in row["parameters"]),
        response=_response(row["response"]),
        line=row["line"],
        order=row["order"],
        also_methods=tuple(row.get("also_methods", ())),
        _pattern=path_pattern(row["path"]),
    )


@lru_cache(maxsize=1)
def load() -> Contract:
    """The whole contract (cached: one shared, immutable instance)."""
    data = _data()
    resources_ = tuple(
        Resource(
            name=row["name"],
            heading=row["heading"],
            fields=dict(row["fields"]),
            declared_types=dict(row["declared_types"]),
            example=row["example"],
            operations=tuple(_operation(o) for o in row["operations"]),
            callbacks={name: tuple(params) for name, params in row["callbacks"].items()},
        )
        for row in data["resources"]
    )
    return Contract(
        resources=resources_,
        error_codes=error_codes(),
        absent_account_subresources=absent_account_subresources(),
        contradictions=tuple(Contradiction(c["where"], c["what"]) for c in data["contradictions"]),
        spec_sha256=data["source"]["sha256"],
        gaps=tuple(Gap(g["code"], g["title"], g["when"], g["source"]) for g in data["gaps"]),
    )
