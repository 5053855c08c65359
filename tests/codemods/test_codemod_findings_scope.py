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


@pytest.mark.parametrize(
    ("line", "resource"),
    [
        ("client.addresses.list()", "addresses"),
        ("client.api.account.usage.records.list()", "usage"),
        ("client.sip.domains.list()", "sip"),
        ("client.new_keys.create()", "new_keys"),
        ("client.new_signing_keys.create()", "new_signing_keys"),
        ("client.short_codes.list()", "short_codes"),
        ('client.api.accounts("ACx").notifications.list()', "notifications"),
        ("client.api.v2010.account.connect_apps.list()", "connect_apps"),
        ("client.authorized_connect_apps.list()", "authorized_connect_apps"),
        ("client.keys.list()", "keys"),
        ("client.signing_keys.list()", "signing_keys"),
        ("client.tokens.create()", "tokens"),
        ("client.balance.fetch()", "balance"),
        ("client.validation_requests.create(phone_number=n)", "validation_requests"),
        ("client.calls(sid).payments.create(idempotency_key=k, status_callback=u)", "payments"),
        ("client.calls(sid).siprec.create(connector_name=c)", "siprec"),
        ("self.client.calls(sid).streams.create(url=u)", "streams"),
    ],
)
def test_resources_the_spec_leaves_out_are_flagged(line: str, resource: str) -> None:
    result, findings = migrate(CLIENT + line + "\n")
    assert [(f.code, f.line) for f in findings] == [("SW103", 3)]
    assert findings[0].message.startswith(f".{resource}: ")
    assert result.count("# sw-migrate: SW103") == 1


@pytest.mark.parametrize(
    "line",
    [
        "client.messages.create(to=a, from_=b, body=c)",
        "client.calls(sid).recordings.list()",
        "client.outgoing_caller_ids.list()",  # listed with a URI in the spec's Account example
        "client.incoming_phone_numbers.list()",
        "order.usage.total",  # not a client
    ],
)
def test_resources_the_spec_documents_are_not_flagged(line: str) -> None:
    _, findings = migrate(CLIENT + line + "\n")
    assert codes(findings) == []


def test_null_subresources_come_from_the_contract() -> None:
    from codemods._spec_surface import missing_account_resources
    from migrate.contract import absent_account_subresources

    null = {name for name, why in missing_account_resources().items() if why.startswith("null")}
    assert null - {"new_keys", "new_signing_keys"} == set(absent_account_subresources())
