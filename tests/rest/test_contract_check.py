"""The contract check every REST and sync test runs under: it must catch what the spec's tables forbid."""

from __future__ import annotations

import pytest

from migrate.emulator import Emulator
from migrate.rest import RestClient
from tests._contract_check import ContractViolation


def test_requests_the_tables_forbid_are_stopped_and_recorded(checked_transport: list[str]) -> None:
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        app = emu.seed(account, "Applications", friendly_name="IVR")
        client = RestClient(emu.account_for(account))
        url = f"{client.account_url}/Applications/{app['sid']}.json"
        bad = [
            {"VoiceUrl": "https://example.com/v"},  # FriendlyName is required on update
            {"FriendlyName": "IVR", "VoiceCallerIdLookup": "true"},  # not in the update table
            {"FriendlyName": "x" * 65},  # "up to 64 characters"
        ]
        for form in bad:
            with pytest.raises(ContractViolation):
                client.call("POST", url, "update", "Applications", sid=app["sid"], data=form)
        with pytest.raises(ContractViolation, match="not an operation the spec documents"):
            client.call("GET", f"{client.account_url}/Queues/Q1/Nothing.json", "read", "Queues")
        assert emu.requests == []  # nothing reached the API
    assert any("required FriendlyName is missing" in p for p in checked_transport)
    assert any("VoiceCallerIdLookup is not documented" in p for p in checked_transport)
    assert any("FriendlyName is longer than 64" in p for p in checked_transport)
    checked_transport.clear()  # seen and expected: do not fail the test at teardown


def test_twilio_requests_are_held_to_the_documented_names_only(checked_transport: list[str]) -> None:
    with Emulator("twilio") as emu:
        account = emu.add_account()
        app = emu.seed(account, "Applications", friendly_name="IVR")
        client = RestClient(emu.account_for(account))
        client.applications.update(app["sid"], {"voice_url": "https://example.com/v"})  # no FriendlyName
        with pytest.raises(ContractViolation, match="Colour is not documented"):
            client.applications.update(app["sid"], {"colour": "blue"})
    checked_transport.clear()


def test_a_bin_fetch_without_the_account_is_stopped(checked_transport: list[str]) -> None:
    with Emulator("twilio") as emu:
        client = RestClient(emu.account_for(emu.add_account()))
        with pytest.raises(ContractViolation, match=r"needs \?AccountSid="):
            client.call("GET", f"{emu.url}/twiml/EH{'1' * 32}", "read", "TwimlBins")
    checked_transport.clear()
