"""The emulator is tested, not assumed: the real twilio-python SDK works against it, and every response
the client uses validates against Twilio's published OpenAPI description (SID patterns relaxed for UUIDs).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import requests
from openapi_core import Config, OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.validation.response.exceptions import InvalidData
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client as TwilioClient

from migrate.emulator import Emulator
from migrate.rest import RestClient

#: ``^AP[0-9a-fA-F]{32}$``, or with alternative prefixes as Messages have: ``^(SM|MM)[0-9a-fA-F]{32}$``.
TWILIO_SID = re.compile(r"^\^([A-Z]{2}|\([A-Z]{2}(\|[A-Z]{2})+\))\[0-9a-fA-F\]\{32\}\$$")
UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def _relax_sids(node: Any) -> None:
    """``^AP[0-9a-fA-F]{32}$`` → also accept a UUID (SignalWire), and drop the 34-character length."""
    if isinstance(node, dict):
        pattern = node.get("pattern")
        if isinstance(pattern, str) and TWILIO_SID.match(pattern):
            node["pattern"] = f"^({pattern[1:-1]}|{UUID})$"
            node.pop("minLength", None)
            node.pop("maxLength", None)
        for value in node.values():
            _relax_sids(value)
    elif isinstance(node, list):
        for value in node:
            _relax_sids(value)


@pytest.fixture(scope="module")
def openapi(twilio_openapi: Path) -> OpenAPI:
    spec = json.loads(twilio_openapi.read_text(encoding="utf-8"))
    relaxed = copy.deepcopy(spec)
    _relax_sids(relaxed)
    # The emulator's origins instead of https://api.twilio.com (paths and operations name servers too).
    servers = [
        {"url": "http://127.0.0.1:{port}", "variables": {"port": {"default": "80"}}},
        {"url": "http://127.0.0.1:{port}/api/laml", "variables": {"port": {"default": "80"}}},
    ]
    relaxed["servers"] = servers
    for path_item in relaxed["paths"].values():
        for node in (path_item, *(v for v in path_item.values() if isinstance(v, dict))):
            if "servers" in node:
                node["servers"] = servers
    return OpenAPI.from_dict(relaxed, config=Config(spec_validator_cls=None))


def _exercise(client: RestClient, emu: Emulator) -> None:
    """Every call the client makes for whoami, inventory and sync, with paging."""
    emu.add_available("+15551230001", "+15551230002", "+18005550001")
    client.fetch_account()
    apps = [
        client.applications.create({"friendly_name": f"app {i}", "voice_url": "https://e.com/v"})
        for i in range(3)
    ]
    client.applications.update(apps[0]["sid"], {"friendly_name": "app 0", "sms_url": "https://e.com/s"})
    client.applications.fetch(apps[0]["sid"])
    assert len(list(client.applications.list())) == 3
    client.applications.lookup("app 1")
    client.available_phone_numbers("US", "Local", area_code="555")
    client.available_phone_numbers("US", "TollFree")
    number = client.incoming_phone_numbers.create(
        {"phone_number": "+15551230001", "voice_application_sid": apps[1]["sid"]}
    )
    client.incoming_phone_numbers.create({"area_code": "555", "sms_url": "https://e.com/sms"})
    client.incoming_phone_numbers.update(number["sid"], {"voice_receive_mode": "fax", "status_callback": ""})
    client.incoming_phone_numbers.fetch(number["sid"])
    assert len(client.incoming_phone_numbers.lookup("+15551230001")) == 1
    client.incoming_phone_numbers.delete(number["sid"])
    client.applications.delete(apps[2]["sid"])
    _exercise_messages(client, emu)


def _exercise_messages(client: RestClient, emu: Emulator) -> None:
    """Send (SMS and MMS), fetch and list Messages: what a migrated app does with the emulator."""
    sender = "+15551230009"
    emu.add_available(sender)
    client.incoming_phone_numbers.create({"phone_number": sender})
    session, url = client.transport.session, f"{client.account_url}/Messages.json"
    sms = session.post(url, data={"To": "+15550100001", "From": sender, "Body": "Hello! 👍"})
    mms = {"To": "+15550100002", "From": sender, "MediaUrl": "https://example.com/a.png"}
    session.post(url, data={**mms, "StatusCallback": "https://example.com/status"})
    session.get(f"{emu.url}{sms.json()['uri']}")
    session.get(url, params={"PageSize": 1})


# The SignalWire dialect follows SignalWire's spec instead (integer counts, 200 on Create an Application):
# tests/emulator/test_conformance.py checks it against the contract derived from that spec.
@pytest.mark.parametrize("dialect", ["twilio"])
def test_every_response_the_client_uses_matches_twilios_openapi(openapi: OpenAPI, dialect: str) -> None:
    captured: list[requests.Response] = []

    def keep(response: requests.Response, *args: object, **kwargs: object) -> None:
        response.content  # noqa: B018 - buffer the body so the client can still read it
        captured.append(response)

    with Emulator(dialect) as emu:
        account = emu.add_account("Faithful")
        client = RestClient(emu.account_for(account), page_size=2)
        client.transport.session.hooks["response"].append(keep)
        _exercise(client, emu)
    assert len(captured) >= 22
    for response in captured:
        assert response.status_code < 300, response.text
        openapi.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))


def _sdk(emu: Emulator, sid: str, token: str) -> TwilioClient:
    sdk = TwilioClient(sid, token)
    # What the SignalWire SDK does: point twilio-python's API domain at the space, and its 2010-04-01
    # version at /api/laml/2010-04-01 (so the host-relative next_page_uri resolves too).
    sdk.api.base_url = emu.url
    sdk.api.v2010.version = emu.dialect.prefix.lstrip("/")
    return sdk


@pytest.mark.parametrize("dialect", ["twilio", "signalwire"])
def test_twilio_python_sdk_lists_creates_and_updates(dialect: str) -> None:
    with Emulator(dialect) as emu:
        account = emu.add_account("SDK")
        emu.add_available("+15551230001")
        for i in range(60):
            emu.seed(account, "Applications", friendly_name=f"seeded {i}")
        sdk = _sdk(emu, account.sid, account.token)

        assert sdk.api.v2010.accounts(account.sid).fetch().friendly_name == "SDK"
        app = sdk.applications.create(friendly_name="SDK app", voice_url="https://example.com/voice")
        assert app.sid and app.voice_url == "https://example.com/voice"
        if dialect == "signalwire":  # the spec's table requires FriendlyName on every update; Twilio does not
            with pytest.raises(TwilioRestException) as unnamed:
                sdk.applications(app.sid).update(sms_url="https://example.com/sms")
            assert unnamed.value.status == 422
        updated = sdk.applications(app.sid).update(
            friendly_name="SDK app", sms_url="https://example.com/sms", voice_method="GET"
        )
        assert (updated.sms_url, updated.voice_method) == ("https://example.com/sms", "GET")
        assert len(sdk.applications.list(page_size=25)) == 61  # three pages, followed by the SDK itself
        assert [a.sid for a in sdk.applications.list(friendly_name="SDK app")] == [app.sid]

        available = sdk.available_phone_numbers("US").local.list(area_code=555)
        assert [n.phone_number for n in available] == ["+15551230001"]
        number = sdk.incoming_phone_numbers.create(phone_number="+15551230001", voice_application_sid=app.sid)
        assert number.voice_application_sid == app.sid
        number = sdk.incoming_phone_numbers(number.sid).update(
            account_sid=account.sid, voice_url="https://example.com/v2", friendly_name="Main"
        )
        assert (number.voice_url, number.friendly_name) == ("https://example.com/v2", "Main")
        listed = sdk.incoming_phone_numbers.list(phone_number="+15551230001")
        assert [n.sid for n in listed] == [number.sid]
        assert emu.records(account, "IncomingPhoneNumbers")[0]["voice_url"] == "https://example.com/v2"

        sent = sdk.messages.create(
            to="+15550100001", from_="+15551230001", body="Hi", media_url=["https://example.com/a.png"]
        )
        media = "1" if dialect == "twilio" else 1
        assert (sent.status, sent.num_media, sdk.messages(sent.sid).fetch().body) == ("queued", media, "Hi")
        assert [m.sid for m in sdk.messages.list(to="+15550100001")] == [sent.sid]
        with pytest.raises(TwilioRestException) as refused:  # not a number of this account
            sdk.messages.create(to="+15550100001", from_="+15559999999", body="Hi")
        assert refused.value.status == (400 if dialect == "twilio" else 422)


def test_the_oracle_has_teeth(openapi: OpenAPI) -> None:
    """A response Twilio's schema forbids (a PATCH method, an unknown receive mode) is caught."""
    with Emulator("twilio") as emu:
        account = emu.add_account()
        app = emu.seed(account, "Applications", friendly_name="bad", sms_method="PATCH")
        client = RestClient(emu.account_for(account))
        response = client.transport.session.get(f"{client.account_url}/Applications/{app['sid']}.json")
        with pytest.raises(InvalidData):
            openapi.validate_response(
                RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response)
            )
