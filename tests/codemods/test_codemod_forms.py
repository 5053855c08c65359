"""Golden before/after tests: every Twilio form real code uses, on both targets."""

from __future__ import annotations

import pytest
from codemod_helpers import codes, migrate

SW = 'signalwire_space_url="example.signalwire.com"'


def test_from_import_and_positional_call(golden) -> None:
    golden(
        """\
        from twilio.rest import Client  # REST client

        client = Client(ACCOUNT_SID, AUTH_TOKEN)  # keep me
        """,
        f"""\
        from signalwire.rest import Client as signalwire_client  # REST client

        client = signalwire_client(ACCOUNT_SID, AUTH_TOKEN, {SW})  # keep me
        """,
    )


def test_dotted_module_import(golden) -> None:
    golden(
        """\
        import twilio.rest

        client = twilio.rest.Client(sid, token)
        """,
        f"""\
        from signalwire.rest import Client as signalwire_client

        client = signalwire_client(sid, token, {SW})
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
        f"""\
        import twilio
        import twilio.rest
        from signalwire.rest import Client as signalwire_client

        print(twilio.__version__)
        client = signalwire_client(sid, token, {SW})
        """,
    )


def test_alias_twilio_client(golden) -> None:
    golden(
        """\
        from twilio.rest import Client as TwilioClient

        def make() -> TwilioClient:
            return TwilioClient(sid, token)
        """,
        f"""\
        from signalwire.rest import Client as signalwire_client

        def make() -> signalwire_client:
            return signalwire_client(sid, token, {SW})
        """,
    )


def test_alias_with_legacy_name_is_the_modern_class(golden) -> None:
    golden(
        """\
        from twilio.rest import Client as TwilioRestClient

        client = TwilioRestClient(account_sid, auth_token)
        """,
        f"""\
        from signalwire.rest import Client as signalwire_client

        client = signalwire_client(account_sid, auth_token, {SW})
        """,
    )


def test_keyword_arguments(golden) -> None:
    golden(
        """\
        from twilio.rest import Client

        client = Client(username=sid, password=token)
        """,
        f"""\
        from signalwire.rest import Client as signalwire_client

        client = signalwire_client(username=sid, password=token, {SW})
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
        from signalwire.rest import Client as signalwire_client

        client = signalwire_client(
            settings.TWILIO_ACCOUNT_SID,  # sid
            settings.TWILIO_AUTH_TOKEN,
            signalwire_space_url="example.signalwire.com",
        )
        """,
    )


def test_api_key_three_positional_form_is_flagged(golden) -> None:
    findings = golden(
        """\
        from twilio.rest import Client

        client = Client(api_key, api_secret, account_sid)
        """,
        f"""\
        from signalwire.rest import Client as signalwire_client

        # sw-migrate: SW141 API key + secret credentials: use the project ID and API token
        client = signalwire_client(api_key, api_secret, account_sid, {SW})
        """,
    )
    assert codes(findings) == ["SW141"]


def test_api_key_variable_names_are_flagged_in_two_argument_form() -> None:
    _, findings = migrate("from twilio.rest import Client\nclient = Client(api_key_sid, api_key_secret)\n")
    assert codes(findings) == ["SW141"]


def test_account_sid_keyword_is_flagged(golden) -> None:
    findings = golden(
        """\
        from twilio.rest import Client
        client = Client(username=key, password=secret, account_sid=sid)
        """,
        f"""\
        from signalwire.rest import Client as signalwire_client
        # sw-migrate: SW141 API key + secret credentials: use the project ID and API token
        client = signalwire_client(username=key, password=secret, account_sid=sid, {SW})
        """,
    )
    assert codes(findings) == ["SW141"]


def test_http_client_is_kept(golden) -> None:
    golden(
        """\
        from twilio.rest import Client
        client = Client(sid, token, http_client=ProxiedHttpClient())
        """,
        f"""\
        from signalwire.rest import Client as signalwire_client
        client = signalwire_client(sid, token, http_client=ProxiedHttpClient(), {SW})
        """,
    )


def test_region_and_edge_are_flagged_not_removed(golden) -> None:
    findings = golden(
        """\
        from twilio.rest import Client
        client = Client(sid, token, region="au1", edge="sydney")
        """,
        f"""\
        from signalwire.rest import Client as signalwire_client
        # sw-migrate: SW140 region= would point the client at a Twilio region, not the space
        # sw-migrate: SW140 edge= would point the client at a Twilio region, not the space
        client = signalwire_client(sid, token, region="au1", edge="sydney", {SW})
        """,
    )
    assert codes(findings) == ["SW140", "SW140"]


def test_env_only_client_reads_space_from_environment(golden) -> None:
    findings = golden(
        """\
        from twilio.rest import Client
        client = Client()
        """,
        """\
        import os

        from signalwire.rest import Client as signalwire_client
        client = signalwire_client(signalwire_space_url=os.environ["SIGNALWIRE_SPACE_URL"])
        """,
        space_url=None,
    )
    assert codes(findings) == ["SW142"]


def test_legacy_rest_client_keywords(golden) -> None:
    golden(
        """\
        from twilio.rest import TwilioRestClient

        client = TwilioRestClient(account=ACCOUNT_SID, token=AUTH_TOKEN)
        """,
        f"""\
        from signalwire.rest import Client as signalwire_client

        client = signalwire_client(username=ACCOUNT_SID, password=AUTH_TOKEN, {SW})
        """,
    )


def test_legacy_only_client_options_are_flagged(golden) -> None:
    findings = golden(
        """\
        from twilio.rest import TwilioRestClient
        client = TwilioRestClient(sid, token, timeout=5)
        """,
        f"""\
        from signalwire.rest import Client as signalwire_client
        # sw-migrate: SW143 timeout= is a twilio 5.x option; remove it or use http_client=
        client = signalwire_client(sid, token, timeout=5, {SW})
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
        f"""\
        import twilio

        if twilio.__version_info__[0] > 5:
            from signalwire.rest import Client as signalwire_client
        else:
            from signalwire.rest import Client as signalwire_client

        client = signalwire_client(sid, token, {SW})
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
        f"""\
        import os
        from signalwire.rest import Client as signalwire_client
        from twilio.rest import TwilioTaskRouterClient

        a = signalwire_client(sid, token, {SW})
        b = signalwire_client(sid, token, {SW})
        """,
    )


def test_twilio_sdk_target_keeps_twilio_and_points_client_at_space(golden) -> None:
    golden(
        """\
        \"\"\"Notifications.\"\"\"
        from twilio.rest import Client
        from twilio.twiml.voice_response import VoiceResponse

        client = Client(sid, token)
        """,
        f'''\
        """Notifications."""
        from twilio.twiml.voice_response import VoiceResponse


        def signalwire_client(*args, signalwire_space_url, **kwargs):
            """A twilio Client that calls the SignalWire space (added by sw-migrate)."""
            from twilio.rest import Client

            client = Client(*args, **kwargs)
            client.api.base_url = "https://" + signalwire_space_url.split("://")[-1].rstrip("/")
            return client


        client = signalwire_client(sid, token, {SW})
        ''',
        target="twilio-sdk",
    )


def test_twilio_sdk_target_legacy_forms(golden) -> None:
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
    assert f"c = signalwire_client(username=a, password=t, {SW})" in result
    assert "TwilioRestClient" not in result
    assert sorted(codes(findings)) == ["SW120", "SW160"]


def test_space_url_from_environment_adds_os_import_once(golden) -> None:
    golden(
        """\
        import os
        from twilio.rest import Client
        a = Client(x, y)
        b = Client(x, y)
        """,
        """\
        import os
        from signalwire.rest import Client as signalwire_client
        a = signalwire_client(x, y, signalwire_space_url=os.environ["SIGNALWIRE_SPACE_URL"])
        b = signalwire_client(x, y, signalwire_space_url=os.environ["SIGNALWIRE_SPACE_URL"])
        """,
        space_url=None,
    )


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
        f"""\
        \"\"\"Reminders.\"\"\"

        import logging

        # Twilio helpers
        from signalwire.rest import Client as signalwire_client
        from signalwire.voice_response import VoiceResponse

        log = logging.getLogger(__name__)
        client = signalwire_client(sid, token, {SW})
        reply = VoiceResponse()
        """,
    )


@pytest.mark.parametrize(
    ("imports", "expected"),
    [
        pytest.param(
            '"""Doc."""\nimport logging\n\nfrom twilio.rest import Client\n\nfrom app import config\n',
            '"""Doc."""\nimport logging\nimport os\n\n'
            "from signalwire.rest import Client as signalwire_client\n\nfrom app import config\n",
            id="after-the-last-stdlib-import",
        ),
        pytest.param(
            "from __future__ import annotations\n\n# standard library\nimport sys\n"
            "from twilio.rest import Client\n",
            "from __future__ import annotations\n\n# standard library\nimport os\nimport sys\n"
            "from signalwire.rest import Client as signalwire_client\n",
            id="sorted-before-a-later-one-taking-its-comment",
        ),
        pytest.param(
            "from pathlib import Path\nfrom twilio.rest import Client\n",
            "import os\nfrom pathlib import Path\nfrom signalwire.rest import Client as signalwire_client\n",
            id="straight-imports-before-from-imports",
        ),
    ],
)
def test_os_import_goes_where_isort_would_put_it(golden, imports: str, expected: str) -> None:
    call = "client = Client(sid, token)\n"
    new_call = (
        'client = signalwire_client(sid, token, signalwire_space_url=os.environ["SIGNALWIRE_SPACE_URL"])\n'
    )
    golden(imports + call, expected + new_call, space_url=None)
