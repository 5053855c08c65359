"""Twilio TwiML Bins have no API: their contents come from a signed GET of the handler URL."""

from __future__ import annotations

import pytest
from twilio.request_validator import RequestValidator

from migrate.emulator import Emulator
from migrate.rest import ApiError, RestClient, RetryPolicy, twilio_signature

XML = "<Response><Say>{{Greeting}}</Say></Response>"


def test_signature_matches_twilio_pythons_validator() -> None:
    url = "https://handler.twilio.com/twiml/EH" + "a" * 32 + "?x=1"
    assert RequestValidator("secret-token").validate(url, {}, twilio_signature("secret-token", url))


def test_fetch_twiml_bin_by_signed_get() -> None:
    with Emulator("twilio") as emu:
        owner, stranger = emu.add_account("Owner"), emu.add_account("Stranger")
        url = emu.add_twiml_bin(owner, XML)
        assert url.startswith("https://handler.twilio.com/twiml/EH")
        assert RestClient(emu.account_for(owner)).fetch_twiml_bin(url, handler_origin=emu.url) == XML
        entry = emu.requests[-1]
        assert "Authorization" not in entry.headers  # Basic credentials are not sent to the bin host
        with pytest.raises(ApiError) as caught:  # signed with the wrong account's token
            RestClient(emu.account_for(stranger)).fetch_twiml_bin(url, handler_origin=emu.url)
        assert caught.value.status == 403


def test_fetch_twiml_bin_retries_and_refuses_non_bins_and_plain_http() -> None:
    with Emulator("twilio") as emu:
        owner = emu.add_account()
        url = emu.add_twiml_bin(owner, XML)
        client = RestClient(emu.account_for(owner), retry=RetryPolicy(sleep=lambda _s: None))
        emu.fail(503, path="/twiml/")
        assert client.fetch_twiml_bin(url, handler_origin=emu.url) == XML
        with pytest.raises(ValueError, match="not a TwiML Bin URL"):
            client.fetch_twiml_bin("https://example.com/twiml/EH" + "0" * 32, handler_origin=emu.url)
        with pytest.raises(ValueError, match="only allowed for loopback"):
            client.fetch_twiml_bin(url, handler_origin="http://handler.twilio.com")
