"""C# recipe: the spec's TwilioClient.Init form, the using it needs, findings, look-alikes, and output that
reparses cleanly (C# cannot be compiled here: no .NET SDK)."""

from __future__ import annotations

from pathlib import Path

from ts_golden import SPACE, check
from ts_syntax import migrated_sample

from codemods._treesitter import migrate_source
from codemods._treesitter._engine import first_error
from codemods._treesitter._languages import parser

FROM_ENV = 'System.Environment.GetEnvironmentVariable("SIGNALWIRE_SPACE_URL")'


def test_init_gets_the_dictionary_and_the_missing_using() -> None:
    check(
        "csharp",
        """\
        using System;
        using Twilio;

        TwilioClient.Init(accountSid, authToken);
        """,
        f"""\
        using System;
        using System.Collections.Generic;
        using Twilio;

        TwilioClient.Init(accountSid, authToken, new Dictionary<string, object> {{ ["signalwireSpaceUrl"] = {FROM_ENV} }});
        """,
        [],
    )


def test_space_url_literal_and_existing_using_kept() -> None:
    check(
        "csharp",
        """\
        using System.Collections.Generic;
        using Twilio;

        class App { void Run() { Twilio.TwilioClient.Init(sid, token); } }
        """,
        f"""\
        using System.Collections.Generic;
        using Twilio;

        class App {{ void Run() {{ Twilio.TwilioClient.Init(sid, token, new Dictionary<string, object> {{ ["signalwireSpaceUrl"] = "{SPACE}" }}); }} }}
        """,
        [],
        space_url=SPACE,
    )


def test_using_goes_after_the_system_namespaces_it_follows() -> None:
    check(
        "csharp",
        """\
        using Twilio;
        using Twilio.Rest.Api.V2010.Account;

        TwilioClient.Init(sid, token);
        """,
        f"""\
        using System.Collections.Generic;
        using Twilio;
        using Twilio.Rest.Api.V2010.Account;

        TwilioClient.Init(sid, token, new Dictionary<string, object> {{ ["signalwireSpaceUrl"] = {FROM_ENV} }});
        """,
        [],
    )


def test_findings() -> None:
    check(
        "csharp",
        """\
        using System.Collections.Generic;
        using Twilio;
        using Twilio.Jwt.AccessToken;
        using Twilio.Security;
        using Twilio.AspNet.Core;
        using Twilio.Rest.Verify.V2.Service;
        using Twilio.Rest.Api.V2010.Account;

        class App
        {
            void Run()
            {
                TwilioClient.Init(apiKey, apiSecret, accountSid);
                var client = new TwilioRestClient(sid, token);
                var message = MessageResource.Create(body: "hi", from: new Twilio.Types.PhoneNumber("+15550100000"), to: to);
                var codes = ShortCodeResource.Read();
                var validator = new RequestValidator(token);
                var sid = Request.Form["MessagingServiceSid"];
            }
        }
        """,
        """\
        using System.Collections.Generic;
        using Twilio;
        // sw-migrate: SW102 Twilio access tokens (Twilio.Jwt): SignalWire uses its own token APIs
        using Twilio.Jwt.AccessToken;
        // sw-migrate: SW120 `Twilio.Security`: SignalWire signs webhooks with the project's Signing Key, not the auth token: review
        using Twilio.Security;
        // sw-migrate: SW105 `Twilio.AspNet.Core` comes from the Twilio.AspNet package, which depends on the Twilio package
        using Twilio.AspNet.Core;
        // sw-migrate: SW100 `Verify` is Twilio Verify: the SignalWire Compatibility API has no equivalent
        using Twilio.Rest.Verify.V2.Service;
        using Twilio.Rest.Api.V2010.Account;

        class App
        {
            void Run()
            {
                // sw-migrate: SW141 API-key credentials: SignalWire uses the project ID and token
                TwilioClient.Init(apiKey, apiSecret, accountSid);
                TwilioClient.Init(sid, token, new Dictionary<string, object> { ["signalwireSpaceUrl"] = System.Environment.GetEnvironmentVariable("SIGNALWIRE_SPACE_URL") });
                var client = TwilioClient.GetRestClient();
                var message = MessageResource.Create(body: "hi", from: new Twilio.Types.PhoneNumber("+15550100000"), to: to);
                // sw-migrate: SW104 `ShortCodeResource` (Short Codes) is not part of the Compatibility API spec: check SignalWire supports it
                var codes = ShortCodeResource.Read();
                // sw-migrate: SW120 `RequestValidator`: SignalWire signs webhooks with the project's Signing Key, not the auth token: review
                var validator = new RequestValidator(token);
                // sw-migrate: SW172 SignalWire webhooks carry no MessagingServiceSid: this reads nothing after the move
                var sid = Request.Form["MessagingServiceSid"];
            }
        }
        """,
        ["SW102", "SW120", "SW105", "SW100", "SW141", "SW170", "SW104", "SW120", "SW172"],
    )


def test_look_alikes_stay_untouched() -> None:
    source = """\
    using MyApp.Twilio;

    // TwilioClient.Init(sid, token);
    class TwilioClient { public static void Init(string a, string b) {} }
    class App { void Run() { TwilioClient.Init(sid, token); var s = "TwilioClient.Init(a, b)"; } }
    """
    check("csharp", source, source, [])


def test_csharp_sample_output_reparses_cleanly(tmp_path: Path) -> None:
    app = migrated_sample(tmp_path, "twilio_csharp", "--space-url", SPACE)
    migrated = sorted(app.rglob("*.cs"))
    assert migrated and any(b'["signalwireSpaceUrl"]' in path.read_bytes() for path in migrated)
    assert b"var client = global::Twilio.TwilioClient.GetRestClient();" in (app / "Followup.cs").read_bytes()
    for path in migrated:
        assert first_error(parser("csharp").parse(path.read_bytes()).root_node) is None, path
    project = (app / "Reminders.csproj").read_text()
    assert '<PackageReference Include="SignalWire-DotNet" Version="2.4.6" />' in project
    assert '<PackageReference Include="Newtonsoft.Json" Version="13.0.3" />' in project


def test_rest_client_reported_with_any_twilio_using() -> None:
    check(
        "csharp",
        """\
        using Twilio.Clients;

        class RestClient
        {
            RestClient() => _client = new TwilioRestClient(sid, token);
        }
        """,
        """\
        using Twilio.Clients;

        class RestClient
        {
            // sw-migrate: SW105 SignalWire-DotNet takes the space URL through TwilioClient.Init(project, token, new Dictionary<string, object> { ["signalwireSpaceUrl"] = … }); use that and TwilioClient.GetRestClient()
            RestClient() => _client = new TwilioRestClient(sid, token);
        }
        """,
        ["SW105"],
    )


INIT = f'TwilioClient.Init(sid, token, new Dictionary<string, object> {{ ["signalwireSpaceUrl"] = {FROM_ENV} }});'


def test_rest_client_becomes_init_then_get_rest_client() -> None:
    check(
        "csharp",
        """\
        using Twilio;
        using Twilio.Clients;

        class Sender
        {
            private ITwilioRestClient _client;
            Sender()
            {
                _client = new TwilioRestClient(sid, token);
            }
            void Send()
            {
                var client = new TwilioRestClient(username: sid, password: token, region: "ie1", edge: "dublin");
                TwilioRestClient typed = new Twilio.Clients.TwilioRestClient(sid, token);
            }
            ITwilioRestClient Make() { return new global::Twilio.Clients.TwilioRestClient(sid, token); }
        }
        """,
        f"""\
        using System.Collections.Generic;
        using Twilio;
        using Twilio.Clients;

        class Sender
        {{
            private ITwilioRestClient _client;
            Sender()
            {{
                {INIT}
                _client = TwilioClient.GetRestClient();
            }}
            void Send()
            {{
                {INIT}
                var client = TwilioClient.GetRestClient();
                {INIT}
                ITwilioRestClient typed = TwilioClient.GetRestClient();
            }}
            ITwilioRestClient Make() {{ {INIT} return TwilioClient.GetRestClient(); }}
        }}
        """,
        [],
    )


def test_rest_client_without_using_twilio_is_globally_qualified_and_keeps_crlf() -> None:
    source = "using Twilio.Clients;\r\n\r\nvar client = new TwilioRestClient(sid, token);\r\n"
    check(
        "csharp",
        source,
        "using System.Collections.Generic;\r\nusing Twilio.Clients;\r\n\r\n"
        f'global::Twilio.TwilioClient.Init(sid, token, new Dictionary<string, object> {{ ["signalwireSpaceUrl"] = "{SPACE}" }});\r\n'
        "var client = global::Twilio.TwilioClient.GetRestClient();\r\n",
        [],
        space_url=SPACE,
    )


def test_rest_client_forms_without_a_faithful_rewrite_are_reported() -> None:
    check(
        "csharp",
        """\
        using Twilio.Clients;

        class Sender
        {
            private TwilioRestClient _client;
            private readonly ITwilioRestClient _field = new TwilioRestClient(sid, token);
            void Send()
            {
                _client = new TwilioRestClient(sid, token);
                unknown = new TwilioRestClient(sid, token);
                var proxied = new TwilioRestClient(sid, token, httpClient: http);
                var keyed = new TwilioRestClient(apiKey, apiSecret, accountSid);
                if (retry) return new TwilioRestClient(sid, token);
                Func<ITwilioRestClient> make = () => new TwilioRestClient(sid, token);
            }
        }
        """,
        """\
        using Twilio.Clients;

        class Sender
        {
            private TwilioRestClient _client;
            // sw-migrate: SW105 SignalWire-DotNet takes the space URL through TwilioClient.Init(project, token, new Dictionary<string, object> { ["signalwireSpaceUrl"] = … }); use that and TwilioClient.GetRestClient()
            private readonly ITwilioRestClient _field = new TwilioRestClient(sid, token);
            void Send()
            {
                // sw-migrate: SW105 `_client` is typed `TwilioRestClient`, but TwilioClient.GetRestClient() returns ITwilioRestClient: type it ITwilioRestClient, then run again
                _client = new TwilioRestClient(sid, token);
                // sw-migrate: SW105 `unknown` is an unknown type, but TwilioClient.GetRestClient() returns ITwilioRestClient: type it ITwilioRestClient, then run again
                unknown = new TwilioRestClient(sid, token);
                // sw-migrate: SW105 `httpClient:` has no counterpart in TwilioClient.Init(project, token, options), the only client set-up SignalWire-DotNet documents: keep your HttpClient by hand
                var proxied = new TwilioRestClient(sid, token, httpClient: http);
                // sw-migrate: SW141 API-key credentials: SignalWire uses the project ID and token
                var keyed = new TwilioRestClient(apiKey, apiSecret, accountSid);
                // sw-migrate: SW105 SignalWire-DotNet takes the space URL through TwilioClient.Init(project, token, new Dictionary<string, object> { ["signalwireSpaceUrl"] = … }); use that and TwilioClient.GetRestClient()
                if (retry) return new TwilioRestClient(sid, token);
                // sw-migrate: SW105 SignalWire-DotNet takes the space URL through TwilioClient.Init(project, token, new Dictionary<string, object> { ["signalwireSpaceUrl"] = … }); use that and TwilioClient.GetRestClient()
                Func<ITwilioRestClient> make = () => new TwilioRestClient(sid, token);
            }
        }
        """,
        ["SW105", "SW105", "SW105", "SW105", "SW141", "SW105", "SW105"],
    )


def test_rest_client_look_alike_without_twilio_namespace() -> None:
    source = """\
    using MyApp.Clients;

    class App { void Run() { var client = new TwilioRestClient(sid, token); } }
    """
    check("csharp", source, source, [])


def test_rewritten_rest_client_output_reparses() -> None:
    source = b"using Twilio;\nclass A { void M() { if (x) { var c = new TwilioRestClient(a, b); } } }\n"
    new, _ = migrate_source(source, "x.cs", "csharp")
    assert b"GetRestClient()" in new
    assert first_error(parser("csharp").parse(new).root_node) is None
