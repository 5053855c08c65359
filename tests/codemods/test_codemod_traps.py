"""Look-alikes the codemod must never touch, and findings it must report (with idempotent markers)."""

from __future__ import annotations

import textwrap

import pytest
from codemod_helpers import codes, migrate


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """\
            from django.test import Client

            class CallTests(TestCase):
                def test_call(self):
                    client = Client()
                    client.post("/voice")
            """,
            id="django-test-client",
        ),
        pytest.param(
            """\
            class TwilioClient:
                def __init__(self, sid, token):
                    self.sid = sid

            client = TwilioClient("ACxx", "token")  # twilio look-alike
            """,
            id="own-TwilioClient-class",
        ),
        pytest.param(
            """\
            from . import twilio
            from .twilio import Client
            from myapp.backends.twilio import TwilioBackend

            backend = TwilioBackend(Client())
            twilio.send("hi")
            """,
            id="local-twilio-module",
        ),
        pytest.param(
            """\
            # This module used to talk to Twilio; now it only logs.
            import logging

            log = logging.getLogger("twilio-free")
            """,
            id="twilio-only-in-comments",
        ),
    ],
)
def test_look_alikes_are_left_byte_identical(source: str) -> None:
    result, findings = migrate(source)
    assert result == textwrap.dedent(source)
    assert findings == []


def test_mock_patch_of_the_twilio_package_is_reported_not_rewritten() -> None:
    source = """\
    from unittest import mock

    @mock.patch("myapp.sms.twilio.Client")
    @mock.patch("twilio_app.notifications.Client")
    @mock.patch("twilio.rest.api.v2010.account.message.MessageList.create")
    def test_send(client, other, create):
        with mock.patch("twilio.rest.Client") as fake:
            pass
    """
    result, findings = migrate(source)
    assert '"myapp.sms.twilio.Client"' in result and '"twilio.rest.Client"' in result
    # The project's own modules keep their local names, and the migrated client still calls through
    # twilio's MessageList: only the moved twilio.rest.Client is stale.
    assert [(f.code, f.line) for f in findings] == [("SW130", 7)]
    assert result.count("# sw-migrate: SW130") == 1


def test_unsupported_products_hosted_urls_and_region_env() -> None:
    source = """\
    from twilio.rest import Client

    client = Client(sid, token)
    client.verify.v2.services(sid).verifications.create(to=to, channel="sms")
    self.twilio_client.conversations.v1.conversations.create()
    TWIML_URL = "https://handler.twilio.com/twiml/EH123"
    region = os.environ.get("TWILIO_REGION")
    messages = client.messages.list()
    """
    result, findings = migrate(source)
    assert codes(findings) == ["SW100", "SW100", "SW110", "SW140"]
    assert result.count("# sw-migrate:") == 4
    assert "messages = client.messages.list()\n" in result


def test_markers_are_comments_only_and_never_duplicated() -> None:
    source = """\
    from twilio.rest import Client
    def f():
        if client.video.rooms.list():
            return Client(sid, token, edge="sydney")
    """
    once, _ = migrate(source)  # migrate() itself asserts the second run is byte-identical
    compile(once, "app.py", "exec")
    added = [line for line in once.splitlines() if "sw-migrate" in line]
    assert all(line.lstrip().startswith("# sw-migrate:") for line in added)
    assert len(added) == 2


def test_nine_only_features_flagged_for_signalwire_target_only() -> None:
    source = """\
    from twilio.rest import Client
    from twilio.twiml.voice_response import VoiceResponse, Connect, ConversationRelay
    client = Client(sid, token, user_agent_extensions=["x"])
    connect = Connect()
    connect.conversation_relay(url="wss://example.com")
    relay = ConversationRelay(url="wss://example.com")
    msg = await client.messages.create_async(to=to, body="hi")
    """
    _, findings = migrate(source)
    assert codes(findings) == ["SW150", "SW150", "SW150", "SW150"]
    _, twilio_findings = migrate(source, target="twilio-sdk")
    assert "SW150" not in codes(twilio_findings)


def test_nine_only_twiml_noun_stays_on_twilio() -> None:
    result, _ = migrate(
        """\
        from twilio.twiml.voice_response import VoiceResponse, ConversationRelay
        """
    )
    assert "from twilio.twiml.voice_response import ConversationRelay" in result
    assert "from signalwire.voice_response import VoiceResponse" in result


def test_findings_carry_one_based_positions() -> None:
    _, findings = migrate('x = 1\nURL = "https://demo-1234.twil.io/a"\n')
    assert [(f.line, f.col, f.code) for f in findings] == [(2, 7, "SW110")]


def test_legacy_rest_resources_are_flagged() -> None:
    result, findings = migrate(
        """\
        from twilio.rest import TwilioRestClient
        client = TwilioRestClient(sid, token)
        client.sms.messages.create(to=to, from_=sender, body="hi")
        numbers = client.phone_numbers.search(area_code="415")
        """
    )
    assert codes(findings) == ["SW144", "SW144"]
    assert "# sw-migrate: SW144 .sms is the twilio 5.x API; use client.messages" in result
