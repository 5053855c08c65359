"""Platform rules: what Twilio and SignalWire enforce beyond a document's shape.

Limits (text lengths, counts), voice names that differ between the platforms, verbs that can never run.
Each element rule runs once per element of its kind, after the element's structure was checked; the
reachability rule runs once per document, and only when the document has a terminal verb.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import urlsplit

from lxml import etree

from laml._walk import Checker, Walk
from laml.vocabulary import CHILDREN, Element

TERMINAL_VERBS = frozenset({"Hangup", "Redirect", "Reject"})
_SAY_LIMITS = {"polly": 3000, "google": 5000, "gcloud": 5000}
_SAY_DEFAULT_LIMIT = 4096
_SAY_SMALLEST_LIMIT = min(_SAY_DEFAULT_LIMIT, *_SAY_LIMITS.values())
_MAX_BODY, _MAX_MEDIA, _MAX_NUMBERS, _MAX_SIPS = 1600, 10, 10, 10


def check_reachability(root: etree._Element, definition: Element, walk: Walk) -> None:
    """Verbs after a terminal verb never run; ``<Reject>`` after other verbs answers the call first."""
    terminal: etree._Element | None = None
    for index, verb in enumerate(child for child in root if isinstance(child.tag, str)):
        if terminal is not None and walk.templated and "{{" in (terminal.tail or ""):
            terminal = None  # a section boundary: which branch renders is only known per request
        if terminal is not None:
            walk.add(
                verb,
                "element",
                "LAML201",
                f"<{verb.tag}> never runs: <{terminal.tag}> on line {terminal.sourceline} ends the document",
            )
            return
        if verb.tag in TERMINAL_VERBS and verb.tag in CHILDREN[definition.name]:
            terminal = verb
        if verb.tag == "Reject" and index > 0 and definition.name == "VoiceResponse":
            walk.add(
                verb,
                "element",
                "LAML202",
                "<Reject> is not the first verb: the call is answered (and billed) before it is rejected",
            )


def _text_length(node: etree._Element) -> int:
    return sum(len(part) for part in node.itertext())


def _check_say(node: etree._Element, walk: Walk) -> None:
    if len(node):
        length = _text_length(node)
    else:
        text = node.text
        length = len(text) if text else 0
    if length > _SAY_SMALLEST_LIMIT:
        _check_say_length(node, length, walk)


def _check_say_length(node: etree._Element, length: int, walk: Walk) -> None:
    voice = node.get("voice") or ""
    family = voice.split(".", 1)[0].lower() if "." in voice else ""
    limit = (
        _SAY_DEFAULT_LIMIT if walk.dialect == "laml" and family != "polly" else _SAY_LIMITS.get(family, 4096)
    )
    if length > limit:
        walk.add(
            node,
            "element",
            "LAML203",
            f"<Say> holds {length:,} characters; {voice or 'the default voice'} "
            f"accepts at most {limit:,} (Twilio error 13521): split it into several <Say>",
        )


#: (dialect, voice family written the other platform's way) → (code, family prefix there, whose name it is).
_RENAMED_VOICE_FAMILIES = {
    ("laml", "google"): ("LAML211", "gcloud", "Twilio's name; SignalWire"),
    ("twiml", "gcloud"): ("LAML212", "Google", "SignalWire's name; Twilio"),
}


def _check_voice_name(node: etree._Element, voice: str, walk: Walk) -> None:
    """Google voices: ``Google.*`` on Twilio, ``gcloud.*`` on SignalWire; Polly generative is Twilio-only."""
    family = voice.split(".", 1)[0].lower() if "." in voice else ""
    renamed = _RENAMED_VOICE_FAMILIES.get((walk.dialect, family))
    if renamed is not None:
        code, prefix, names = renamed
        fixed = prefix + "." + voice.split(".", 1)[1]
        walk.add(
            node,
            "attribute",
            code,
            f"voice {voice!r} is {names} calls it {fixed!r}",
            fix=fixed,
            attribute="voice",
        )
    elif walk.dialect == "laml" and family == "polly" and voice.endswith("-Generative"):
        walk.add(
            node,
            "attribute",
            "LAML210",
            f"voice {voice!r}: SignalWire does not offer Polly generative voices",
            fix=voice.removesuffix("-Generative") + "-Neural",
            attribute="voice",
        )


def _check_message(node: etree._Element, walk: Walk) -> None:
    if len(node) == 0:
        text = (node.text or "").strip()
        if len(text) > _MAX_BODY:
            walk.add(node, "element", "LAML204", f"message body is longer than {_MAX_BODY:,} characters")
        elif not text:
            _check_message_empty(node, walk)
        return
    body = ((node.text or "") + "".join(b.text or "" for b in node if b.tag == "Body")).strip()
    if len(body) > _MAX_BODY:
        walk.add(
            node,
            "element",
            "LAML204",
            f"message body is longer than {_MAX_BODY:,} characters ({len(body):,})",
        )
    media = [child for child in node if child.tag == "Media"]
    if not body and not media and not any(child.tag == "Body" for child in node):
        _check_message_empty(node, walk)  # an empty <Body> is reported on its own (LAML107)
    _check_count(media, _MAX_MEDIA, "LAML205", "<Message>", walk)


def _check_message_empty(node: etree._Element, walk: Walk) -> None:
    """A message must have a body or media; in a bin, a mustache tag may still render one."""
    if not (walk.templated and "{{" in (node.text or "")):
        walk.add(
            node,
            "element",
            "LAML213",
            "<Message> has neither a body nor <Media>: the platform refuses to send it",
        )


def _check_count(found: list[etree._Element], limit: int, code: str, parent: str, walk: Walk) -> None:
    """Report the first child beyond *limit* (the platforms ignore or refuse the rest)."""
    if len(found) > limit:
        tag = found[limit].tag
        walk.add(
            found[limit], "element", code, f"{len(found)} <{tag}> in one {parent}; at most {limit} are used"
        )


def _check_dial(node: etree._Element, walk: Walk) -> None:
    """Number limits apply on both platforms; the <Sip> rules are SignalWire's (Twilio mixes nouns freely)."""
    if len(node) < 2:
        return
    nouns = [child for child in node if isinstance(child.tag, str)]
    _check_count([noun for noun in nouns if noun.tag == "Number"], _MAX_NUMBERS, "LAML206", "<Dial>", walk)
    sips = [noun for noun in nouns if noun.tag == "Sip"]
    if walk.dialect != "laml":
        return
    if sips and len(sips) != len(nouns):
        other = next(noun for noun in nouns if noun.tag != "Sip")
        walk.add(other, "element", "LAML207", f"<{other.tag}> cannot be mixed with <Sip> in one <Dial>")
    elif len(sips) > _MAX_SIPS:
        walk.add(
            sips[_MAX_SIPS], "element", "LAML207", f"{len(sips)} <Sip> in one <Dial>; at most {_MAX_SIPS}"
        )


def _check_stream_url(node: etree._Element, url: str, walk: Walk) -> None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() != "wss" or not parts.netloc:
        walk.add(
            node,
            "attribute",
            "LAML208",
            f"<Stream> url {url!r} must be an absolute wss:// URL",
            attribute="url",
        )
    elif parts.query:
        walk.add(
            node,
            "attribute",
            "LAML208",
            f"<Stream> url {url!r} carries a query string, which is dropped: pass values as <Parameter>",
            fix=url.split("?", 1)[0],
            attribute="url",
        )


def _check_sms(node: etree._Element, walk: Walk) -> None:
    walk.add(
        node, "element", "LAML209", "<Sms> is deprecated: send messages with the Messages REST API instead"
    )


class AttributeRule(NamedTuple):
    """A rule on one attribute's value. ``suspects[dialect]`` matches (at least) every value the rule could
    report, so the validator calls ``check`` only for those: most values pass with one regular expression."""

    suspects: dict[str, re.Pattern[str]]
    check: Callable[[etree._Element, str, Walk], None]


class ElementRule(NamedTuple):
    """A rule on a whole element. It only runs when the element has at least ``min_children`` children,
    text longer than ``text_over`` characters, or (``when_empty``) neither children nor text: cheap tests
    that let most elements skip the call."""

    check: Checker
    min_children: int = 0
    text_over: int = sys.maxsize
    when_empty: bool = False


#: Anything but an absolute wss:// URL without a query string (what the <Stream> url rule reports).
_NOT_PLAIN_WSS = re.compile(r"(?!\s*(?i:wss)://[^/?#\s]+(?:/[^?#]*)?(?:#.*)?\s*\Z)", re.DOTALL)

#: (element name, attribute name) → its rule.
ATTRIBUTE_RULES = {
    ("Say", "voice"): AttributeRule(
        {
            "laml": re.compile(r"(?i:google)\.|(?i:polly)\..*-Generative\Z", re.DOTALL),
            "twiml": re.compile(r"(?i:gcloud)\."),
        },
        _check_voice_name,
    ),
    ("Stream", "url"): AttributeRule({"laml": _NOT_PLAIN_WSS, "twiml": _NOT_PLAIN_WSS}, _check_stream_url),
}

#: Element name (in the vocabulary) → its rule.
RULES = {
    "Say": ElementRule(_check_say, min_children=1, text_over=_SAY_SMALLEST_LIMIT),
    "Message": ElementRule(_check_message, min_children=1, text_over=_MAX_BODY, when_empty=True),
    "Dial": ElementRule(_check_dial, min_children=2),
    "Sms": ElementRule(_check_sms),
}
