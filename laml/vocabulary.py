"""The TwiML / LaML vocabulary as data, written once.

Every element twilio-python 9.x can emit (voice with nested SSML, messaging, fax) plus SignalWire's
additions, each with its attributes (in twilio-python's keyword order, so positional calls bind the same
way), value kinds, allowed children and dialect. The builder classes and the validator's lookup tables all
derive from :data:`ELEMENTS`; nothing else restates which element goes where.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from laml import _kinds as k
from laml._kinds import ValueKind


class Dialect(enum.Flag):
    """Which platform documents an element or attribute."""

    TWILIO = enum.auto()
    SIGNALWIRE = enum.auto()
    BOTH = TWILIO | SIGNALWIRE


T, S, BOTH = Dialect.TWILIO, Dialect.SIGNALWIRE, Dialect.BOTH

#: Keyword names that are Python keywords or not identifiers map to these XML names (twilio-python's rule).
_PYTHON_TO_XML_SPECIAL = {
    "from_": "from",
    "xml_lang": "xml:lang",
    "interpret_as": "interpret-as",
    "for_": "for",
}
_XML_TO_PYTHON_SPECIAL = {xml: py for py, xml in _PYTHON_TO_XML_SPECIAL.items()}


def python_to_xml_name(keyword: str) -> str:
    """Map a builder keyword to its XML attribute name: ``status_callback`` → ``statusCallback``."""
    if keyword in _PYTHON_TO_XML_SPECIAL:
        return _PYTHON_TO_XML_SPECIAL[keyword]
    if "_" not in keyword:
        return keyword
    head, *rest = keyword.split("_")
    return head + "".join(part.title() for part in rest)


def xml_to_python_name(attribute: str) -> str:
    """Map an XML attribute name to the builder keyword: ``statusCallback`` → ``status_callback``."""
    if attribute in _XML_TO_PYTHON_SPECIAL:
        return _XML_TO_PYTHON_SPECIAL[attribute]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", attribute).lower()


@dataclass(frozen=True)
class Attribute:
    """One attribute: its XML name, value kind, dialect and (when it is not derivable) builder keyword."""

    name: str
    kind: ValueKind = k.TEXT
    dialect: Dialect = BOTH
    keyword: str = ""

    @property
    def python(self) -> str:
        """The builder keyword for this attribute."""
        return self.keyword or xml_to_python_name(self.name)


@dataclass(frozen=True)
class Element:
    """One element of the vocabulary.

    ``text`` names the builder's positional parameter that becomes the element's text (``None``: the element
    holds no text). ``children`` name other entries of :data:`ELEMENTS`; ``twilio_only_children`` lists those
    of them that SignalWire does not document *under this parent*.
    """

    name: str
    tag: str
    summary: str
    attributes: tuple[Attribute, ...] = ()
    children: tuple[str, ...] = ()
    text: str | None = None
    text_kind: ValueKind = k.TEXT
    text_required: bool = False
    dialect: Dialect = BOTH
    method: str = ""
    twilio_only_children: tuple[str, ...] = ()
    attribute_map: Mapping[str, Attribute] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "attribute_map", {a.name: a for a in self.attributes})

    @property
    def builder_method(self) -> str:
        """The name of the parent's method that creates this element (``dial``, ``say_as``, ``break_``)."""
        return self.method or xml_to_python_name(self.name)


def _attrs(*specs: Attribute | str) -> tuple[Attribute, ...]:
    """Attributes from a mix of :class:`Attribute` and bare names (free text, both dialects)."""
    return tuple(spec if isinstance(spec, Attribute) else Attribute(spec) for spec in specs)


A = Attribute
_CALLBACK = (
    A("statusCallbackEvent", k.CALL_EVENTS),
    A("statusCallback", k.URL),
    A("statusCallbackMethod", k.METHOD),
)
_AMD = (
    A("machineDetection", k.Choice(("Enable", "DetectMessageEnd")), T),
    A("amdStatusCallbackMethod", k.METHOD, T),
    A("amdStatusCallback", k.URL, T),
    A("machineDetectionTimeout", k.Integer(3, 59), T),
    A("machineDetectionSpeechThreshold", k.Integer(1000, 6000), T),
    A("machineDetectionSpeechEndThreshold", k.Integer(500, 5000), T),
    A("machineDetectionSilenceTimeout", k.Integer(2000, 10000), T),
)
_NAME_VALUE = _attrs("name", "value")
_SSML_INLINE = ("SsmlBreak", "SsmlEmphasis", "SsmlPhoneme", "SsmlProsody", "SsmlSayAs", "SsmlSub", "SsmlW")
_SSML_ALL = (*_SSML_INLINE[:2], "SsmlLang", "SsmlP", *_SSML_INLINE[2:4], "SsmlS", *_SSML_INLINE[4:])
_SSML_IN_BLOCK = (*_SSML_INLINE[:2], "SsmlLang", *_SSML_INLINE[2:])
_PROMPT_MEDIA = ("Say", "Play", "Pause")
_CALL_RECORDING = k.Choice(
    (
        "do-not-record",
        "record-from-answer",
        "record-from-ringing",
        "record-from-answer-dual",
        "record-from-ringing-dual",
        "true",
        "false",
    )
)
_STREAM_CODECS = k.Choice(("PCMU@8000h", "L16@16000h", "L16@24000h"))
_RECORDING_STATUS = (
    A("recordingStatusCallback", k.URL),
    A("recordingStatusCallbackMethod", k.METHOD),
    A("recordingStatusCallbackEvent", k.RECORDING_EVENTS),
)


def _ssml(
    name: str,
    tag: str,
    summary: str,
    *attributes: Attribute | str,
    children: tuple[str, ...] = (),
    required: bool = False,
    method: str = "",
) -> Element:
    """SSML elements carry their words as text (``words``); their builder method is the tag (``say_as``)."""
    return Element(
        name,
        tag,
        summary,
        _attrs(*attributes),
        children,
        text="words",
        text_required=required,
        method=method or tag.replace("-", "_"),
    )


ELEMENTS: dict[str, Element] = {
    element.name: element
    for element in (
        # ---- roots -----------------------------------------------------------------------------------
        Element(
            "VoiceResponse",
            "Response",
            "Root of a voice document.",
            children=(
                "Connect",
                "Dial",
                "Echo",
                "Enqueue",
                "Gather",
                "Hangup",
                "Leave",
                "Pause",
                "Play",
                "Queue",
                "Record",
                "Redirect",
                "Reject",
                "Say",
                "Sms",
                "Pay",
                "Prompt",
                "Start",
                "Stop",
                "Refer",
                "Denoise",
                "Message",
            ),
            # Twilio sends a <Message> during a call (its docs show it); SignalWire documents <Sms> for that.
            twilio_only_children=("Message",),
        ),
        Element(
            "MessagingResponse", "Response", "Root of a messaging document.", children=("Message", "Redirect")
        ),
        Element("FaxResponse", "Response", "Root of a fax document.", children=("Receive", "Reject")),
        # ---- voice verbs -------------------------------------------------------------------------------
        Element(
            "Connect",
            "Connect",
            "Connect the call to a room, stream or AI service.",
            _attrs(A("action", k.URL), A("method", k.METHOD)),
            (
                "Room",
                "Autopilot",
                "Stream",
                "VirtualAgent",
                "Conversation",
                "ConversationRelay",
                "AiSession",
                "ConversationRelaySession",
            ),
        ),
        Element(
            "Dial",
            "Dial",
            "Connect the call to another party.",
            _attrs(
                A("action", k.URL),
                A("method", k.METHOD),
                A("timeout", k.Integer(1, 600)),
                A("hangupOnStar", k.BOOLEAN),
                A("timeLimit", k.Integer(1, 86400)),
                "callerId",
                A("record", _CALL_RECORDING),
                A("trim", k.TRIM),
                A("recordingStatusCallback", k.URL),
                A("recordingConfigurationId", dialect=T),
                A("recordingStatusCallbackMethod", k.METHOD),
                A("recordingStatusCallbackEvent", k.RECORDING_EVENTS),
                A("answerOnBridge", k.BOOLEAN),
                A("ringTone", k.Pattern(r"[a-z]{2}(-old)?", "a two-letter country code such as us or uk")),
                A("recordingTrack", k.Choice(("both", "inbound", "outbound"))),
                A("sequential", k.BOOLEAN, T),
                A("referUrl", k.URL, T),
                A("referMethod", k.METHOD, T),
                A("events", k.Choice(("call-progress-event",), multi=True), T),
                A("passports", dialect=T),
                A("callerName", dialect=S),
                A("recordingStorageUrl", k.URL, S),
                A("recordingStorageUrlMethod", k.METHOD, S),
            ),
            ("Client", "Conference", "Number", "Queue", "Sim", "Sip", "Application", "WhatsApp", "Verto"),
            text="number",
            text_kind=k.PHONE,
        ),
        Element(
            "Echo",
            "Echo",
            "Echo the caller's audio back (testing).",
            _attrs(A("timeout", k.Integer(5, 120), S)),
        ),
        Element(
            "Enqueue",
            "Enqueue",
            "Put the caller in a queue.",
            _attrs(
                A("action", k.URL),
                A("maxQueueSize", k.Integer(1, 5000), T),
                A("method", k.METHOD),
                A("waitUrl", k.URL),
                A("waitUrlMethod", k.METHOD),
                A("workflowSid", dialect=T),
            ),
            ("Task",),
            text="name",
        ),
        Element(
            "Gather",
            "Gather",
            "Collect digits or speech from the caller.",
            _attrs(
                A("input", k.Choice(("dtmf", "speech"), multi=True)),
                A("action", k.URL),
                A("method", k.METHOD),
                A("timeout", k.Integer(1, 600)),
                A("speechTimeout", k.Integer(0, 600, extra=("auto",))),
                A("maxSpeechTime", k.Integer(1, 600), T),
                A("profanityFilter", k.BOOLEAN),
                A("finishOnKey", k.FINISH_KEY),
                A("numDigits", k.Integer(1, 1000)),
                A("partialResultCallback", k.URL),
                A("partialResultCallbackMethod", k.METHOD),
                A("language", k.LANGUAGE),
                "hints",
                A("bargeIn", k.BOOLEAN, T),
                A("debug", k.BOOLEAN, T),
                A("actionOnEmptyResult", k.BOOLEAN),
                "speechModel",
                A("enhanced", k.BOOLEAN),
            ),
            _PROMPT_MEDIA,
        ),
        Element(
            "Hangup", "Hangup", "End the call.", children=("Parameter",), twilio_only_children=("Parameter",)
        ),
        Element("Leave", "Leave", "Leave the queue and continue with the next verb."),
        Element("Pause", "Pause", "Wait silently.", _attrs(A("length", k.Integer(0, 3600)))),
        Element(
            "Play",
            "Play",
            "Play an audio file or DTMF tones.",
            _attrs(A("loop", k.Integer(0, 1000)), A("digits", k.DTMF)),
            text="url",
            text_kind=k.URL,
        ),
        Element(
            "Queue",
            "Queue",
            "Dial the caller at the front of a queue.",
            _attrs(
                A("url", k.URL),
                A("method", k.METHOD),
                A("reservationSid", dialect=T),
                A("postWorkActivitySid", dialect=T),
            ),
            text="name",
            text_required=True,
        ),
        Element(
            "Record",
            "Record",
            "Record the caller.",
            _attrs(
                A("action", k.URL),
                A("method", k.METHOD),
                A("timeout", k.Integer(0, 600)),
                A("finishOnKey", k.FINISH_KEY),
                A("maxLength", k.Integer(1, 86400)),
                A("playBeep", k.BOOLEAN),
                A("trim", k.TRIM),
                *_RECORDING_STATUS,
                A("transcribe", k.BOOLEAN),
                A("transcribeCallback", k.URL),
                A("recordingConfigurationId", dialect=T),
                A("storageUrl", k.URL, S),
                A("storageUrlMethod", k.METHOD, S),
            ),
        ),
        Element(
            "Redirect",
            "Redirect",
            "Continue with the document at another URL (empty: fetch the current document again).",
            _attrs(A("method", k.METHOD)),
            text="url",
            text_kind=k.URL,
        ),
        Element(
            "Reject",
            "Reject",
            "Reject the call without answering it (no charge).",
            _attrs(A("reason", k.Choice(("rejected", "busy")))),
            ("Parameter",),
            twilio_only_children=("Parameter",),
        ),
        Element(
            "Say",
            "Say",
            "Speak text to the caller.",
            _attrs(
                A("voice", k.Pattern(r"[A-Za-z0-9._\-]+", "a voice name such as woman or Polly.Joanna")),
                A("loop", k.Integer(0, 1000)),
                A("language", k.LANGUAGE),
            ),
            _SSML_ALL,
            text="message",
            twilio_only_children=("SsmlW",),
        ),
        Element(
            "Sms",
            "Sms",
            "Send an SMS during a call (deprecated: use the Messages API).",
            _attrs("to", "from", A("action", k.URL), A("method", k.METHOD), A("statusCallback", k.URL)),
            text="message",
            text_required=True,
        ),
        Element(
            "Pay",
            "Pay",
            "Collect a payment over the phone.",
            _attrs(
                A("input", k.Choice(("dtmf",))),
                A("action", k.URL),
                A(
                    "bankAccountType",
                    k.Choice(
                        ("consumer-checking", "consumer-savings", "commercial-checking", "commercial-savings")
                    ),
                    T,
                ),
                A("statusCallback", k.URL),
                A("statusCallbackMethod", k.METHOD, T),
                A("timeout", k.Integer(1, 600)),
                A("maxAttempts", k.Integer(1, 3)),
                A("securityCode", k.BOOLEAN),
                A(
                    "postalCode",
                    k.Pattern(r"(?i:true|false|[A-Za-z0-9 \-]+)", "true, false or a postal code"),
                ),
                A("minPostalCodeLength", k.Integer(1, 20)),
                A("paymentConnector", dialect=T),
                A("paymentMethod", k.Choice(("ach-debit", "credit-card"))),
                A("tokenType", k.Choice(("one-time", "reusable", "payment-method"))),
                A("chargeAmount", k.Decimal()),
                A("currency", k.Pattern(r"[A-Za-z]{3}", "a three-letter ISO currency code")),
                "description",
                A("validCardTypes", k.CARD_TYPES),
                A("language", k.LANGUAGE),
                A("paymentConnectorUrl", k.URL, S),
            ),
            ("Prompt", "Parameter"),
        ),
        Element(
            "Prompt",
            "Prompt",
            "Customise what <Pay> says at one step.",
            _attrs(
                A(
                    "for",
                    k.Choice(
                        (
                            "payment-card-number",
                            "expiration-date",
                            "security-code",
                            "postal-code",
                            "payment-processing",
                            "bank-account-number",
                            "bank-routing-number",
                        ),
                    ),
                ),
                A(
                    "errorType",
                    k.Choice(
                        (
                            "timeout",
                            "invalid-card-number",
                            "invalid-card-type",
                            "invalid-date",
                            "invalid-security-code",
                            "internal-error",
                            "input-matching-failed",
                            "invalid-postal-code",
                            "invalid-bank-routing-number",
                            "invalid-bank-account-number",
                        ),
                        multi=True,
                    ),
                ),
                A("cardType", k.CARD_TYPES),
                A("attempt", k.Choice(tuple(str(n) for n in range(1, 11)), multi=True)),
                A("requireMatchingInputs", k.BOOLEAN),
            ),
            _PROMPT_MEDIA,
        ),
        Element(
            "Start",
            "Start",
            "Start a background action (stream, SIPREC, transcription, recording).",
            _attrs(A("action", k.URL), A("method", k.METHOD)),
            ("Stream", "Siprec", "Transcription", "Recording"),
        ),
        Element("Stop", "Stop", "Stop a background action.", children=("Stream", "Siprec", "Transcription")),
        Element(
            "Refer",
            "Refer",
            "Transfer a SIP call with SIP REFER.",
            _attrs(A("action", k.URL), A("method", k.METHOD)),
            ("ReferSip",),
        ),
        Element(
            "Denoise",
            "Denoise",
            "Turn noise reduction on or off for inbound audio.",
            text="state",
            text_kind=k.Choice(("on", "off")),
            text_required=True,
            dialect=S,
        ),
        # ---- nouns and nested elements -----------------------------------------------------------------
        Element(
            "ReferSip",
            "Sip",
            "The SIP URI a <Refer> transfers to.",
            text="sip_url",
            text_kind=k.SIP_URI,
            text_required=True,
            method="sip",
        ),
        Element(
            "Stream",
            "Stream",
            "A real-time media stream over WebSocket.",
            _attrs(
                "name",
                A("connectorName", dialect=T),
                "url",  # checked by the <Stream> rule (LAML208), which knows both platforms' requirements
                A("track", k.STREAM_TRACK),
                A("statusCallback", k.URL),
                A("statusCallbackMethod", k.METHOD),
                A("audioFormat", dialect=T),
                A("sampleRate", dialect=T),
                A("authBearerToken", dialect=S),
                A("codec", _STREAM_CODECS, S),
                A("realtime", k.BOOLEAN, S),
                A("bidir", k.BOOLEAN, S),
                A("streamSslValidateCertificate", k.BOOLEAN, S),
                A("streamStartConferenceOnEnter", k.BOOLEAN, S),
            ),
            ("Parameter",),
        ),
        Element(
            "Siprec",
            "Siprec",
            "Fork the call to a SIPREC recorder.",
            _attrs(
                "name",
                "connectorName",
                A("track", k.STREAM_TRACK),
                A("statusCallback", k.URL),
                A("statusCallbackMethod", k.METHOD),
            ),
            ("Parameter",),
            dialect=T,
        ),
        Element(
            "Transcription",
            "Transcription",
            "Real-time transcription.",
            _attrs(
                "name",
                A("track", k.STREAM_TRACK),
                A("statusCallbackUrl", k.URL),
                A("statusCallbackMethod", k.METHOD),
                "inboundTrackLabel",
                "outboundTrackLabel",
                A("partialResults", k.BOOLEAN),
                A("languageCode", k.LANGUAGE),
                "transcriptionEngine",
                A("profanityFilter", k.BOOLEAN),
                "speechModel",
                "hints",
                A("enableAutomaticPunctuation", k.BOOLEAN),
                "intelligenceService",
            ),
            ("Config", "Parameter"),
            dialect=T,
        ),
        Element(
            "Recording",
            "Recording",
            "Background call recording.",
            _attrs(
                A("recordingStatusCallback", k.URL),
                A("recordingStatusCallbackMethod", k.METHOD),
                A("recordingStatusCallbackEvent", k.RECORDING_EVENTS),
                A("trim", k.TRIM),
                A("track", k.Choice(("inbound", "outbound", "both"))),
                A("channels", k.Choice(("mono", "dual"))),
                "recordingConfigurationId",
            ),
            dialect=T,
        ),
        Element("Parameter", "Parameter", "A custom name/value parameter.", _NAME_VALUE),
        Element("Config", "Config", "A name/value configuration entry.", _NAME_VALUE, dialect=T),
        Element(
            "Task",
            "Task",
            "TaskRouter task attributes (JSON).",
            _attrs(A("priority", k.Integer(0, 2**31 - 1)), A("timeout", k.Integer(1, 2**31 - 1))),
            text="body",
            text_required=True,
            dialect=T,
        ),
        Element(
            "Client",
            "Client",
            "Dial a Twilio Client (Voice SDK) identity.",
            _attrs(A("url", k.URL), A("method", k.METHOD), *_CALLBACK),
            ("Identity", "Parameter"),
            text="identity",
            dialect=T,
        ),
        Element(
            "Identity",
            "Identity",
            "A Client identity.",
            text="client_identity",
            text_required=True,
            dialect=T,
        ),
        Element(
            "Conference",
            "Conference",
            "Join a conference room.",
            _attrs(
                A("muted", k.BOOLEAN),
                A("beep", k.Choice(("true", "false", "onEnter", "onExit"), case_sensitive=False)),
                A("startConferenceOnEnter", k.BOOLEAN),
                A("endConferenceOnExit", k.BOOLEAN),
                A("waitUrl", k.URL),
                A("waitMethod", k.METHOD),
                A("maxParticipants", k.Integer(2, 250)),
                A("record", k.Choice(("do-not-record", "record-from-start"))),
                A("recordingConfigurationId", dialect=T),
                A("region", k.Choice(("us1", "us2", "ie1", "sg1", "br1", "au1", "jp1", "de1")), T),
                "coach",
                A("trim", k.TRIM),
                A(
                    "statusCallbackEvent",
                    k.Choice(
                        (
                            "start",
                            "end",
                            "join",
                            "leave",
                            "mute",
                            "hold",
                            "modify",
                            "speaker",
                            "announcement",
                        ),
                        multi=True,
                    ),
                ),
                A("statusCallback", k.URL),
                A("statusCallbackMethod", k.METHOD),
                *_RECORDING_STATUS,
                A("eventCallbackUrl", k.URL),
                A("jitterBufferSize", k.Choice(("large", "medium", "small", "off")), T),
                A("participantLabel", dialect=T),
            ),
            ("Stream",),
            text="name",
            text_required=True,
            twilio_only_children=(),
        ),
        Element(
            "Number",
            "Number",
            "Dial a phone number.",
            _attrs(
                A("sendDigits", k.DTMF),
                A("url", k.URL),
                A("method", k.METHOD),
                *_CALLBACK,
                A("byoc", dialect=T),
                *_AMD,
            ),
            text="phone_number",
            text_kind=k.PHONE,
            text_required=True,
        ),
        Element(
            "Sim",
            "Sim",
            "Dial a Twilio Programmable Wireless SIM.",
            text="sim_sid",
            text_required=True,
            dialect=T,
        ),
        Element(
            "Sip",
            "Sip",  # both platforms dial "user@host" as if it had the sip: scheme
            "Dial a SIP endpoint.",
            _attrs(
                "username",
                "password",
                A("url", k.URL),
                A("method", k.METHOD),
                *_CALLBACK,
                *_AMD,
                A("codecs", dialect=S),
                A("sessionTimeout", k.Integer(90, 86400), S),
            ),
            ("SipUri", "Headers"),
            text="sip_url",
            text_kind=k.SIP_URI,
        ),
        Element(
            "SipUri",
            "Uri",
            "One of several SIP URIs to try.",
            _attrs(
                A("priority", k.Integer(0, 1000)), A("weight", k.Integer(0, 1000)), "username", "password"
            ),
            text="sip_url",
            text_kind=k.SIP_URI,
            dialect=T,
            method="uri",
        ),
        Element("Headers", "Headers", "Custom SIP headers.", children=("Header",), dialect=T),
        Element("Header", "Header", "One custom SIP header.", _NAME_VALUE, dialect=T),
        Element(
            "Application",
            "Application",
            "Dial a Twilio TwiML application.",
            _attrs(
                A("url", k.URL), A("method", k.METHOD), *_CALLBACK, "customerId", A("copyParentTo", k.BOOLEAN)
            ),
            ("ApplicationSid", "Parameter"),
            text="application_sid",
            dialect=T,
        ),
        Element(
            "ApplicationSid",
            "ApplicationSid",
            "The SID of the application.",
            text="sid",
            text_required=True,
            dialect=T,
        ),
        Element(
            "WhatsApp",
            "WhatsApp",
            "Dial a WhatsApp user.",
            _attrs(A("url", k.URL), A("method", k.METHOD), *_CALLBACK),
            text="phone_number",
            text_required=True,
            dialect=T,
        ),
        Element(
            "Verto", "Verto", "Dial a SignalWire Verto client.", text="address", text_required=True, dialect=S
        ),
        Element(
            "Room",
            "Room",
            "A Programmable Video room.",
            _attrs(A("participantIdentity", dialect=T)),
            text="name",
            text_required=True,
        ),
        Element(
            "Autopilot",
            "Autopilot",
            "A Twilio Autopilot assistant.",
            text="name",
            text_required=True,
            dialect=T,
        ),
        Element(
            "VirtualAgent",
            "VirtualAgent",
            "A Dialogflow CX virtual agent (deprecated on SignalWire).",
            _attrs(
                "connectorName",
                A("language", k.LANGUAGE),
                A("sentimentAnalysis", k.BOOLEAN),
                A("statusCallback", k.URL),
                A("statusCallbackMethod", k.METHOD),
            ),
            ("Config", "Parameter"),
            twilio_only_children=("Config", "Parameter"),
        ),
        Element(
            "Conversation",
            "Conversation",
            "Hand the call to Twilio Conversations.",
            _attrs(
                "serviceInstanceSid",
                A("inboundAutocreation", k.BOOLEAN),
                A("routingAssignmentTimeout", k.Integer(0, 2**31 - 1)),
                A("inboundTimeout", k.Integer(0, 2**31 - 1)),
                A("url", k.URL),
                A("method", k.METHOD),
                A("record", _CALL_RECORDING),
                A("trim", k.TRIM),
                *_RECORDING_STATUS,
                A("statusCallback", k.URL),
                A("statusCallbackMethod", k.METHOD),
                A(
                    "statusCallbackEvent",
                    k.Choice(
                        ("call-initiated", "call-ringing", "call-answered", "call-completed"), multi=True
                    ),
                ),
            ),
            dialect=T,
        ),
        Element(
            "ConversationRelay",
            "ConversationRelay",
            "Relay the conversation to an AI application over WebSocket.",
            _attrs(
                A("url", k.WSS_URL),
                A("language", k.LANGUAGE),
                A("ttsLanguage", k.LANGUAGE),
                A("transcriptionLanguage", k.LANGUAGE),
                "ttsProvider",
                "voice",
                "transcriptionProvider",
                "speechModel",
                A("profanityFilter", k.BOOLEAN),
                A("dtmfDetection", k.BOOLEAN),
                "welcomeGreeting",
                A("partialPrompts", k.BOOLEAN),
                "welcomeGreetingInterruptible",
                "interruptible",
                A("preemptible", k.BOOLEAN),
                "hints",
                "intelligenceService",
                A("reportInputDuringAgentSpeech", k.BOOLEAN),
                "elevenlabsTextNormalization",
                "interruptSensitivity",
                A("debug"),
                A("backgroundNoiseReduction", keyword="backgroundNoiseReduction"),
                A("speechTimeout", keyword="speechTimeout"),
                A("deepgramSmartFormat", keyword="deepgramSmartFormat"),
                A("ignoreBackchannel", keyword="ignoreBackchannel"),
                "events",
                "partialPromptOnHangup",
                "eagerEotThreshold",
                "asrSmartFormat",
                "ttsTextNormalization",
                "ttsLanguageTextNormalization",
                "elevenlabsLanguageTextNormalization",
                "includeInPrompt",
                "customerName",
                "applicationReconnect",
                "echoPromptFiltering",
                "turnDetection",
            ),
            ("Language", "Parameter"),
            dialect=T,
        ),
        Element(
            "Language",
            "Language",
            "Per-language settings of <ConversationRelay>.",
            _attrs(
                A("code", k.LANGUAGE),
                "ttsProvider",
                "voice",
                "transcriptionProvider",
                "speechModel",
                "hints",
                "asrSmartFormat",
                "ttsTextNormalization",
                "ttsLanguageTextNormalization",
            ),
            dialect=T,
        ),
        Element(
            "AiSession",
            "AiSession",
            "A Twilio AI session.",
            _attrs("aiConnector", "aiSessionConfiguration"),
            dialect=T,
        ),
        Element(
            "ConversationRelaySession",
            "ConversationRelaySession",
            "A ConversationRelay session.",
            _attrs("connector", "sessionConfiguration"),
            dialect=T,
        ),
        # ---- SSML inside <Say> -----------------------------------------------------------------------------
        Element(
            "SsmlBreak",
            "break",
            "A pause in speech (empty: it holds no words).",
            _attrs(
                A("strength", k.Choice(("none", "x-weak", "weak", "medium", "strong", "x-strong"))),
                A("time", k.Pattern(r"\d+(\.\d+)?m?s", "a duration such as 500ms or 2s")),
            ),
            method="break_",
        ),
        _ssml(
            "SsmlEmphasis",
            "emphasis",
            "Emphasised words.",
            A("level", k.Choice(("strong", "moderate", "reduced"))),
            children=_SSML_IN_BLOCK,
        ),
        _ssml(
            "SsmlLang", "lang", "Words in another language.", A("xml:lang", k.LANGUAGE), children=_SSML_ALL
        ),
        _ssml("SsmlP", "p", "A paragraph.", children=(*_SSML_IN_BLOCK, "SsmlS")),
        _ssml(
            "SsmlPhoneme",
            "phoneme",
            "Words with an explicit pronunciation.",
            A(
                "alphabet",
                k.Choice(
                    (
                        "ipa",
                        "x-sampa",
                        "x-amazon-jyutping",
                        "x-amazon-pinyin",
                        "x-amazon-pron-kana",
                        "x-amazon-yomigana",
                    )
                ),
            ),
            "ph",
            required=True,
        ),
        _ssml(
            "SsmlProsody",
            "prosody",
            "Words with changed volume, rate or pitch.",
            A("volume"),
            A("rate"),
            A("pitch"),
            children=_SSML_ALL,
        ),
        _ssml("SsmlS", "s", "A sentence.", children=_SSML_IN_BLOCK),
        _ssml(
            "SsmlSayAs",
            "say-as",
            "Words read as a kind of value.",
            A(
                "interpret-as",
                k.Choice(
                    (
                        "characters",
                        "spell-out",
                        "cardinal",
                        "number",
                        "ordinal",
                        "digits",
                        "fraction",
                        "unit",
                        "date",
                        "time",
                        "address",
                        "expletive",
                        "telephone",
                    )
                ),
            ),
            A("format", k.Choice(("mdy", "dmy", "ymd", "md", "dm", "ym", "my", "d", "m", "y", "yyyymmdd"))),
            required=True,
        ),
        _ssml("SsmlSub", "sub", "Words read as an alias.", A("alias"), required=True),
        Element(
            "SsmlW",
            "w",
            "A word with a part-of-speech role.",
            _attrs("role"),
            tuple(c for c in _SSML_INLINE if c != "SsmlW"),
            text="words",
            dialect=T,
            method="w",
        ),
        # ---- messaging -----------------------------------------------------------------------------------
        Element(
            "Message",
            "Message",
            "Reply with a message.",
            _attrs("to", "from", A("action", k.URL), A("method", k.METHOD), A("statusCallback", k.URL)),
            ("Body", "Media"),
            text="body",
        ),
        Element("Body", "Body", "The text of a message.", text="message", text_required=True),
        Element(
            "Media", "Media", "A media URL to attach (MMS).", text="url", text_kind=k.URL, text_required=True
        ),
        # ---- fax -----------------------------------------------------------------------------------------
        Element(
            "Receive",
            "Receive",
            "Receive a fax.",
            _attrs(
                A("action", k.URL),
                A("method", k.METHOD),
                A("mediaType", k.Choice(("application/pdf", "image/tiff"))),
                A("pageSize", k.Choice(("letter", "legal", "a4"))),
                A("storeMedia", k.BOOLEAN, T),
            ),
        ),
    )
}

#: The three document roots, keyed by document kind.
ROOTS = {
    "voice": ELEMENTS["VoiceResponse"],
    "messaging": ELEMENTS["MessagingResponse"],
    "fax": ELEMENTS["FaxResponse"],
}

#: Derived lookups: a parent's children by tag (``<Sip>`` under Dial vs Refer), and the first element per tag.
CHILDREN: dict[str, dict[str, Element]] = {
    element.name: {ELEMENTS[child].tag: ELEMENTS[child] for child in element.children}
    for element in ELEMENTS.values()
}
BY_TAG: dict[str, Element] = {}
for _element in ELEMENTS.values():
    if _element.tag != "Response":
        BY_TAG.setdefault(_element.tag, _element)
