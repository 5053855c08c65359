"""Golden before/after tests: every Twilio form real code uses, on both targets.

The principle they pin down: the smallest correct diff. Imports are repointed and keep the names the file
bound; ``Client(sid, token)`` stays byte-identical (signalwire's ``Client`` reads ``SIGNALWIRE_SPACE_URL``
itself), and the ``signalwire_space_url=`` keyword appears only when the user passes ``--space-url``.
"""

from __future__ import annotations

import pytest
from codemod_helpers import SPACE, codes, migrate

SW = 'signalwire_space_url="example.signalwire.com"'


def test_from_import_keeps_the_local_name_and_the_call_byte_identical(golden) -> None:
    golden(
        """\
        from twilio.rest import Client  # REST client

        client = Client(ACCOUNT_SID, AUTH_TOKEN)  # keep me
        """,
        """\
        from signalwire.rest import Client  # REST client

        client = Client(ACCOUNT_SID, AUTH_TOKEN)  # keep me
        """,
    )


def test_space_url_keyword_only_when_given(golden) -> None:
    golden(
        """\
        from twilio.rest import Client

        client = Client(ACCOUNT_SID, AUTH_TOKEN)
        """,
        f"""\
        from signalwire.rest import Client

        client = Client(ACCOUNT_SID, AUTH_TOKEN, {SW})
        """,
        space_url=SPACE,
    )


def test_empty_space_url_is_refused() -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        migrate("from twilio.rest import Client\n", space_url="")


def test_dotted_module_import(golden) -> None:
    golden(
        """\
        import twilio.rest

        client = twilio.rest.Client(sid, token)
        """,
        """\
        from signalwire.rest import Client

        client = Client(sid, token)
        """,
    )


def test_dotted_call_gets_an_alias_when_client_is_taken(golden) -> None:
    golden(
        """\
        import twilio.rest
        from django.test import Client

        browser = Client()
        client = twilio.rest.Client(sid, token)
        """,
        """\
        from django.test import Client
        from signalwire.rest import Client as SignalWireClient

        browser = Client()
        client = SignalWireClient(sid, token)
        """,
    )


def test_import_twilio_kept_when_still_used(golden) -> None:
    golden(
        """\
        import twilio
        import twilio.rest

        print(twilio.__version__)
        client = twilio.rest.Client(sid, token)
        """,
        """\
        import twilio
        import twilio.rest
        from signalwire.rest import Client

        print(twilio.__version__)
        client = Client(sid, token)
        """,
    )


def test_alias_is_kept_so_annotations_are_untouched(golden) -> None:
    golden(
        """\
        from twilio.rest import Client as TwilioClient


        def make() -> TwilioClient:
            return TwilioClient(sid, token)
        """,
        """\
        from signalwire.rest import Client as TwilioClient


        def make() -> TwilioClient:
            return TwilioClient(sid, token)
        """,
    )


def test_continuation_lines_stay_aligned(golden) -> None:
    golden(
        """\
        from twilio.rest import Client


        class Gateway:
            def __init__(self):
                self.client = Client(getattr(settings, "SID"),
                                     getattr(settings, "TOKEN"))
        """,
        """\
        from signalwire.rest import Client


        class Gateway:
            def __init__(self):
                self.client = Client(getattr(settings, "SID"),
                                     getattr(settings, "TOKEN"))
        """,
    )


def test_legacy_class_name_is_kept_as_the_alias(golden) -> None:
    golden(
        """\
        from twilio.rest import Client as TwilioRestClient

        client = TwilioRestClient(account_sid, auth_token)
        """,
        """\
        from signalwire.rest import Client as TwilioRestClient

        client = TwilioRestClient(account_sid, auth_token)
        """,
    )


def test_keyword_arguments(golden) -> None:
    golden(
        """\
        from twilio.rest import Client

        client = Client(username=sid, password=token)
        """,
        """\
        from signalwire.rest import Client

        client = Client(username=sid, password=token)
        """,
    )


def test_exploded_call_keeps_one_argument_per_line(golden) -> None:
    golden(
        """\
        from twilio.rest import Client

        client = Client(
            settings.TWILIO_ACCOUNT_SID,  # sid
            settings.TWILIO_AUTH_TOKEN,
        )
        """,
        """\
        from signalwire.rest import Client

        client = Client(
            settings.TWILIO_ACCOUNT_SID,  # sid
            settings.TWILIO_AUTH_TOKEN,
            signalwire_space_url="example.signalwire.com",
        )
        """,
        space_url=SPACE,
    )


def test_api_key_three_positional_form_is_flagged(golden) -> None:
    findings = golden(
        """\
        from twilio.rest import Client

        client = Client(key, secret, sid)
        """,
        """\
        from signalwire.rest import Client

        # sw-migrate: SW141 API key + secret credentials: use the project ID and API token
        client = Client(key, secret, sid)
        """,
    )
    assert codes(findings) == ["SW141"]


def test_account_sid_keyword_is_flagged(golden) -> None:
    findings = golden(
        """\
        from twilio.rest import Client
        client = Client(username=key, password=secret, account_sid=sid)
        """,
        """\
        from signalwire.rest import Client
        # sw-migrate: SW141 API key + secret credentials: use the project ID and API token
        client = Client(username=key, password=secret, account_sid=sid)
        """,
    )
    assert codes(findings) == ["SW141"]


def test_api_key_sid_literal_is_flagged() -> None:
    _, findings = migrate(f"from twilio.rest import Client\nc = Client('SK{'0' * 32}', secret)\n")
    assert codes(findings) == ["SW141"]


@pytest.mark.parametrize(
    "call",
    [
        "TwilioRestClient(self._sid, self._secret)",  # _secret holds the auth token: the class says so
        "TwilioRestClient(account_sid, secret_token)",
        "TwilioRestClient(account=sid, token=auth_secret)",
    ],
)
def test_secret_in_a_two_argument_call_is_no_api_key(call: str) -> None:
    _, findings = migrate(f"from twilio.rest import TwilioRestClient\nc = {call}\n")
    assert codes(findings) == []


def test_names_alone_only_ask_for_a_check() -> None:
    _, findings = migrate("from twilio.rest import Client\nclient = Client(api_key_sid, api_key_secret)\n")
    assert [(f.code, f.severity, f.message.split(":")[0]) for f in findings] == [
        ("SW145", "info", "check the credentials")
    ]


def test_http_client_is_kept(golden) -> None:
    golden(
        """\
        from twilio.rest import Client
        client = Client(sid, token, http_client=ProxiedHttpClient())
        """,
        """\
        from signalwire.rest import Client
        client = Client(sid, token, http_client=ProxiedHttpClient())
        """,
    )


def test_region_and_edge_are_flagged_not_removed(golden) -> None:
    findings = golden(
        """\
        from twilio.rest import Client
        client = Client(sid, token, region="au1", edge="sydney")
        """,
        """\
        from signalwire.rest import Client
        # sw-migrate: SW140 region= would point the client at a Twilio region, not the space
        # sw-migrate: SW140 edge= would point the client at a Twilio region, not the space
        client = Client(sid, token, region="au1", edge="sydney")
        """,
    )
    assert codes(findings) == ["SW140", "SW140"]


def test_env_only_client_stays_as_it_is(golden) -> None:
    findings = golden(
        """\
        from twilio.rest import Client
        client = Client()
        """,
        """\
        from signalwire.rest import Client
        client = Client()
        """,
    )
    assert codes(findings) == ["SW142"]


def test_legacy_rest_client_keywords(golden) -> None:
    golden(
        """\
        from twilio.rest import TwilioRestClient

        client = TwilioRestClient(account=ACCOUNT_SID, token=AUTH_TOKEN)
        """,
        """\
        from signalwire.rest import Client as TwilioRestClient

        client = TwilioRestClient(username=ACCOUNT_SID, password=AUTH_TOKEN)
        """,
    )


def test_legacy_only_client_options_are_flagged(golden) -> None:
    findings = golden(
        """\
        from twilio.rest import TwilioRestClient
        client = TwilioRestClient(sid, token, timeout=5)
        """,
        """\
        from signalwire.rest import Client as TwilioRestClient
        # sw-migrate: SW143 timeout= is a twilio 5.x option; remove it or use http_client=
        client = TwilioRestClient(sid, token, timeout=5)
        """,
    )
    assert codes(findings) == ["SW143"]


def test_legacy_product_clients_are_flagged(golden) -> None:
    findings = golden(
        """\
        from twilio.rest import TwilioTaskRouterClient, TwilioLookupsClient
        router = TwilioTaskRouterClient(sid, token)
        lookups = TwilioLookupsClient()
        """,
        """\
        from twilio.rest import TwilioTaskRouterClient, TwilioLookupsClient
        # sw-migrate: SW101 TwilioTaskRouterClient: Twilio TaskRouter has no SignalWire API
        router = TwilioTaskRouterClient(sid, token)
        # sw-migrate: SW101 TwilioLookupsClient: Twilio Lookups has no SignalWire API
        lookups = TwilioLookupsClient()
        """,
    )
    assert codes(findings) == ["SW101", "SW101"]


def test_legacy_twiml_response_voice_and_messaging(golden) -> None:
    findings = golden(
        """\
        from twilio import twiml

        def voice():
            r = twiml.Response()
            r.say("Hello")
            return str(r)

        def sms():
            r = twiml.Response()
            r.message("Hi")
            return str(r)
        """,
        """\
        from signalwire.messaging_response import MessagingResponse
        from signalwire.voice_response import VoiceResponse

        def voice():
            r = VoiceResponse()
            r.say("Hello")
            return str(r)

        def sms():
            r = MessagingResponse()
            r.message("Hi")
            return str(r)
        """,
    )
    assert codes(findings) == ["SW160", "SW160"]


def test_import_twilio_twiml_module(golden) -> None:
    golden(
        """\
        import twilio.twiml

        resp = twilio.twiml.Response()
        """,
        """\
        from signalwire.voice_response import VoiceResponse

        resp = VoiceResponse()
        """,
    )


def test_modern_twiml_builders(golden) -> None:
    golden(
        """\
        from twilio.twiml.voice_response import VoiceResponse, Gather  # builders
        from twilio.twiml.fax_response import FaxResponse
        import twilio.twiml.voice_response as vr

        r = VoiceResponse()
        d = vr.Dial()
        """,
        """\
        from signalwire.fax_response import FaxResponse
        from signalwire.voice_response import VoiceResponse, Gather  # builders
        from signalwire.voice_response import Dial

        r = VoiceResponse()
        d = Dial()
        """,
    )


def test_messaging_names_signalwire_lacks_stay_on_twilio(golden) -> None:
    golden(
        """\
        from twilio.twiml.messaging_response import MessagingResponse, Message, Body

        r = MessagingResponse()
        r.append(Message(Body("hi")))
        """,
        """\
        from signalwire.messaging_response import MessagingResponse
        from twilio.twiml.messaging_response import Message, Body

        r = MessagingResponse()
        r.append(Message(Body("hi")))
        """,
    )


def test_request_validators_new_and_legacy(golden) -> None:
    findings = golden(
        """\
        from twilio.request_validator import RequestValidator
        from twilio.util import RequestValidator as LegacyValidator
        v = RequestValidator(token)
        w = LegacyValidator(token)
        """,
        """\
        from signalwire.request_validator import RequestValidator
        from signalwire.request_validator import RequestValidator as LegacyValidator
        # sw-migrate: SW120 RequestValidator: pass the SignalWire Signing Key and check X-SignalWire-Signature
        v = RequestValidator(token)
        # sw-migrate: SW120 RequestValidator: pass the SignalWire Signing Key and check X-SignalWire-Signature
        w = LegacyValidator(token)
        """,
    )
    assert codes(findings) == ["SW120", "SW120"]


def test_capability_token_is_flagged(golden) -> None:
    findings = golden(
        """\
        from twilio.util import TwilioCapability
        cap = TwilioCapability(sid, token)
        """,
        """\
        from twilio.util import TwilioCapability
        # sw-migrate: SW102 twilio.util.TwilioCapability: Twilio client-SDK tokens do not work with SignalWire
        cap = TwilioCapability(sid, token)
        """,
    )
    assert codes(findings) == ["SW102"]


def test_exceptions_kept_or_moved_to_their_modern_home(golden) -> None:
    golden(
        """\
        from twilio.base.exceptions import TwilioRestException
        from twilio import TwilioRestException as OldError
        """,
        """\
        from twilio.base.exceptions import TwilioRestException
        from twilio.base.exceptions import TwilioRestException as OldError
        """,
    )


def test_version_conditional_imports(golden) -> None:
    golden(
        """\
        import twilio

        if twilio.__version_info__[0] > 5:
            from twilio.rest import Client
        else:
            from twilio.rest import TwilioRestClient as Client

        client = Client(sid, token)
        """,
        """\
        import twilio

        if twilio.__version_info__[0] > 5:
            from signalwire.rest import Client
        else:
            from signalwire.rest import Client

        client = Client(sid, token)
        """,
    )


def test_multiple_imports_in_one_statement(golden) -> None:
    golden(
        """\
        import os, twilio.rest
        from twilio.rest import Client, TwilioTaskRouterClient

        a = Client(sid, token)
        b = twilio.rest.Client(sid, token)
        """,
        """\
        import os
        from signalwire.rest import Client
        from twilio.rest import TwilioTaskRouterClient

        a = Client(sid, token)
        b = Client(sid, token)
        """,
    )


def test_twilio_sdk_target_changes_only_the_import_line(golden) -> None:
    golden(
        """\
        \"\"\"Notifications.\"\"\"
        from twilio.rest import Client
        from twilio.twiml.voice_response import VoiceResponse

        client = Client(sid, token)
        """,
        """\
        \"\"\"Notifications.\"\"\"
        from signalwire_space import Client
        from twilio.twiml.voice_response import VoiceResponse

        client = Client(sid, token)
        """,
        target="twilio-sdk",
    )


def test_twilio_sdk_target_legacy_forms() -> None:
    result, findings = migrate(
        """\
        from twilio import twiml
        from twilio.rest import TwilioRestClient
        from twilio.util import RequestValidator

        c = TwilioRestClient(account=a, token=t)
        r = twiml.Response()
        v = RequestValidator(t)
        """,
        target="twilio-sdk",
    )
    assert "from twilio.twiml.voice_response import VoiceResponse" in result
    assert "from twilio.request_validator import RequestValidator" in result
    assert "from signalwire_space import Client as TwilioRestClient" in result
    assert "c = TwilioRestClient(username=a, password=t)\n" in result
    assert sorted(codes(findings)) == ["SW120", "SW160"]


def test_twilio_sdk_target_imports_the_helper_from_the_top_level_package(tmp_path) -> None:
    package = tmp_path / "app" / "gateways"
    package.mkdir(parents=True)
    for folder in (package, package.parent):
        (folder / "__init__.py").write_text("")
    source = "from twilio.rest import Client\n\nclient = Client(sid, token)\n"
    result, _ = migrate(source, target="twilio-sdk", path=str(package / "sms.py"))
    assert result == "from app.signalwire_space import Client\n\nclient = Client(sid, token)\n"


def test_replaced_import_keeps_its_place_comments_and_blank_lines(golden) -> None:
    golden(
        """\
        \"\"\"Reminders.\"\"\"

        import logging

        # Twilio helpers
        import twilio.rest
        from twilio import twiml

        log = logging.getLogger(__name__)
        client = twilio.rest.Client(sid, token)
        reply = twiml.Response()
        """,
        """\
        \"\"\"Reminders.\"\"\"

        import logging

        # Twilio helpers
        from signalwire.rest import Client
        from signalwire.voice_response import VoiceResponse

        log = logging.getLogger(__name__)
        client = Client(sid, token)
        reply = VoiceResponse()
        """,
    )
