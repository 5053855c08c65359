"""The emulator's webhook signatures agree with twilio-python's RequestValidator (an independent oracle)."""

from __future__ import annotations

from twilio.request_validator import RequestValidator

from migrate.emulator import _signature


def test_get_signature_matches_twilio_python() -> None:
    url = "https://handler.twilio.com/twiml/EH" + "a" * 32 + "?x=1"
    signature = _signature.compute("secret-token", url)
    assert RequestValidator("secret-token").validate(url, {}, signature)
    assert _signature.valid("secret-token", url, signature)


def test_post_signature_matches_twilio_python_and_rejects_tampering() -> None:
    url = "http://127.0.0.1:9/voice"
    params = {"CallSid": "CA1", "From": "+15550100001", "AccountSid": "AC1", "CallStatus": "ringing"}
    signature = _signature.compute("tok", url, params.items())
    assert RequestValidator("tok").validate(url, params, signature)
    assert not _signature.valid("tok", url, signature, {**params, "CallStatus": "completed"}.items())
    assert not _signature.valid("other", url, signature, params.items())
