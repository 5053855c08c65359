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
            from signalwire.rest import Client
            from signalwire.voice_response import VoiceResponse

            client = Client(sid, token, signalwire_space_url="example.signalwire.com")
            reply = VoiceResponse()
        """
        self.assertCodemod(before, after, space_url="example.signalwire.com")

    def test_findings_are_libcst_warnings(self) -> None:
        message = (
            "SW110 Twilio-hosted URL https://x.twil.io/a (a Twilio Function or Asset): "
            "host what it serves yourself"
        )
        before = """
            URL = "https://x.twil.io/a"
        """
        after = f"""
            # sw-migrate: {message}
            URL = "https://x.twil.io/a"
        """
        self.assertCodemod(before, after, expected_warnings=[f"<string>:1:7: {message}"])
