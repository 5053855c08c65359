"""What is reported, and what is not: the spec's own examples, hosted URLs from the shared table."""

from __future__ import annotations

import pytest
from codemod_helpers import codes, migrate

CLIENT = "from twilio.rest import Client\nclient = Client(sid, token)\n"


@pytest.mark.parametrize(
    "line",
    [
        'client.api.accounts("ACxxx").fetch()',
        "client.api.accounts.list()",
        "client.api.v2010.accounts.list()",
        "self.client.api.accounts(sid).update(friendly_name='x')",
    ],
)
def test_spec_documented_account_calls_are_not_flagged(line: str) -> None:
    _, findings = migrate(CLIENT + line + "\n")
    assert codes(findings) == []


def test_twilio_v1_accounts_on_the_client_is_still_flagged() -> None:
    _, findings = migrate(CLIENT + "client.accounts.v1.credentials.public_key.list()\n")
    assert codes(findings) == ["SW100"]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ('r.redirect("https://demo.twilio.com/welcome/voice/")', "Twilio's demo handler"),
        ('URL = "http://twimlets.com/forward?PhoneNumber=%2B15550100000"', "a Twilio twimlet"),
        ('dial.sip("sip:alice@example.sip.twilio.com")', "a Twilio SIP domain"),
        ('BIN = "https://handler.twilio.com/twiml/EH' + "0" * 32 + '"', "a Twilio TwiML Bin"),
        ('FN = "https://dancing-owl-1234.twil.io/sms"', "a Twilio Function or Asset"),
    ],
)
def test_hosted_urls_come_from_the_shared_table(text: str, what: str) -> None:
    result, findings = migrate(
        f"from twilio.twiml.voice_response import VoiceResponse\nr = VoiceResponse()\n{text}\n"
    )
    assert [(f.code, f.line) for f in findings] == [("SW110", 3)]
    assert f"({what})" in findings[0].message
    assert result.count("# sw-migrate: SW110") == 1


@pytest.mark.parametrize(
    "text",
    ['URL = "https://api.twilio.com/2010-04-01"', 'URL = "https://evil.example/?u=nottwil.io"'],
)
def test_urls_outside_the_table_are_not_flagged(text: str) -> None:
    _, findings = migrate(f"from twilio.rest import Client\n{text}\n")
    assert codes(findings) == []
