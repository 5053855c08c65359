"""Node.js recipe: every form of the issue, CommonJS, ESM and TypeScript, and the look-alikes left alone."""

from __future__ import annotations

import pytest
from ts_golden import SPACE, check

from codemods._treesitter import SyntaxErrors, migrate_source


def test_require_and_new_twilio_keep_the_local_name() -> None:
    check(
        "javascript",
        """\
        const twilio = require('twilio');
        const client = new twilio(accountSid, authToken);
        """,
        """\
        const twilio = require('@signalwire/compatibility-api').RestClient;
        const client = twilio(accountSid, authToken);
        """,
        [],
    )


def test_space_url_option_only_when_given() -> None:
    check(
        "javascript",
        """\
        const twilio = require("twilio");
        const a = twilio(sid, token);
        const b = twilio(sid, token, { lazyLoading: true });
        const c = require("twilio")(sid, token);
        """,
        f"""\
        const twilio = require("@signalwire/compatibility-api").RestClient;
        const a = twilio(sid, token, {{ signalwireSpaceUrl: "{SPACE}" }});
        const b = twilio(sid, token, {{ signalwireSpaceUrl: "{SPACE}", lazyLoading: true }});
        const c = require("@signalwire/compatibility-api").RestClient(sid, token, {{ signalwireSpaceUrl: "{SPACE}" }});
        """,
        [],
        space_url=SPACE,
    )


def test_require_call_twiml_members_and_destructuring() -> None:
    check(
        "javascript",
        """\
        const client = require('twilio')(process.env.SID, process.env.TOKEN);
        const VoiceResponse = require('twilio').twiml.VoiceResponse;
        const { MessagingResponse } = require('twilio').twiml;
        const { twiml } = require('twilio');
        const { twiml: builders } = require('twilio');
        """,
        """\
        const client = require('@signalwire/compatibility-api').RestClient(process.env.SID, process.env.TOKEN);
        const VoiceResponse = require('@signalwire/compatibility-api').RestClient.LaML.VoiceResponse;
        const { MessagingResponse } = require('@signalwire/compatibility-api').RestClient.LaML;
        const { LaML: twiml } = require('@signalwire/compatibility-api').RestClient;
        const { LaML: builders } = require('@signalwire/compatibility-api').RestClient;
        """,
        [],
    )


def test_twilio_class_from_require_becomes_rest_client() -> None:
    check(
        "javascript",
        """\
        const { Twilio } = require("twilio");
        const Client = require("twilio").Twilio;
        const client = new Twilio(process.env.SID, process.env.TOKEN);
        const other = new Client(sid, token);
        client.messages.create({ to, body });
        """,
        f"""\
        const {{ RestClient: Twilio }} = require("@signalwire/compatibility-api");
        const Client = require("@signalwire/compatibility-api").RestClient;
        const client = Twilio(process.env.SID, process.env.TOKEN, {{ signalwireSpaceUrl: "{SPACE}" }});
        const other = Client(sid, token, {{ signalwireSpaceUrl: "{SPACE}" }});
        client.messages.create({{ to, body }});
        """,
        [],
        space_url=SPACE,
    )


def test_twilio_class_destructured_with_other_names() -> None:
    check(
        "javascript",
        """\
        const { twiml, Twilio: TwilioClient, jwt } = require('twilio');
        const client = new TwilioClient(sid, token);
        client.verify.v2.services('VA1');
        const r = new twiml.VoiceResponse();
        """,
        """\
        // sw-migrate: SW102 Twilio access tokens (jwt): SignalWire uses its own token APIs
        const { RestClient: { LaML: twiml }, RestClient: TwilioClient, RestClient: { jwt } } = require('@signalwire/compatibility-api');
        const client = TwilioClient(sid, token);
        // sw-migrate: SW100 `verify` is Twilio Verify: the SignalWire Compatibility API has no equivalent
        client.verify.v2.services('VA1');
        const r = new twiml.VoiceResponse();
        """,
        ["SW102", "SW100"],
    )


def test_twilio_class_look_alikes_and_forms_left_reported() -> None:
    source = """\
    const { Twilio } = require('./twilio');
    const Video = require('twilio-video').Twilio;
    const { Twilio: Mine } = sdk;
    class Twilio2 { constructor(a, b) { this.a = a; } }
    const x = new Twilio2(a, b);
    const text = "const { Twilio } = require('twilio')";
    """
    check("javascript", source, source, [])
    check(
        "javascript",
        """\
        const { Twilio = Fallback } = require('twilio');
        const client = new Twilio(sid, token);
        """,
        """\
        // sw-migrate: SW105 `Twilio` is twilio-node's own client class, still pointed at api.twilio.com: construct with RestClient
        const { Twilio = Fallback } = require('@signalwire/compatibility-api').RestClient;
        const client = new Twilio(sid, token);
        """,
        ["SW105"],
    )


def test_twiml_through_the_module_binding() -> None:
    check(
        "javascript",
        """\
        const twilio = require('twilio');
        const response = new twilio.twiml.VoiceResponse();
        const reply = new twilio.twiml.MessagingResponse();
        """,
        """\
        const twilio = require('@signalwire/compatibility-api').RestClient;
        const response = new twilio.LaML.VoiceResponse();
        const reply = new twilio.LaML.MessagingResponse();
        """,
        [],
    )


def test_esm_default_and_namespace_imports() -> None:
    check(
        "javascript",
        """\
        import twilio from 'twilio';
        export const client = twilio(sid, token);
        const r = new twilio.twiml.VoiceResponse();
        """,
        """\
        import { RestClient as twilio } from '@signalwire/compatibility-api';
        export const client = twilio(sid, token);
        const r = new twilio.LaML.VoiceResponse();
        """,
        [],
    )
    check(
        "typescript",
        """\
        import * as Twilio from "twilio";
        const client = new Twilio.Twilio(sid, token);
        """,
        """\
        import { RestClient as Twilio } from "@signalwire/compatibility-api";
        const client = Twilio(sid, token);
        """,
        [],
    )


def test_typescript_named_twilio_class_and_its_type() -> None:
    check(
        "typescript",
        """\
        import { Twilio } from 'twilio';

        export class Sender {
          private client: Twilio;
          constructor(sid: string, token: string) {
            this.client = new Twilio(sid, token);
          }
        }
        """,
        """\
        import { RestClient as Twilio } from '@signalwire/compatibility-api';

        export class Sender {
          private client: ReturnType<typeof Twilio>;
          constructor(sid: string, token: string) {
            this.client = Twilio(sid, token);
          }
        }
        """,
        [],
    )


def test_tsx_file() -> None:
    check(
        "tsx",
        """\
        import twilio from 'twilio';
        export const View = () => <div>{String(twilio(a, b))}</div>;
        """,
        """\
        import { RestClient as twilio } from '@signalwire/compatibility-api';
        export const View = () => <div>{String(twilio(a, b))}</div>;
        """,
        [],
    )


def test_findings_validation_jwt_products_from_and_hosted_urls() -> None:
    codes = check(
        "javascript",
        """\
        const twilio = require('twilio');
        const AccessToken = require('twilio').jwt.AccessToken;
        const client = twilio(sid, token);

        app.post('/sms', twilio.webhook(), (req, res) => {
          const ok = twilio.validateRequest(token, sig, url, req.body);
          const service = req.body.MessagingServiceSid;
          client.verify.v2.services('VA123').verifications.create({ to, channel: 'sms' });
          client.messages.create({ from: '+15550100000', to, body: 'hi', url: 'https://demo.twil.io/x' });
        });
        """,
        """\
        const twilio = require('@signalwire/compatibility-api').RestClient;
        // sw-migrate: SW102 Twilio access tokens (jwt): SignalWire uses its own token APIs
        const AccessToken = require('@signalwire/compatibility-api').RestClient.jwt.AccessToken;
        const client = twilio(sid, token);

        // sw-migrate: SW120 `webhook`: SignalWire signs webhooks with the project's Signing Key, not the auth token: review
        app.post('/sms', twilio.webhook(), (req, res) => {
          // sw-migrate: SW120 `validateRequest`: SignalWire signs webhooks with the project's Signing Key, not the auth token: review
          const ok = twilio.validateRequest(token, sig, url, req.body);
          // sw-migrate: SW172 SignalWire webhooks carry no MessagingServiceSid: this reads nothing after the move
          const service = req.body.MessagingServiceSid;
          // sw-migrate: SW100 `verify` is Twilio Verify: the SignalWire Compatibility API has no equivalent
          client.verify.v2.services('VA123').verifications.create({ to, channel: 'sms' });
          // sw-migrate: SW110 Twilio-hosted URL 'https://demo.twil.io/x': it stops working after the move
          client.messages.create({ from: '+15550100000', to, body: 'hi', url: 'https://demo.twil.io/x' });
        });
        """,
    )
    assert sorted(codes) == ["SW100", "SW102", "SW110", "SW120", "SW120", "SW170", "SW172"]


def test_unlisted_resource_api_key_and_env_credentials() -> None:
    check(
        "javascript",
        """\
        const twilio = require('twilio');
        const client = twilio(apiKey, apiSecret, { accountSid });
        client.shortCodes.list();
        const fromEnv = twilio();
        """,
        """\
        const twilio = require('@signalwire/compatibility-api').RestClient;
        // sw-migrate: SW141 API-key credentials: SignalWire uses the project ID and token
        const client = twilio(apiKey, apiSecret, { accountSid });
        // sw-migrate: SW104 `shortCodes` (Short Codes) is not part of the Compatibility API spec: check SignalWire supports it
        client.shortCodes.list();
        // sw-migrate: SW105 RestClient needs the project ID and API token as arguments (it does not read TWILIO_ACCOUNT_SID)
        const fromEnv = twilio();
        """,
        ["SW141", "SW105", "SW104"],
    )


def test_esm_names_without_a_counterpart_are_reported_and_left() -> None:
    check(
        "typescript",
        """\
        import { jwt, twiml } from 'twilio';
        import type { Twilio } from 'twilio';
        import AccessToken from 'twilio/lib/jwt/AccessToken';
        """,
        """\
        // sw-migrate: SW105 @signalwire/compatibility-api's ESM build exports only RestClient: import it and use RestClient.jwt
        import { jwt, twiml } from 'twilio';
        // sw-migrate: SW105 type-only import from twilio: import types from RestClient
        import type { Twilio } from 'twilio';
        // sw-migrate: SW105 'twilio/lib/jwt/AccessToken': @signalwire/compatibility-api does not export twilio's internals
        import AccessToken from 'twilio/lib/jwt/AccessToken';
        """,
        ["SW105", "SW105", "SW105"],
    )


def test_look_alikes_stay_untouched() -> None:
    source = """\
    // const twilio = require('twilio'); twilio(sid, token)
    const twilio = require('./twilio');
    const other = require('twilio-video');
    class TwilioClient { constructor(sid, token) { this.sid = sid; } }
    const client = new TwilioClient(sid, token);
    const text = "require('twilio') and new twilio.twiml.VoiceResponse()";
    const mine = new twilio.twiml.VoiceResponse();
    """
    check("javascript", source, source, [])


def test_bytes_outside_the_edits_are_kept_crlf_and_bom() -> None:
    source = "\ufeffconst twilio = require('twilio');\r\n\r\n// caf\u00e9\r\nconst c = new twilio(a, b);\r\n"
    new, _ = migrate_source(source.encode(), "x.js", "javascript")
    expected = (
        "\ufeffconst twilio = require('@signalwire/compatibility-api').RestClient;\r\n\r\n"
        "// caf\u00e9\r\nconst c = twilio(a, b);\r\n"
    )
    assert new == expected.encode()


def test_marker_comment_uses_the_file_newline_and_indentation() -> None:
    source = "const twilio = require('twilio');\r\nif (x) {\r\n\tconst ok = twilio.validateRequest(a, b, c, d);\r\n}\r\n"
    new, findings = migrate_source(source.encode(), "x.js", "javascript")
    lines = new.decode().split("\r\n")
    assert lines[2].startswith("\t// sw-migrate: SW120 `validateRequest`")
    assert [finding.code for finding in findings] == ["SW120"]


def test_parse_errors_leave_the_file_alone() -> None:
    with pytest.raises(SyntaxErrors) as raised:
        migrate_source(b"const twilio = require('twilio');\nconst = ;\n", "x.js", "javascript")
    assert raised.value.line == 2
