"""What SignalWire's parameter tables mark required is sent on every create and update, changed or not."""

from __future__ import annotations

import pytest

from migrate.emulator import Emulator
from migrate.rest import RestClient


def test_signalwire_number_updates_carry_the_account_sid() -> None:
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        emu.add_available("+15551230001")
        client = RestClient(emu.account_for(account))
        number = client.incoming_phone_numbers.create({"phone_number": "+15551230001"})
        client.incoming_phone_numbers.update(number["sid"], {"voice_url": "https://example.com/v"})
        # The create table has AccountSid in the path only; the update table requires it in the form.
        assert [r.form for r in emu.writes()] == [
            {"PhoneNumber": "+15551230001"},
            {"AccountSid": account.sid, "VoiceUrl": "https://example.com/v"},
        ]


def test_signalwire_application_update_needs_the_friendly_name() -> None:
    with Emulator("signalwire") as emu:
        account = emu.add_account()
        app = emu.seed(account, "Applications", friendly_name="IVR")
        client = RestClient(emu.account_for(account))
        with pytest.raises(ValueError, match="update Applications: FriendlyName is required"):
            client.applications.update(app["sid"], {"voice_url": "https://example.com/v"})
        assert emu.requests == []  # refused before anything was sent
        client.applications.update(app["sid"], {"friendly_name": "IVR", "voice_url": "https://example.com/v"})
        assert emu.writes()[0].form == {"FriendlyName": "IVR", "VoiceUrl": "https://example.com/v"}


def test_twilio_writes_send_only_what_was_asked() -> None:
    with Emulator("twilio") as emu:
        account = emu.add_account()
        app = emu.seed(account, "Applications", friendly_name="IVR")
        number = emu.seed(account, "IncomingPhoneNumbers", phone_number="+15551230001")
        client = RestClient(emu.account_for(account))
        client.applications.update(app["sid"], {"voice_url": "https://example.com/v"})
        client.incoming_phone_numbers.update(number["sid"], {"voice_url": "https://example.com/v"})
        assert [r.form for r in emu.writes()] == [{"VoiceUrl": "https://example.com/v"}] * 2


def test_twilio_has_no_laml_bins_so_nothing_is_sent() -> None:
    with Emulator("twilio") as emu:
        client = RestClient(emu.account_for(emu.add_account()))
        with pytest.raises(ValueError, match="LamlBins does not exist on twilio's API"):
            list(client.laml_bins.list())
        assert emu.requests == []
