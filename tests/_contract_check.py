"""Every request the REST client and ``sync`` send, checked against the spec's contract before it leaves.

Installed by an autouse fixture in the REST and sync suites (:func:`checked_transport`): it wraps
``Transport._request``, the one place every HTTP attempt goes through, so client calls, everything a sync
sends and CLI runs in-process are all checked. A request that breaks the contract raises
:class:`ContractViolation` there (the test fails with the request named) and is also recorded, so a caller
that swallows the exception cannot hide it: the fixture fails the test at teardown.

Checked, from ``migrate.contract``: the operation exists (method + path, either dialect); every parameter
name is documented for it (plus the paging parameters the spec's page URIs carry); enumerated values and
length limits hold; and, on SignalWire's API, every parameter its table marks required is present (Twilio's
own description makes those optional). Twilio TwiML Bin fetches (``handler.twilio.com``, no API) must be
GETs with ``?AccountSid=`` and an ``X-Twilio-Signature``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from migrate import contract
from migrate.rest._transport import Call, Transport

#: Query parameters of list pages: the spec's page URIs carry them (``?Page=1&PageSize=1&PageToken=PA…``).
PAGING = frozenset({"Page", "PageSize", "PageToken"})


class ContractViolation(AssertionError):
    """A request the spec's tables do not allow."""


def violations(call: Call) -> list[str]:
    """Why *call* breaks the contract (empty when it does not)."""
    parts = urlsplit(call.url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True)) | dict(call.params or {})
    where = f"{call.method} {parts.path}"
    if parts.path.startswith("/twiml/"):
        return _bin_fetch(call, where, query)
    found = contract.load().match(call.method, parts.path)
    if found is None:
        return [f"{where}: not an operation the spec documents"]
    operation, dialect, _ = found
    location = "query" if call.method in ("GET", "DELETE") else "form"
    sent = query if location == "query" else dict(call.data or {})
    problems = [f"{where}: query parameters on a {call.method}"] if location == "form" and query else []
    documented = {p.name: p for p in operation.parameters if p.location == location}
    allowed = documented.keys() | (PAGING if location == "query" else set())
    problems += [f"{where}: {name} is not documented for it" for name in sorted(sent.keys() - allowed)]
    for name, value in sent.items():
        parameter = documented.get(name)
        if parameter is None:
            continue
        if parameter.values and value not in parameter.values:
            problems.append(f"{where}: {name}={value!r} is not one of {', '.join(parameter.values)}")
        if parameter.max_length is not None and len(value) > parameter.max_length:
            problems.append(f"{where}: {name} is longer than {parameter.max_length} characters")
    if dialect == "signalwire":
        problems += _missing(where, documented.values(), sent)
    return problems


def _missing(where: str, parameters: Iterable[contract.Parameter], sent: Mapping[str, str]) -> list[str]:
    problems = []
    for parameter in parameters:
        if parameter.required and not sent.get(parameter.name):
            problems.append(f"{where}: required {parameter.name} is missing")
        alternative = parameter.required_unless
        if alternative and not sent.get(parameter.name) and not sent.get(alternative):
            problems.append(f"{where}: {parameter.name} or {alternative} is required")
    return problems


def _bin_fetch(call: Call, where: str, query: Mapping[str, str]) -> list[str]:
    problems = [] if call.method == "GET" else [f"{where}: a TwiML Bin is fetched with GET"]
    if not query.get("AccountSid"):
        problems.append(f"{where}: a TwiML Bin fetch needs ?AccountSid=")
    if not (call.headers or {}).get("X-Twilio-Signature"):
        problems.append(f"{where}: a TwiML Bin fetch must be signed (X-Twilio-Signature)")
    return problems


@pytest.fixture(autouse=True)
def checked_transport(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Check every request against the contract for the whole test (autouse where imported)."""
    seen: list[str] = []
    original = Transport._request

    def request(self: Transport, call: Call) -> requests.Response:
        problems = violations(call)
        if problems:
            seen.extend(problems)
            raise ContractViolation("; ".join(problems))
        return original(self, call)

    monkeypatch.setattr(Transport, "_request", request)
    yield seen
    assert seen == [], "requests broke the contract:\n" + "\n".join(seen)
