"""PHP recipe: every form of the issue, the look-alikes left alone, and output that ``php -l`` accepts."""

from __future__ import annotations

from pathlib import Path

from ts_golden import SPACE, check
from ts_syntax import assert_valid, migrated_sample


def test_rest_client_use_is_renamed_and_calls_stay() -> None:
    check(
        "php",
        """\
        <?php
        use Twilio\\Rest\\Client;

        $client = new Client($sid, $token);
        """,
        """\
        <?php
        use SignalWire\\Rest\\Client;

        $client = new Client($sid, $token);
        """,
        [],
    )


def test_space_url_array_only_when_given_and_aliases_kept() -> None:
    check(
        "php",
        """\
        <?php
        use Twilio\\Rest\\Client as TwilioClient;

        $client = new TwilioClient($sid, $token);
        $other = new \\Twilio\\Rest\\Client($sid, $token);
        """,
        f"""\
        <?php
        use SignalWire\\Rest\\Client as TwilioClient;

        $client = new TwilioClient($sid, $token, array("signalwireSpaceUrl" => "{SPACE}"));
        $other = new \\SignalWire\\Rest\\Client($sid, $token, array("signalwireSpaceUrl" => "{SPACE}"));
        """,
        [],
        space_url=SPACE,
    )


def test_twiml_builders_move_to_laml() -> None:
    check(
        "php",
        """\
        <?php
        use Twilio\\TwiML\\VoiceResponse;
        use Twilio\\TwiML\\MessagingResponse;
        use Twilio\\TwiML;

        $voice = new VoiceResponse();
        $sms = new MessagingResponse();
        $legacy = new TwiML;
        """,
        """\
        <?php
        use SignalWire\\LaML\\VoiceResponse;
        use SignalWire\\LaML\\MessagingResponse;
        use SignalWire\\LaML as TwiML;

        $voice = new VoiceResponse();
        $sms = new MessagingResponse();
        $legacy = new TwiML;
        """,
        [],
    )


def test_findings() -> None:
    check(
        "php",
        """\
        <?php
        use Twilio\\Rest\\Client;
        use Twilio\\Jwt\\AccessToken;
        use Twilio\\Security\\RequestValidator;
        use Twilio\\Rest\\Verify\\V2\\ServiceContext;

        $client = new Client($sid, $token);
        $client->verify->v2->services("VA1")->fetch();
        $client->shortCodes->read();
        $client->messages->create($to, ["from" => "+15550100000", "body" => "hi"]);
        $client->calls->create($to, "+15550100000", ["url" => "https://handler.twilio.com/twiml/EH1"]);
        $service = $_POST['MessagingServiceSid'];
        $env = new Client();
        $keyed = new Client($apiKey, $apiSecret, $accountSid);
        """,
        """\
        <?php
        use SignalWire\\Rest\\Client;
        // sw-migrate: SW102 Twilio access tokens (Twilio\\Jwt): SignalWire uses its own token APIs
        use Twilio\\Jwt\\AccessToken;
        // sw-migrate: SW120 `Twilio\\Security\\RequestValidator`: SignalWire signs webhooks with the project's Signing Key, not the auth token: review
        use Twilio\\Security\\RequestValidator;
        // sw-migrate: SW100 `Verify` is Twilio Verify: the SignalWire Compatibility API has no equivalent
        use Twilio\\Rest\\Verify\\V2\\ServiceContext;

        $client = new Client($sid, $token);
        // sw-migrate: SW100 `verify` is Twilio Verify: the SignalWire Compatibility API has no equivalent
        $client->verify->v2->services("VA1")->fetch();
        // sw-migrate: SW104 `shortCodes` (Short Codes) is not part of the Compatibility API spec: check SignalWire supports it
        $client->shortCodes->read();
        $client->messages->create($to, ["from" => "+15550100000", "body" => "hi"]);
        // sw-migrate: SW110 Twilio-hosted URL 'https://handler.twilio.com/twiml/EH1': it stops working after the move
        $client->calls->create($to, "+15550100000", ["url" => "https://handler.twilio.com/twiml/EH1"]);
        // sw-migrate: SW172 SignalWire webhooks carry no MessagingServiceSid: this reads nothing after the move
        $service = $_POST['MessagingServiceSid'];
        // sw-migrate: SW105 SignalWire\\Rest\\Client needs the project ID and API token as its first two arguments
        $env = new Client();
        // sw-migrate: SW141 SignalWire\\Rest\\Client takes (project, token, options array): move these arguments
        $keyed = new Client($apiKey, $apiSecret, $accountSid);
        """,
        ["SW102", "SW120", "SW100", "SW100", "SW104", "SW170", "SW170", "SW110", "SW172", "SW105", "SW141"],
    )


def test_look_alikes_and_templates_stay_untouched() -> None:
    source = """\
    <?php
    namespace App\\Services\\Twilio;

    // use Twilio\\Rest\\Client;
    use App\\Services\\Twilio\\Client;

    class TwilioClient { public function __construct($sid, $token) {} }
    $mine = new TwilioClient($sid, $token);
    $local = new Client($sid, $token);
    $relative = new Twilio\\Rest\\Client($sid, $token);
    echo "use Twilio\\\\Rest\\\\Client;";
    ?>
    <p>Powered by Twilio</p>
    """
    check("php", source, source, [])


def test_php_sample_output_passes_php_lint(tmp_path: Path) -> None:
    app = migrated_sample(tmp_path, "twilio_php", "--space-url", SPACE)
    migrated = sorted(app.rglob("*.php"))
    assert migrated and all(b"Twilio\\Rest\\Client;" not in path.read_bytes() for path in migrated)
    assert '"signalwire/signalwire": "^2.3"' in (app / "composer.json").read_text()
    for path in migrated:
        assert_valid("php", "-l", path)
