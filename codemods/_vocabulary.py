"""What the codemods know about the two SDKs, as data.

Every rewrite and every finding is driven by these tables so that supporting a new Twilio name is one line
here, not a new branch in the transformer. Facts were checked against twilio 6.54/9.x and signalwire 2.1.1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Target = Literal["signalwire-sdk", "twilio-sdk"]
TARGETS: tuple[Target, ...] = ("signalwire-sdk", "twilio-sdk")

#: The local name a dotted ``twilio.rest.Client(...)`` becomes, and the alias used when it is taken.
CLIENT_CLASS = "Client"
CLIENT_CLASH_ALIAS = "SignalWireClient"
SPACE_URL_KEYWORD = "signalwire_space_url"
SPACE_URL_ENV = "SIGNALWIRE_SPACE_URL"
SIGNALWIRE_REQUIREMENT = "signalwire>=2.1.1"
CURRENT_TWILIO_REQUIREMENT = "twilio>=9"


@dataclass(frozen=True)
class Move:
    """Where a Twilio name lives on the target: ``from module import name`` (the file keeps its own alias)."""

    module: str
    name: str


#: Modern and legacy REST client classes: the codemod moves them to the target's client class.
CLIENT_CLASSES = frozenset({"twilio.rest.Client"})
LEGACY_CLIENT_CLASSES = frozenset({"twilio.rest.TwilioRestClient", "twilio.rest.TwilioClient"})
#: 5.x keyword names of TwilioRestClient and their 6.x+ equivalents.
LEGACY_CLIENT_KEYWORDS = {"account": "username", "token": "password"}
LEGACY_ONLY_KEYWORDS = frozenset({"base", "version", "timeout", "request_account"})

#: 5.x REST resources that were renamed in 6.x, and what replaces them.
LEGACY_RESOURCES = {
    "sms": "client.messages",
    "phone_numbers": "client.incoming_phone_numbers / client.available_phone_numbers",
    "caller_ids": "client.outgoing_caller_ids",
}

#: 5.x ``twiml.Response()``: one class for voice and messaging; the verb decides which builder replaces it.
LEGACY_TWIML_RESPONSE = frozenset({"twilio.twiml.Response"})
MESSAGING_VERBS = frozenset({"message"})  # 5.x voice responses used .sms() too

#: 5.x product clients that have no SignalWire counterpart.
LEGACY_PRODUCT_CLIENTS = {
    "twilio.rest.TwilioTaskRouterClient": "TaskRouter",
    "twilio.rest.TwilioIpMessagingClient": "IP Messaging",
    "twilio.rest.TwilioLookupsClient": "Lookups",
    "twilio.rest.TwilioPricingClient": "Pricing",
    "twilio.rest.TwilioMonitorClient": "Monitor",
    "twilio.rest.TwilioTrunkingClient": "Trunking",
}

#: Tokens for Twilio's browser/mobile SDKs; SignalWire uses different token APIs.
TOKEN_APIS = ("twilio.util.TwilioCapability", "twilio.jwt", "twilio.access_token")

REQUEST_VALIDATORS = frozenset({"twilio.request_validator.RequestValidator", "twilio.util.RequestValidator"})

#: Client attributes reaching Twilio products the Compatibility API lacks (they still call twilio.com).
UNSUPPORTED_PRODUCTS = {
    "verify": "Verify",
    "conversations": "Conversations",
    "studio": "Studio",
    "serverless": "Serverless (Functions and Assets)",
    "taskrouter": "TaskRouter",
    "flex_api": "Flex",
    "frontline_api": "Frontline",
    "video": "Programmable Video",
    "sync": "Sync",
    "notify": "Notify",
    "chat": "Programmable Chat",
    "ip_messaging": "IP Messaging",
    "proxy": "Proxy",
    "lookups": "Lookup",
    "pricing": "Pricing",
    "monitor": "Monitor",
    "trunking": "Elastic SIP Trunking",
    "preview": "Preview APIs",
    "wireless": "Wireless",
    "supersim": "Super SIM",
    "autopilot": "Autopilot",
    "insights": "Voice Insights",
    "intelligence": "Voice Intelligence",
    "content": "Content API",
    "events": "Event Streams",
    "messaging": "Messaging Services (v1)",
    "numbers": "Numbers (v2) and regulatory compliance",
    "trusthub": "Trust Hub",
    "voice": "Voice (v1) settings",
    "bulkexports": "Bulk Exports",
    "accounts": "Accounts (v1)",
    "oauth": "OAuth",
    "routes": "Routes",
    "iam": "IAM",
    "knowledge": "Knowledge",
    "marketplace": "Marketplace",
}

REGION_ENV_VARS = frozenset({"TWILIO_REGION", "TWILIO_EDGE"})
REGION_KEYWORDS = frozenset({"region", "edge"})

#: twilio 9.x features missing from twilio 6.54, the version the ``signalwire`` package pins.
NINE_ONLY_KEYWORDS = frozenset({"user_agent_extensions", "credential_provider"})
NINE_ONLY_MODULES = ("twilio.credential", "twilio.http.async_http_client", "twilio.auth_strategy")
NINE_ONLY_VOICE_NOUNS = frozenset(
    {
        "AiSession",
        "Application",
        "ApplicationSid",
        "Config",
        "Conversation",
        "ConversationRelay",
        "ConversationRelaySession",
        "Header",
        "Headers",
        "Language",
        "Recording",
        "SipUri",
        "Transcription",
        "WhatsApp",
    }
)
NINE_ONLY_BUILDER_METHODS = frozenset(
    {"ai_session", "conversation_relay", "conversation_relay_session", "transcription", "whatsapp", "sip_uri"}
)
#: TwiML voice nouns that exist in twilio 6.54 and so in ``signalwire.voice_response``.
VOICE_NOUNS_654 = frozenset(
    {
        "VoiceResponse",
        "Autopilot",
        "Client",
        "Conference",
        "Connect",
        "Dial",
        "Echo",
        "Enqueue",
        "Gather",
        "Hangup",
        "Identity",
        "Leave",
        "Number",
        "Parameter",
        "Pause",
        "Pay",
        "Play",
        "Prompt",
        "Queue",
        "Record",
        "Redirect",
        "Refer",
        "ReferSip",
        "Reject",
        "Room",
        "Say",
        "Sim",
        "Sip",
        "Siprec",
        "Sms",
        "SsmlBreak",
        "SsmlEmphasis",
        "SsmlLang",
        "SsmlP",
        "SsmlPhoneme",
        "SsmlProsody",
        "SsmlS",
        "SsmlSayAs",
        "SsmlSub",
        "SsmlW",
        "Start",
        "Stop",
        "Stream",
        "Task",
        "VirtualAgent",
    }
)


def moves_for(target: Target, helper_module: str) -> dict[str, Move]:
    """The name moves of *target*, keyed by the Twilio qualified name they replace.

    Clients keep the name the file bound (``TwilioRestClient`` stays ``TwilioRestClient``): on the
    twilio-sdk target they come from *helper_module*, the repository's one module that points twilio's
    ``Client`` at the space.
    """
    exceptions = Move("twilio.base.exceptions", "TwilioRestException")
    moves: dict[str, Move] = {
        "twilio.TwilioRestException": exceptions,
        "twilio.rest.exceptions.TwilioRestException": exceptions,
    }
    if target == "twilio-sdk":
        moves["twilio.util.RequestValidator"] = Move("twilio.request_validator", "RequestValidator")
        helper = Move(helper_module, CLIENT_CLASS)
        moves.update({name: helper for name in CLIENT_CLASSES | LEGACY_CLIENT_CLASSES})
        return moves
    client = Move("signalwire.rest", CLIENT_CLASS)
    moves.update({name: client for name in CLIENT_CLASSES | LEGACY_CLIENT_CLASSES})
    moves.update(
        {name: Move("signalwire.request_validator", "RequestValidator") for name in REQUEST_VALIDATORS}
    )
    moves.update(
        {
            f"twilio.twiml.voice_response.{noun}": Move("signalwire.voice_response", noun)
            for noun in VOICE_NOUNS_654
        }
    )
    moves["twilio.twiml.messaging_response.MessagingResponse"] = Move(
        "signalwire.messaging_response", "MessagingResponse"
    )
    moves["twilio.twiml.fax_response.FaxResponse"] = Move("signalwire.fax_response", "FaxResponse")
    return moves


def twiml_builder(target: Target, messaging: bool) -> Move:
    """The builder that replaces a 5.x ``twiml.Response()`` on *target*."""
    kind = "messaging_response" if messaging else "voice_response"
    cls = "MessagingResponse" if messaging else "VoiceResponse"
    module = f"signalwire.{kind}" if target == "signalwire-sdk" else f"twilio.twiml.{kind}"
    return Move(module, cls)
