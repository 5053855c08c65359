"""Twilio-hosted URLs are recognised by host (parsed, never substring) and non-transferable fields flagged."""

from __future__ import annotations

import pytest

from migrate.hosted import classify_url, flags_for, twiml_bin_sid

BIN = "EH" + "0123456789abcdef" * 2
FLOW = "https://webhooks.twilio.com/v1/Accounts/AC" + "1" * 32 + "/Flows/FW" + "2" * 32


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        (f"https://handler.twilio.com/twiml/{BIN}", "twiml-bin"),
        (f"https://HANDLER.twilio.com/twiml/{BIN}?x=1", "twiml-bin"),
        ("https://handler.twilio.com/other", "twilio-hosted"),
        (FLOW, "studio"),
        ("https://webhooks.twilio.com/v1/Accounts/AC1/Other", "twilio-webhook"),
        ("https://my-service-1234.twil.io/voice", "functions"),
        ("https://twimlets.com/forward?PhoneNumber=1", "twimlets"),
        ("http://www.twimlets.com/holdmusic", "twimlets"),
        ("https://demo.twilio.com/welcome/voice/", "demo"),
        ("https://user@handler.twilio.com:443/twiml/" + BIN, "twiml-bin"),
        ("https://example.sip.twilio.com/x", "twilio-sip"),
        ("https://t.pstn.twilio.com", "twilio-pstn"),
    ],
)
def test_twilio_hosted(url: str, kind: str) -> None:
    found = classify_url(url)
    assert found is not None and found[0] == kind


@pytest.mark.parametrize(
    "url",
    [
        "https://handler.twilio.com.evil.example/twiml/" + BIN,
        "https://evil.example/?next=https://handler.twilio.com/twiml/" + BIN,
        "https://evil.example/handler.twilio.com",
        "https://nottwil.io/x",
        "https://twil.io.example.com/x",
        "https://example.com/twimlets.com",
        "https://example.signalwire.com/laml-bins/5184b831-184f-4209-872d-ccdccc80f2f1",
        "mailto:someone@handler.twilio.com",
        "",
        "http://[::1",
    ],
)
def test_not_twilio_hosted(url: str) -> None:
    assert classify_url(url) is None


def test_twiml_bin_sid() -> None:
    assert twiml_bin_sid(f"https://handler.twilio.com/twiml/{BIN}") == BIN
    assert twiml_bin_sid("https://handler.twilio.com.evil.example/twiml/" + BIN) is None


def test_flags_for_a_number() -> None:
    number = {
        "voice_url": FLOW,
        "sms_url": "https://example.com/sms",
        "status_callback": "",
        "trunk_sid": "TK" + "3" * 32,
        "address_sid": None,
        "emergency_status": "Active",
        "bundle_sid": "",
    }
    flags = {(f.field, f.kind) for f in flags_for(number)}
    assert flags == {
        ("voice_url", "studio"),
        ("trunk_sid", "non-transferable"),
        ("emergency_status", "non-transferable"),
    }
