"""Every operation of the contract against the emulator, in both dialects.

Each operation is called with its required parameters and must answer with the documented status and
every field of the spec's example in the field's JSON type; each required parameter left out must give the
documented error in the dialect's shape. Requests go through the emulator's WSGI application (werkzeug's
test client: the same stack as over a socket, without one), on a fresh seeded account per test.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from werkzeug.test import Client

from migrate.contract import Operation, Parameter, json_type_ok, load
from migrate.emulator import Emulator
from migrate.emulator._dialects import DIALECTS as EMULATED_DIALECTS
from migrate.emulator._fixture import load_fixture

CONTRACT = load()
SENDER, POOL = "+15550100000", "+15550100099"
#: The seeded account: one of everything, SIDs chosen so a path can name them.
FIXTURE: dict[str, Any] = {
    "available_phone_numbers": [{"phone_number": POOL, "region": "WA"}, {"phone_number": "+18005550100"}],
    "applications": [{"sid": "APP1", "friendly_name": "IVR"}],
    "incoming_phone_numbers": [{"sid": "PN1", "phone_number": SENDER}],
    "laml_bins": [{"sid": "BIN1", "name": "Greeting", "contents": "<Response/>"}],
    "calls": [
        {"sid": "CALL1", "to": "+15550100001", "status": "in-progress"},
        {"sid": "CALL2"},
        {"sid": "CALL3"},
    ],
    "conferences": [{"sid": "CONF1", "friendly_name": "Room", "participants": [{"call_sid": "CALL1"}]}],
    "queues": [
        {
            "sid": "QUEUE1",
            "friendly_name": "Support",
            "members": [{"call_sid": "CALL2"}, {"call_sid": "CALL3"}],
        },
        {"sid": "QUEUE2", "friendly_name": "Empty"},  # the one fetched, updated and deleted
    ],
    "recordings": [{"sid": "REC1", "call_sid": "CALL1", "transcriptions": [{"sid": "TRANS1"}]}],
    "messages": [
        {"sid": "MSG1", "to": "+15550100001", "from": SENDER, "body": "hi", "media": [{"sid": "MEDIA1"}]}
    ],
    "faxes": [{"sid": "FAX1", "to": "+15550100001", "media": [{"sid": "FAXMEDIA1"}]}],
}
PATH_VALUES = {
    "Sid": None,  # per resource, below
    "IsoCountry": "US",
    "ConferenceSid": "CONF1",
    "QueueSid": "QUEUE1",
    "MessageSid": "MSG1",
    "MediaSid": None,
    "FaxSid": "FAX1",
    "RecordingSid": "REC1",
    "IncomingPhoneNumberSid": "PN1",
    "CallSid": "CALL1",
}
OWN_SID = {
    "Applications": "APP1",
    "Calls": "CALL1",
    "Conferences": "CONF1",
    "Queues": "QUEUE2",
    "LamlBins": "BIN1",
    "Recordings": "REC1",
    "Transcriptions": "TRANS1",
    "Media": "MEDIA1",
    "FaxMedia": "FAXMEDIA1",
    "Participants": "CALL1",
    "QueueMembers": "CALL2",
}
#: A valid value for each parameter some table requires (or requires unless another is sent).
VALUES = {
    "To": "+15550100001",
    "From": SENDER,
    "Url": "https://example.com/voice.xml",
    "MediaUrl": "https://example.com/doc.pdf",
    "FriendlyName": "Support",
    "Body": "Hello",
    "Name": "Bin",
    "PhoneNumber": POOL,
    "AreaCode": "555",
    "ApplicationSid": "APP1",
}


@dataclass
class Emulated:
    client: Client
    emulator: Emulator
    account_sid: str
    auth: tuple[str, str]


def emulated(dialect: str) -> Emulated:
    emulator = Emulator(dialect, paging="spec")
    account = emulator.add_account("Conformance")
    load_fixture(emulator, account, FIXTURE)
    return Emulated(Client(emulator.app), emulator, account.sid, (account.sid, account.token))


def concrete(operation: Operation, dialect: str, account_sid: str) -> str:
    path = operation.paths[dialect]
    assert path is not None
    for name in re.findall(r"\{(\w+)\}", path):
        if name == "AccountSid" or (operation.resource == "Accounts" and name == "Sid"):
            value = account_sid
        elif path.removesuffix(".json").endswith("{" + name + "}") and operation.action != "list":
            value = OWN_SID.get(operation.resource) or PATH_VALUES[name] or "?"
        else:
            value = PATH_VALUES[name] or "?"
        path = path.replace("{" + name + "}", value)
    return path


def arguments(operation: Operation, account_sid: str) -> dict[str, str]:
    """The required parameters (and the first of each required-unless pair) with valid values."""
    chosen: dict[str, str] = {}
    for parameter in operation.parameters:
        if parameter.location == "path":
            continue
        other = parameter.required_unless
        pair_done = other is not None and (other in chosen or _chooses(operation, other))
        if parameter.required or (other is not None and not pair_done):
            if parameter.name == "AccountSid":
                chosen[parameter.name] = account_sid
            elif parameter.values:
                chosen[parameter.name] = parameter.values[0]
            else:
                chosen[parameter.name] = VALUES[parameter.name]
    return chosen


def _chooses(operation: Operation, name: str) -> bool:
    """Whether :func:`arguments` sends *name* (a required one, or the first of its required-unless pair)."""
    names = [p.name for p in operation.parameters]
    other = operation.parameter(name)
    return other is not None and (
        other.required or names.index(name) < names.index(other.required_unless or name)
    )


def call(emu: Emulated, operation: Operation, dialect: str, params: dict[str, str]) -> Any:
    path = concrete(operation, dialect, emu.account_sid)
    headers = {"Authorization": _basic(*emu.auth)}
    if operation.method == "GET":
        return emu.client.get(path, query_string=params, headers=headers)
    return emu.client.open(path, method=operation.method, data=params, headers=headers)


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


OPERATIONS = [pytest.param(o, id=f"{o.method} {o.path}") for o in CONTRACT.operations]
DIALECTS = ["signalwire", "twilio"]


@pytest.fixture(params=DIALECTS)
def dialect(request: pytest.FixtureRequest) -> Iterator[str]:
    yield request.param


def check_fields(fields: dict[str, str], body: dict[str, Any], dialect: str, where: str) -> None:
    string_ok = Emulator(dialect).dialect.string_fields
    for name, kind in fields.items():
        assert name in body, f"{where}: missing {name}"
        value = body[name]
        if dialect == "twilio" and name in string_ok and isinstance(value, str):
            continue
        assert json_type_ok(value, kind), f"{where}: {name}={value!r} is not {kind}"


@pytest.mark.parametrize("operation", OPERATIONS)
def test_operation_answers_with_the_documented_status_and_fields(operation: Operation, dialect: str) -> None:
    emu = emulated(dialect)
    response = (
        call(emu, operation, dialect, arguments(operation, emu.account_sid))
        if operation.paths[dialect]
        else None
    )
    if response is None:  # a SignalWire-only resource: Twilio's paths for it do not exist
        path = concrete(operation, "signalwire", emu.account_sid).replace("/api/laml", "")
        answer = emu.client.get(path + ".json", headers={"Authorization": _basic(*emu.auth)})
        assert answer.status_code == 404
        return
    expected = 201 if (dialect == "twilio" and operation.action == "create") else operation.status
    assert response.status_code == expected, response.get_data(as_text=True)
    shape = operation.response
    if operation.status == 204:
        assert response.get_data() == b""
        return
    assert shape is not None
    body = response.get_json()
    where = f"{dialect} {operation.id}"
    if shape.kind == "instance":
        check_fields(dict(shape.fields), body, dialect, where)
        return
    assert shape.list_key is not None
    items = body[shape.list_key]
    assert items, f"{where}: the seeded account lists nothing"
    for item in items:
        check_fields(dict(shape.fields), item, dialect, where)
    if shape.paging == "meta":
        assert set(body["meta"]) >= {"first_page_url", "next_page_url", "page", "page_size", "key"}
    elif "next_page_uri" in shape.envelope:
        assert {"first_page_uri", "next_page_uri", "page", "page_size", "uri"} <= set(body)


def _enforced(operation: Operation, name: str, dialect: str) -> bool:
    return (operation.resource, operation.action, name) not in EMULATED_DIALECTS[dialect].optional


#: Only the dialects that serve the operation (LaML Bins have no Twilio path), so nothing is skipped.
REQUIRED = [
    pytest.param(o, p.name, dialect, id=f"{dialect} {o.method} {o.path} without {p.name}")
    for o in CONTRACT.operations
    for p in o.parameters
    if p.location != "path" and (p.required or p.required_unless)
    for dialect in DIALECTS
    if o.paths[dialect] is not None and _enforced(o, p.name, dialect)
]
#: What the tables require but Twilio's own API does not: the Twilio dialect accepts the request without it.
LENIENT = [
    pytest.param(o, p.name, id=f"twilio {o.method} {o.path} without {p.name}")
    for o in CONTRACT.operations
    for p in o.parameters
    if p.required and not _enforced(o, p.name, "twilio")
]


@pytest.mark.parametrize(("operation", "missing", "dialect"), REQUIRED)
def test_leaving_out_a_required_parameter_is_the_documented_error(
    operation: Operation, missing: str, dialect: str
) -> None:
    emu = emulated(dialect)
    params = arguments(operation, emu.account_sid)
    params.pop(missing, None)
    parameter = operation.parameter(missing)
    assert parameter is not None
    if parameter.required_unless:
        params.pop(parameter.required_unless, None)
    response = call(emu, operation, dialect, params)
    body = response.get_json()
    if (operation.resource, missing, dialect) == ("LamlBins", "Name", "signalwire"):
        assert (response.status_code, body) == (422, {"errors": ["Name can't be blank"]})
        return
    code = parameter.missing_code or 400  # the spec's or Twilio's code, else Twilio's generic (a gap)
    assert CONTRACT.meaning(code) is not None
    if dialect == "twilio":
        assert response.status_code == 400
        assert (body["code"], body["status"]) == (code, 400)
        assert body["more_info"] == f"https://www.twilio.com/docs/errors/{code}"
    else:
        assert response.status_code == 422
        (error,) = body["errors"]
        assert error["code"] == str(code) and error["attribute"] in (missing, parameter.required_unless)
        assert error["more_info"].startswith("https://developer.signalwire.com/")


def test_the_signalwire_dialect_enforces_every_required_parameter_of_the_tables() -> None:
    assert EMULATED_DIALECTS["signalwire"].optional == frozenset()
    lenient = {(o.resource, o.action, name) for o, name in (case.values for case in LENIENT)}  # type: ignore[attr-defined]
    assert lenient == EMULATED_DIALECTS["twilio"].optional  # each entry names a real required parameter


@pytest.mark.parametrize(("operation", "missing"), LENIENT)
def test_the_twilio_dialect_accepts_what_twilio_does_not_require(operation: Operation, missing: str) -> None:
    emu = emulated("twilio")
    params = arguments(operation, emu.account_sid)
    params.pop(missing)
    response = call(emu, operation, "twilio", params)
    assert response.status_code in (200, 201), response.get_data(as_text=True)


def test_what_the_twilio_dialect_leaves_optional_twilio_s_own_api_does_not_require(
    twilio_openapi: Path,
) -> None:
    paths = {
        re.sub(r"\{\w+\}", "{}", path): item
        for path, item in json.loads(twilio_openapi.read_text(encoding="utf-8"))["paths"].items()
    }
    for case in LENIENT:
        operation, name = case.values
        assert isinstance(operation, Operation)
        twilio_path = re.sub(r"\{\w+\}", "{}", operation.paths["twilio"] or "")
        documented = paths[twilio_path][operation.method.lower()]
        body = documented.get("requestBody", {}).get("content", {})
        required = set(
            body.get("application/x-www-form-urlencoded", {}).get("schema", {}).get("required", [])
        )
        required |= {
            p["name"]
            for p in documented.get("parameters", [])
            if p.get("in") == "query" and p.get("required")
        }
        assert name not in required, f"Twilio requires {name} on {operation.id}"


def _outside(parameter: Parameter) -> list[str]:
    """Values the table rules out for *parameter*: not one of its values, beyond its range or length."""
    if parameter.values:
        return ["not-a-value"]
    if parameter.max_length is not None:
        return ["x" * (parameter.max_length + 1)]
    outside = [] if parameter.maximum is None else [str(parameter.maximum + 1)]
    if parameter.minimum is not None:
        outside += [str(parameter.minimum - 1), "-1", "soon"]
    return outside


#: Each parameter whose table lists its allowed values, range or length, in the dialects that serve it.
CHECKED_VALUES = [
    pytest.param(o, p.name, value, dialect, id=f"{dialect} {o.method} {o.path} {p.name}={value[:8]}")
    for o in CONTRACT.operations
    for p in o.parameters
    if p.location != "path" and not p.repeatable and p.name != "PageSize"
    for value in _outside(p)
    for dialect in DIALECTS
    if o.paths[dialect] is not None
]
#: The spec's own code where its table has one for the case.
SPEC_CODE = {("Messages", "Body"): 21617}


@pytest.mark.parametrize(("operation", "name", "value", "dialect"), CHECKED_VALUES)
def test_a_value_the_table_does_not_allow_is_refused_in_the_dialect_s_shape(
    operation: Operation, name: str, value: str, dialect: str
) -> None:
    emu = emulated(dialect)
    response = call(emu, operation, dialect, {**arguments(operation, emu.account_sid), name: value})
    body = response.get_json()
    code = SPEC_CODE.get((operation.resource, name), 400)
    if dialect == "twilio":
        assert (response.status_code, body["code"]) == (400, code), body
    else:
        assert response.status_code == 422, body
        (error,) = body["errors"]
        assert (error["code"], error["attribute"]) == (str(code), name)


def test_only_an_empty_queue_can_be_deleted_on_signalwire() -> None:
    emu = emulated("signalwire")
    auth = {"Authorization": _basic(*emu.auth)}
    queue = f"/api/laml/2010-04-01/Accounts/{emu.account_sid}/Queues/QUEUE1"
    refused = emu.client.delete(f"{queue}.json", headers=auth)
    assert refused.status_code == 409
    assert refused.get_json()["errors"][0]["message"] == "Queue QUEUE1 is not empty: 2 caller(s) waiting"
    for _ in range(2):  # dequeue both callers
        emu.client.post(
            f"{queue}/Members/Front.json", data={"Url": "https://example.com/next.xml"}, headers=auth
        )
    assert emu.client.delete(f"{queue}.json", headers=auth).status_code == 204
