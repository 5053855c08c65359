"""Ruby recipe: every form of the issue, the look-alikes left alone, and output that ``ruby -c`` accepts."""

from __future__ import annotations

from pathlib import Path

from ts_golden import SPACE, check
from ts_syntax import assert_valid, migrated_sample

ENV = 'ENV["SIGNALWIRE_SPACE_URL"]'


def test_require_client_and_space_url_keyword() -> None:
    check(
        "ruby",
        """\
        require 'twilio-ruby'

        @client = Twilio::REST::Client.new(account_sid, auth_token)
        bare = ::Twilio::REST::Client.new account_sid, auth_token
        configured = Twilio::REST::Client.new
        empty = Twilio::REST::Client.new()
        """,
        f"""\
        require 'signalwire/sdk'

        @client = Signalwire::REST::Client.new(account_sid, auth_token, signalwire_space_url: {ENV})
        bare = ::Signalwire::REST::Client.new account_sid, auth_token, signalwire_space_url: {ENV}
        configured = Signalwire::REST::Client.new(signalwire_space_url: {ENV})
        empty = Signalwire::REST::Client.new(signalwire_space_url: {ENV})
        """,
        [],
    )


def test_space_url_literal_when_given() -> None:
    check(
        "ruby",
        """\
        require "twilio-ruby"
        client = Twilio::REST::Client.new(sid, token)
        """,
        f"""\
        require "signalwire/sdk"
        client = Signalwire::REST::Client.new(sid, token, signalwire_space_url: "{SPACE}")
        """,
        [],
        space_url=SPACE,
    )


def test_twiml_builders() -> None:
    check(
        "ruby",
        """\
        voice = Twilio::TwiML::VoiceResponse.new do |r|
          r.say(message: 'Hello')
        end
        sms = Twilio::TwiML::MessagingResponse.new
        """,
        """\
        voice = Signalwire::Sdk::VoiceResponse.new do |r|
          r.say(message: 'Hello')
        end
        sms = Signalwire::Sdk::MessagingResponse.new
        """,
        [],
    )


def test_findings() -> None:
    check(
        "ruby",
        """\
        Twilio.configure do |config|
          config.account_sid = ENV['TWILIO_ACCOUNT_SID']
        end
        client = Twilio::REST::Client.new(api_key, api_secret, account_sid)
        client.messages.create(from: '+15550100000', to: to, body: 'hi')
        client.lookups.v1.phone_numbers('+1').fetch
        token = Twilio::JWT::AccessToken.new(sid, key, secret)
        validator = Twilio::Security::RequestValidator.new(token)
        use Rack::TwilioWebhookAuthentication, token, '/voice'
        service = params[:MessagingServiceSid]
        url = "https://handler.twilio.com/twiml/EH1"
        """,
        f"""\
        Twilio.configure do |config|
          config.account_sid = ENV['TWILIO_ACCOUNT_SID']
        end
        # sw-migrate: SW141 API-key credentials: SignalWire uses the project ID and token
        client = Signalwire::REST::Client.new(api_key, api_secret, account_sid, signalwire_space_url: {ENV})
        client.messages.create(from: '+15550100000', to: to, body: 'hi')
        # sw-migrate: SW100 `lookups` is Twilio Lookup: the SignalWire Compatibility API has no equivalent
        client.lookups.v1.phone_numbers('+1').fetch
        # sw-migrate: SW102 `Twilio::JWT::AccessToken`: Twilio access tokens; SignalWire uses its own token APIs
        token = Twilio::JWT::AccessToken.new(sid, key, secret)
        # sw-migrate: SW120 `Twilio::Security::RequestValidator`: SignalWire signs webhooks with the project's Signing Key, not the auth token: review
        validator = Twilio::Security::RequestValidator.new(token)
        # sw-migrate: SW120 `Rack::TwilioWebhookAuthentication`: SignalWire signs webhooks with the project's Signing Key, not the auth token: review
        use Rack::TwilioWebhookAuthentication, token, '/voice'
        # sw-migrate: SW172 SignalWire webhooks carry no MessagingServiceSid: this reads nothing after the move
        service = params[:MessagingServiceSid]
        # sw-migrate: SW110 Twilio-hosted URL 'https://handler.twilio.com/twiml/EH1': it stops working after the move
        url = "https://handler.twilio.com/twiml/EH1"
        """,
        ["SW171", "SW141", "SW170", "SW100", "SW102", "SW120", "SW120", "SW172", "SW110"],
    )


def test_look_alikes_stay_untouched() -> None:
    source = """\
    # require 'twilio-ruby'; Twilio::REST::Client.new(sid, token)
    require_relative 'twilio'
    class TwilioClient
      def initialize(sid, token); end
    end
    mine = TwilioClient.new(sid, token)
    local = MyApp::Twilio::REST::Client.new(sid, token)
    text = "Twilio::REST::Client.new(sid, token)"
    """
    check("ruby", source, source, [])


def test_ruby_sample_output_passes_ruby_syntax_check(tmp_path: Path) -> None:
    app = migrated_sample(tmp_path, "twilio_ruby")
    migrated = sorted(app.rglob("*.rb"))
    assert migrated and all(b"Twilio::REST::Client" not in path.read_bytes() for path in migrated)
    assert "gem 'signalwire', '~> 2.5'" in (app / "Gemfile").read_text()
    for path in migrated:
        assert_valid("ruby", "-c", path)
