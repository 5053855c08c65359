"""The command under LibCST's own golden-test harness, as a LibCST user would test it in their tooling."""

from __future__ import annotations

from libcst.codemod import CodemodTest

from codemods import MigrateToSignalWireCommand


class TestUnderCodemodTest(CodemodTest):
    TRANSFORM = MigrateToSignalWireCommand

    def test_client_and_builder(self) -> None:
        before = """
            from twilio.rest import Client
            from twilio.twiml.voice_response import VoiceResponse

            client = Client(sid, token)
            reply = VoiceResponse()
        """
        after = """
            from signalwire.rest import Client as signalwire_client
            from signalwire.voice_response import VoiceResponse

            client = signalwire_client(sid, token, signalwire_space_url="example.signalwire.com")
            reply = VoiceResponse()
        """
        self.assertCodemod(before, after, space_url="example.signalwire.com")

    def test_findings_are_libcst_warnings(self) -> None:
        before = """
            URL = "https://handler.twilio.com/twiml/EH1"
        """
        after = """
            # sw-migrate: SW110 Twilio-hosted URL handler.twilio.com: host this content yourself
            URL = "https://handler.twilio.com/twiml/EH1"
        """
        self.assertCodemod(
            before,
            after,
            expected_warnings=[
                "<string>:1:7: SW110 Twilio-hosted URL handler.twilio.com: host this content yourself"
            ],
        )
