"""Differential tests: laml's builders against the real twilio-python ``twilio.twiml`` builders.

twilio-python is the oracle. Every element class and every keyword parameter of every child-creating method
it exposes is introspected and called the same way on both libraries; the canonical (C14N 2.0) XML must be
identical. The deliberate differences listed in ``laml._builder``'s docstring (lists joined with spaces,
non-string values stringified, SignalWire additions) are tested separately with explicit expectations.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from lxml import etree
from twilio.twiml import TwiML as TwilioTwiML
from twilio.twiml import TwiMLException as TwilioTwiMLException
from twilio.twiml import fax_response as twilio_fax
from twilio.twiml import messaging_response as twilio_messaging
from twilio.twiml import voice_response as twilio_voice

import laml
from laml import _kinds
from laml import fax_response as laml_fax
from laml import messaging_response as laml_messaging
from laml import voice_response as laml_voice
from laml.vocabulary import ELEMENTS, Element

#: document kind → (twilio module, laml module, root class name)
MODULES: dict[str, tuple[ModuleType, ModuleType, str]] = {
    "voice": (twilio_voice, laml_voice, "VoiceResponse"),
    "messaging": (twilio_messaging, laml_messaging, "MessagingResponse"),
    "fax": (twilio_fax, laml_fax, "FaxResponse"),
}
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

#: (kind, class, method, keyword); keyword ``None`` stands for the method itself (some take no keyword).
Exercise = tuple[str, str, str, str | None]


# ---- helpers -------------------------------------------------------------------------------------------


def canonical(xml: str | bytes) -> bytes:
    """C14N 2.0 form of a document: attribute order, quoting and escaping styles no longer matter."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    return etree.tostring(etree.fromstring(data), method="c14n2")


def twilio_classes(module: ModuleType) -> dict[str, type[TwilioTwiML]]:
    """The TwiML element classes a twilio-python module defines (not the ones it imports)."""
    return {
        name: cls
        for name, cls in vars(module).items()
        if inspect.isclass(cls) and issubclass(cls, TwilioTwiML) and cls.__module__ == module.__name__
    }


def child_methods(cls: type) -> dict[str, Callable[..., Any]]:
    """The methods a twilio class defines itself: each one nests a child element."""
    return {
        name: function
        for name, function in vars(cls).items()
        if inspect.isfunction(function) and name != "__init__"
    }


def parameter_names(function: Callable[..., Any]) -> list[str]:
    """Named parameters in declaration order, without ``self`` and ``**kwargs``."""
    return [
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if name != "self" and parameter.kind is not inspect.Parameter.VAR_KEYWORD
    ]


def required_parameters(function: Callable[..., Any]) -> list[str]:
    """Named parameters without a default, without ``self``."""
    return [
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if name != "self"
        and parameter.kind is not inspect.Parameter.VAR_KEYWORD
        and parameter.default is inspect.Parameter.empty
    ]


def laml_class(kind: str, name: str) -> type[laml.TwiML]:
    """The laml class exported under twilio's name by the matching ``laml.*_response`` module."""
    cls: type[laml.TwiML] = getattr(MODULES[kind][1], name)
    return cls


def laml_child_element(kind: str, parent: str, method: str) -> Element | None:
    """The vocabulary entry laml's ``parent.method()`` creates, if laml has that method at all."""
    element = laml_class(kind, parent).element
    assert element is not None
    for child in element.children:
        if ELEMENTS[child].builder_method == method:
            return ELEMENTS[child]
    return None


def argument_for(keyword: str, position: int, element: Element | None) -> Any:
    """A value of the right shape: a bool for boolean attributes, else a string unique to the keyword."""
    if element is not None:
        for attribute in element.attributes:
            if attribute.python == keyword and attribute.kind is _kinds.BOOLEAN:
                return position % 2 == 0
    return f"{keyword.replace('_', '-')} #{position}"


def arguments(kind: str, parent: str, method: str) -> dict[str, Any]:
    """Every named parameter of twilio's ``parent.method`` with a value, in declaration order."""
    function = child_methods(getattr(MODULES[kind][0], parent))[method]
    element = laml_child_element(kind, parent, method)
    return {
        keyword: argument_for(keyword, position, element)
        for position, keyword in enumerate(parameter_names(function))
    }


def parent_pair(kind: str, name: str) -> tuple[TwilioTwiML, laml.TwiML]:
    """The same element built by both libraries, with its required constructor arguments filled in."""
    twilio_cls = twilio_classes(MODULES[kind][0])[name]
    required = {param: f"parent {param}" for param in required_parameters(twilio_cls.__init__)}
    return twilio_cls(**required), laml_class(kind, name)(**required)


def all_cases() -> list[tuple[str, str, str]]:
    """Every (kind, class, method) twilio-python exposes."""
    return [
        (kind, class_name, method)
        for kind, (module, _, _) in MODULES.items()
        for class_name, cls in sorted(twilio_classes(module).items())
        for method in child_methods(cls)
    ]


def exposed() -> set[Exercise]:
    """Every (kind, class, method, keyword) twilio-python exposes, plus (kind, class, method, None)."""
    found: set[Exercise] = set()
    for kind, class_name, method in all_cases():
        function = child_methods(getattr(MODULES[kind][0], class_name))[method]
        found.add((kind, class_name, method, None))
        found.update((kind, class_name, method, keyword) for keyword in parameter_names(function))
    return found


CASES = all_cases()
CASE_IDS = [f"{kind}:{cls}.{method}" for kind, cls, method in CASES]
ALL_CLASSES = [(kind, name) for kind, (module, _, _) in MODULES.items() for name in twilio_classes(module)]


def build_everything(kind: str) -> tuple[TwilioTwiML, laml.TwiML, set[Exercise], set[str]]:
    """One document per kind that calls every child method of every class with every keyword, on both.

    Starting at the root, each class's methods are all called (with every keyword) the first time an
    instance of that class is created, so nesting follows twilio's own structure: ``say.prosody(...)``
    then ``prosody.emphasis(...)`` and so on.
    """
    twilio_root, laml_root = parent_pair(kind, MODULES[kind][2])
    exercised: set[Exercise] = set()
    expanded: set[str] = set()

    def grow(twilio_node: TwilioTwiML, laml_node: laml.TwiML) -> None:
        class_name = type(twilio_node).__name__
        if class_name in expanded:
            return
        expanded.add(class_name)
        for method in child_methods(type(twilio_node)):
            kwargs = arguments(kind, class_name, method)
            twilio_child = getattr(twilio_node, method)(**kwargs)
            laml_child = getattr(laml_node, method)(**kwargs)
            exercised.add((kind, class_name, method, None))
            exercised.update((kind, class_name, method, keyword) for keyword in kwargs)
            grow(twilio_child, laml_child)

    grow(twilio_root, laml_root)
    return twilio_root, laml_root, exercised, expanded


# ---- classes and methods -------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "name"), ALL_CLASSES, ids=[f"{k}:{n}" for k, n in ALL_CLASSES])
def test_every_twilio_class_has_a_laml_class_with_the_same_tag(kind: str, name: str) -> None:
    """``from laml.voice_response import X`` works for every X twilio exports, and X writes the same tag."""
    assert hasattr(MODULES[kind][1], name), f"laml.{kind}_response has no {name}"
    twilio_node, laml_node = parent_pair(kind, name)
    assert laml_node.name == twilio_node.name
    assert canonical(str(laml_node)) == canonical(str(twilio_node))


@pytest.mark.parametrize(("kind", "parent", "method"), CASES, ids=CASE_IDS)
def test_method_exists_and_takes_twilio_parameters_in_order(kind: str, parent: str, method: str) -> None:
    """Positional calls bind the same way: twilio's parameters are a prefix of laml's, in the same order."""
    twilio_function = child_methods(getattr(MODULES[kind][0], parent))[method]
    laml_function = getattr(laml_class(kind, parent), method, None)
    assert laml_function is not None, f"laml {parent} has no method {method}()"
    twilio_params = parameter_names(twilio_function)
    laml_params = parameter_names(laml_function)
    assert laml_params[: len(twilio_params)] == twilio_params


@pytest.mark.parametrize(("kind", "parent", "method"), CASES, ids=CASE_IDS)
def test_vocabulary_knows_every_twilio_keyword(kind: str, parent: str, method: str) -> None:
    """A new twilio attribute fails here until the vocabulary learns it (with a kind and a dialect).

    The element's text parameter is the one twilio's child constructor takes; the rest are attributes.
    """
    element = laml_child_element(kind, parent, method)
    assert element is not None, f"the vocabulary gives {parent} no child created by {method}()"
    twilio_parent = twilio_classes(MODULES[kind][0])[parent]
    twilio_child = getattr(
        twilio_parent(**{p: "x" for p in required_parameters(twilio_parent.__init__)}), method
    )
    child_cls = type(twilio_child(**arguments(kind, parent, method)))
    twilio_text = parameter_names(child_cls.__init__)
    assert element.name == child_cls.__name__
    assert ([element.text] if element.text else []) == twilio_text
    attribute_keywords = {attribute.python for attribute in element.attributes}
    missing = (
        set(parameter_names(child_methods(twilio_parent)[method])) - attribute_keywords - set(twilio_text)
    )
    assert not missing, f"<{element.tag}> attributes the vocabulary lacks: {sorted(missing)}"


@pytest.mark.parametrize(("kind", "parent", "method"), CASES, ids=CASE_IDS)
def test_every_keyword_renders_like_twilio(kind: str, parent: str, method: str) -> None:
    """Calling a method with all of twilio's keywords writes the same canonical XML as twilio-python."""
    twilio_node, laml_node = parent_pair(kind, parent)
    kwargs = arguments(kind, parent, method)
    twilio_child = getattr(twilio_node, method)(**kwargs)
    laml_child = getattr(laml_node, method)(**kwargs)
    assert type(laml_child).__name__ == type(twilio_child).__name__
    assert canonical(str(laml_node)) == canonical(str(twilio_node))


@pytest.mark.parametrize(("kind", "parent", "method"), CASES, ids=CASE_IDS)
def test_every_parameter_binds_positionally_like_twilio(kind: str, parent: str, method: str) -> None:
    """The same values passed positionally (all of them, not just the first) land on the same attributes."""
    twilio_node, laml_node = parent_pair(kind, parent)
    args = list(arguments(kind, parent, method).values())
    getattr(twilio_node, method)(*args)
    getattr(laml_node, method)(*args)
    assert canonical(str(laml_node)) == canonical(str(twilio_node))


@pytest.mark.parametrize("kind", list(MODULES))
def test_whole_vocabulary_document_matches_twilio(kind: str) -> None:
    """One document using every class, method and keyword twilio has is identical, and covers all of them."""
    twilio_root, laml_root, exercised, reached = build_everything(kind)
    assert canonical(str(laml_root)) == canonical(str(twilio_root))
    assert exercised == {case for case in exposed() if case[0] == kind}
    assert reached == set(twilio_classes(MODULES[kind][0])), "every twilio class appears in the document"


def test_coverage_is_everything_twilio_exposes() -> None:
    """The exercised set is exactly twilio's surface: a new twilio method or keyword shows up here."""
    exercised: set[Exercise] = set()
    for kind in MODULES:
        exercised |= build_everything(kind)[2]
    assert exercised == exposed()


@pytest.mark.parametrize("kind", list(MODULES))
def test_parse_round_trips_twilio_documents(kind: str) -> None:
    """``laml.parse`` of twilio's big document serialises back to the same canonical XML."""
    source = str(_twilio_only_document(kind))
    assert canonical(str(laml.parse(source))) == canonical(source)


@pytest.mark.parametrize("kind", list(MODULES))
def test_parse_round_trips_laml_documents(kind: str) -> None:
    """``str(laml.parse(str(doc)))`` is canonically ``str(doc)`` for the big documents laml builds."""
    laml_root = build_everything(kind)[1]
    source = str(laml_root)
    assert canonical(str(laml.parse(source))) == canonical(source)


def _twilio_only_document(kind: str) -> TwilioTwiML:
    """The big document built with twilio-python alone (independent of laml's builder methods)."""
    root = twilio_classes(MODULES[kind][0])[MODULES[kind][2]]()
    expanded: set[str] = set()

    def grow(node: TwilioTwiML) -> None:
        class_name = type(node).__name__
        if class_name in expanded:
            return
        expanded.add(class_name)
        for method in child_methods(type(node)):
            function = child_methods(type(node))[method]
            kwargs = {k: f"{k} #{i}" for i, k in enumerate(parameter_names(function))}
            grow(getattr(node, method)(**kwargs))

    grow(root)
    return root


# ---- the public surface, case by case -----------------------------------------------------------------


def test_append_prebuilt_element_returns_parent() -> None:
    """``append`` of an element built on its own nests it and returns the parent, as in twilio."""
    twilio_dial = twilio_voice.Dial(caller_id="+15550001111")
    twilio_dial.number("+15551234567", send_digits="ww1")
    twilio_response = twilio_voice.VoiceResponse()
    assert twilio_response.append(twilio_dial) is twilio_response

    laml_dial = laml_voice.Dial(caller_id="+15550001111")
    laml_dial.number("+15551234567", send_digits="ww1")
    laml_response = laml.VoiceResponse()
    assert laml_response.append(laml_dial) is laml_response
    assert canonical(str(laml_response)) == canonical(str(twilio_response))


def test_nest_returns_the_child() -> None:
    """``nest`` returns its argument so calls can chain on the child."""
    twilio_response = twilio_voice.VoiceResponse()
    twilio_response.nest(twilio_voice.Gather(num_digits="1")).say("Press one")
    laml_response = laml.VoiceResponse()
    gather = laml_voice.Gather(num_digits="1")
    assert laml_response.nest(gather) is gather
    gather.say("Press one")
    assert canonical(str(laml_response)) == canonical(str(twilio_response))


def test_nest_rejects_other_types() -> None:
    """Nesting something that is neither TwiML nor a string is a ``TwiMLException`` in both libraries."""
    with pytest.raises(TwilioTwiMLException):
        twilio_voice.VoiceResponse().nest(42)  # type: ignore[arg-type]
    with pytest.raises(laml.TwiMLException):
        laml.VoiceResponse().nest(42)  # type: ignore[arg-type]


def test_with_blocks() -> None:
    """``with response.gather(...) as gather:`` yields the child and nests what is added inside."""
    twilio_response = twilio_voice.VoiceResponse()
    with twilio_response.gather(input="dtmf speech", action="/next") as gather:
        gather.say("Say or press a number")
        gather.pause(length=2)
    with twilio_response.dial() as dial:
        dial.number("+15551234567")
    laml_response = laml.VoiceResponse()
    with laml_response.gather(input="dtmf speech", action="/next") as laml_gather:
        laml_gather.say("Say or press a number")
        laml_gather.pause(length=2)
    with laml_response.dial() as laml_dial:
        laml_dial.number("+15551234567")
    assert canonical(str(laml_response)) == canonical(str(twilio_response))


def test_add_child_generic_nodes() -> None:
    """``add_child`` creates an element of any name, with text and camel-cased keyword attributes."""
    twilio_response = twilio_voice.VoiceResponse()
    twilio_custom = twilio_response.add_child("Custom", "inner text", some_attribute="a", plain="b")
    twilio_custom.add_child("Nested", other_value="c")
    laml_response = laml.VoiceResponse()
    laml_custom = laml_response.add_child("Custom", "inner text", some_attribute="a", plain="b")
    assert isinstance(laml_custom, laml.GenericNode)
    laml_custom.add_child("Nested", other_value="c")
    assert canonical(str(laml_response)) == canonical(str(twilio_response))
    assert b'someAttribute="a"' in canonical(str(laml_response))


TRICKY_TEXT = "Tom & Jerry <say> \"quoted\" 'single' > end"
TRICKY_ATTRIBUTE = "a & b < c > d \"double\" 'single'\nsecond line\ttab"


def test_text_escaping() -> None:
    """&, <, > in text and &, <, >, quotes, newlines and tabs in attributes survive serialisation."""
    twilio_response = twilio_voice.VoiceResponse()
    twilio_response.say(TRICKY_TEXT, voice="alice")
    twilio_response.play(TRICKY_TEXT)
    twilio_response.dial(caller_id=TRICKY_ATTRIBUTE).number("+15551234567", url=TRICKY_ATTRIBUTE)
    twilio_response.add_child("Custom", TRICKY_TEXT, note=TRICKY_ATTRIBUTE)
    laml_response = laml.VoiceResponse()
    laml_response.say(TRICKY_TEXT, voice="alice")
    laml_response.play(TRICKY_TEXT)
    laml_response.dial(caller_id=TRICKY_ATTRIBUTE).number("+15551234567", url=TRICKY_ATTRIBUTE)
    laml_response.add_child("Custom", TRICKY_TEXT, note=TRICKY_ATTRIBUTE)
    assert canonical(str(laml_response)) == canonical(str(twilio_response))
    tree = etree.fromstring(str(laml_response).encode())
    assert tree.find("Say").text == TRICKY_TEXT
    assert tree.find("Dial").get("callerId") == TRICKY_ATTRIBUTE
    assert tree.find("Custom").get("note") == TRICKY_ATTRIBUTE


def test_carriage_return_is_preserved() -> None:
    """A carriage return is escaped, so it survives parsing (twilio writes it raw and it turns into \\n)."""
    response = laml.VoiceResponse()
    response.say("one\rtwo", voice="a\rb")
    tree = etree.fromstring(str(response).encode())
    assert tree.find("Say").text == "one\rtwo"
    assert tree.find("Say").get("voice") == "a\rb"


def test_control_characters_are_refused() -> None:
    """Characters XML cannot hold raise ``ValueError`` (twilio produces a document nobody can parse)."""
    response = laml.VoiceResponse()
    response.say("bell \x07")
    with pytest.raises(ValueError):
        str(response)


SSML_METHODS = ["break_", "emphasis", "lang", "p", "phoneme", "prosody", "s", "say_as", "sub", "w"]


def _ssml(response: Any) -> Any:
    """Every SSML method under one <Say>, plus nesting several levels deep; works on either library."""
    say = response.say("Hello ", voice="Polly.Joanna", language="en-US")
    say.break_(strength="strong", time="500ms")
    say.emphasis("really", level="strong")
    say.lang("Bonjour", xml_lang="fr-FR")
    say.p("A paragraph.")
    say.phoneme("tomato", alphabet="x-sampa", ph="t@'meItoU")
    say.prosody("slowly", volume="soft", rate="slow", pitch="low")
    say.s("A sentence.")
    say.say_as("12345", interpret_as="digits", format="ymd")
    say.sub("W3C", alias="World Wide Web Consortium")
    say.w("read", role="amazon:VBD")
    prosody = say.prosody(rate="fast")
    prosody.emphasis("very", level="moderate").say_as("42", interpret_as="cardinal")
    paragraph = prosody.p()
    sentence = paragraph.s("Nested ")
    sentence.lang(xml_lang="de-DE").prosody("schnell", rate="x-fast").break_(time="1s")
    sentence.w("live", role="amazon:VB").phoneme("live", alphabet="x-sampa", ph="lIv")
    emphasis = say.emphasis(level="reduced")
    emphasis.lang("hola", xml_lang="es-ES")
    emphasis.w("bass", role="amazon:SENSE_1")
    return response


def test_nested_ssml_under_say() -> None:
    """Every SSML method of twilio's <Say>, and nested chains such as ``say.prosody().emphasis()``."""
    twilio_response = _ssml(twilio_voice.VoiceResponse())
    laml_response = _ssml(laml.VoiceResponse())
    assert canonical(str(laml_response)) == canonical(str(twilio_response))
    assert sorted(child_methods(twilio_voice.Say)) == sorted(SSML_METHODS)


def test_ssml_break_takes_strength_positionally() -> None:
    """``say.break_("strong", "2s")`` binds strength and time, as twilio's signature does (no text)."""
    twilio_say = twilio_voice.Say("Wait")
    twilio_say.break_("strong", "2s")
    laml_say = laml_voice.Say("Wait")
    laml_say.break_("strong", "2s")
    assert canonical(str(laml_say)) == canonical(str(twilio_say))


def test_positional_arguments_beyond_the_first() -> None:
    """``response.say("hi", "alice", 2, "en-US")`` binds message, voice, loop, language in that order."""
    twilio_response = twilio_voice.VoiceResponse()
    twilio_response.say("hi", "alice", "2", "en-US")
    twilio_response.dial("+15551234567", "/after", "POST", "30")
    twilio_response.gather("dtmf", "/gathered", "GET", "5").play("https://example.com/a.mp3", "2")
    twilio_response.record("/recorded", "POST", "10", "#")
    twilio_messaging_response = twilio_messaging.MessagingResponse()
    twilio_messaging_response.message("body", "+15550001111", "+15552223333", "/sent", "POST")

    laml_response = laml.VoiceResponse()
    laml_response.say("hi", "alice", 2, "en-US")
    laml_response.dial("+15551234567", "/after", "POST", 30)
    laml_response.gather("dtmf", "/gathered", "GET", 5).play("https://example.com/a.mp3", 2)
    laml_response.record("/recorded", "POST", 10, "#")
    laml_messaging_response = laml.MessagingResponse()
    laml_messaging_response.message("body", "+15550001111", "+15552223333", "/sent", "POST")

    assert canonical(str(laml_response)) == canonical(str(twilio_response))
    assert canonical(str(laml_messaging_response)) == canonical(str(twilio_messaging_response))
    assert b'<Say language="en-US" loop="2" voice="alice">hi</Say>' in canonical(str(laml_response))


def test_too_many_positional_arguments_is_a_type_error() -> None:
    """More positional arguments than parameters is a ``TypeError``, as for any Python call."""
    with pytest.raises(TypeError):
        laml_voice.Pause(1, 2)


def test_python_keyword_name_mapping() -> None:
    """``from_``, ``xml_lang``, ``interpret_as``, ``for_`` and ``break_`` map to from, xml:lang, etc."""

    def build(voice_module: ModuleType, messaging_module: ModuleType) -> tuple[str, str]:
        response = voice_module.VoiceResponse()
        response.sms("hi", to="+15550001111", from_="+15552223333")
        say = response.say("x")
        say.lang("y", xml_lang="fr-FR")
        say.say_as("1", interpret_as="ordinal")
        say.break_(time="1s")
        response.pay().prompt(for_="payment-card-number").say("Card number")
        messaging = messaging_module.MessagingResponse()
        messaging.message("m", to="+15550001111", from_="+15552223333")
        return str(response), str(messaging)

    twilio_voice_xml, twilio_messaging_xml = build(twilio_voice, twilio_messaging)
    laml_voice_xml, laml_messaging_xml = build(laml_voice, laml_messaging)
    assert canonical(laml_voice_xml) == canonical(twilio_voice_xml)
    assert canonical(laml_messaging_xml) == canonical(twilio_messaging_xml)
    tree = etree.fromstring(laml_voice_xml.encode())
    assert tree.find("Sms").get("from") == "+15552223333"
    assert tree.find("Say/lang").get("{http://www.w3.org/XML/1998/namespace}lang") == "fr-FR"
    assert tree.find("Say/say-as").get("interpret-as") == "ordinal"
    assert tree.find("Say/break") is not None
    assert tree.find("Pay/Prompt").get("for") == "payment-card-number"


def test_bool_rendering() -> None:
    """Python booleans render as ``true`` / ``false``, as twilio does."""
    twilio_response = twilio_voice.VoiceResponse()
    twilio_response.dial(hangup_on_star=True, answer_on_bridge=False).conference(
        "room", muted=False, start_conference_on_enter=True, end_conference_on_exit=False, beep=True
    )
    twilio_response.record(play_beep=False, transcribe=True)
    laml_response = laml.VoiceResponse()
    laml_response.dial(hangup_on_star=True, answer_on_bridge=False).conference(
        "room", muted=False, start_conference_on_enter=True, end_conference_on_exit=False, beep=True
    )
    laml_response.record(play_beep=False, transcribe=True)
    assert canonical(str(laml_response)) == canonical(str(twilio_response))
    assert 'hangupOnStar="true"' in str(laml_response)
    assert 'answerOnBridge="false"' in str(laml_response)


def test_none_values_are_left_out() -> None:
    """A keyword passed as ``None`` writes no attribute (twilio's behaviour for defaults)."""
    response = laml.VoiceResponse()
    response.say("hi", voice=None, loop=None)
    assert str(response) == DECLARATION + "<Response><Say>hi</Say></Response>"


def test_to_xml_with_and_without_declaration() -> None:
    """``to_xml()`` and ``str()`` match twilio byte for byte; ``xml_declaration=False`` drops the prologue."""
    twilio_response = twilio_voice.VoiceResponse()
    twilio_response.say("hi", voice="alice")
    twilio_response.hangup()
    laml_response = laml.VoiceResponse()
    laml_response.say("hi", voice="alice")
    laml_response.hangup()
    assert str(laml_response) == str(twilio_response)
    assert laml_response.to_xml() == twilio_response.to_xml()
    assert laml_response.to_xml(xml_declaration=False) == twilio_response.to_xml(xml_declaration=False)
    assert (
        laml_response.to_xml(xml_declaration=False)
        == '<Response><Say voice="alice">hi</Say><Hangup /></Response>'
    )
    assert str(laml_response).startswith(DECLARATION + "<Response>")


def test_dict_text_is_json() -> None:
    """A dict as element text (``<Task>`` attributes) is written as JSON, as twilio does."""
    body = {"selected_language": "es", "priority": 5}
    twilio_response = twilio_voice.VoiceResponse()
    twilio_response.enqueue(workflow_sid="WW123").task(body)
    laml_response = laml.VoiceResponse()
    laml_response.enqueue(workflow_sid="WW123").task(body)
    assert canonical(str(laml_response)) == canonical(str(twilio_response))


def test_lists_are_joined_with_spaces_unlike_twilio() -> None:
    """Deliberate difference: lists become space-separated values; twilio writes the Python repr."""
    events = ["initiated", "ringing", "answered"]
    twilio_response = twilio_voice.VoiceResponse()
    twilio_response.dial().number("+15551234567", status_callback_event=events)
    laml_response = laml.VoiceResponse()
    laml_response.dial().number("+15551234567", status_callback_event=events)
    twilio_value = (
        etree.fromstring(str(twilio_response).encode()).find("Dial/Number").get("statusCallbackEvent")
    )
    laml_value = etree.fromstring(str(laml_response).encode()).find("Dial/Number").get("statusCallbackEvent")
    assert twilio_value == "['initiated', 'ringing', 'answered']"
    assert laml_value == "initiated ringing answered"
    assert laml.validate(str(laml_response), dialect="twiml") == []


def test_numbers_are_stringified() -> None:
    """Deliberate difference: non-string values are written with ``str`` (twilio's serializer crashes)."""
    response = laml.VoiceResponse()
    response.pause(length=3)
    response.say("x", loop=0)
    assert canonical(str(response)) == b'<Response><Pause length="3"></Pause><Say loop="0">x</Say></Response>'


# ---- SignalWire additions -----------------------------------------------------------------------------


def _signalwire_documents() -> dict[str, laml.TwiML]:
    """Documents using SignalWire's additions: elements, and attributes twilio does not have."""
    denoise = laml.VoiceResponse()
    denoise.denoise("on")
    denoise.say("Noise reduction is on.")

    verto = laml.VoiceResponse()
    verto_dial = laml_voice.Dial(caller_name="Support", caller_id="+15550001111")
    verto_dial.verto("user@example.verto.signalwire.com")
    verto.append(verto_dial)

    dial = laml.VoiceResponse()
    dial.dial(
        caller_name="Front Desk",
        recording_storage_url="https://example.com/storage",
        recording_storage_url_method="POST",
        record="record-from-answer",
    ).number("+15551234567")

    stream = laml.VoiceResponse()
    stream.start().stream(
        url="wss://example.com/audio",
        codec="PCMU@8000h",
        bidir=True,
        realtime=False,
        auth_bearer_token="secret-token",
    )
    stream.connect().stream(url="wss://example.com/bidirectional", codec="L16@16000h", bidir=True)

    record = laml.VoiceResponse()
    record.record(storage_url="https://example.com/recordings", storage_url_method="POST", max_length=30)

    echo = laml.VoiceResponse()
    echo.echo(timeout=30)

    sip = laml.VoiceResponse()
    sip.dial().sip("sip:alice@example.com", codecs="PCMU,PCMA", session_timeout=1800)

    fax = laml.FaxResponse()
    fax.reject()

    fax_receive = laml.FaxResponse()
    fax_receive.receive(action="/fax-received", media_type="application/pdf", page_size="letter")

    return {
        "denoise": denoise,
        "verto": verto,
        "dial": dial,
        "stream": stream,
        "record": record,
        "echo": echo,
        "sip": sip,
        "fax-reject": fax,
        "fax-receive": fax_receive,
    }


SIGNALWIRE_DOCUMENTS = _signalwire_documents()


def test_signalwire_additions_render() -> None:
    """SignalWire's elements and attributes have builder methods and write the documented XML."""
    docs = {name: canonical(str(doc)) for name, doc in SIGNALWIRE_DOCUMENTS.items()}
    assert b"<Denoise>on</Denoise>" in docs["denoise"]
    assert b"<Verto>user@example.verto.signalwire.com</Verto>" in docs["verto"]
    assert b'callerName="Support"' in docs["verto"]
    assert b'callerName="Front Desk"' in docs["dial"]
    assert b'recordingStorageUrl="https://example.com/storage"' in docs["dial"]
    assert b'bidir="true"' in docs["stream"]
    assert b'codec="PCMU@8000h"' in docs["stream"]
    assert b'realtime="false"' in docs["stream"]
    assert b'authBearerToken="secret-token"' in docs["stream"]
    assert b'storageUrl="https://example.com/recordings"' in docs["record"]
    assert b'<Echo timeout="30"></Echo>' in docs["echo"]
    assert b'sessionTimeout="1800"' in docs["sip"]
    assert docs["fax-reject"] == b"<Response><Reject></Reject></Response>"


@pytest.mark.parametrize("name", list(SIGNALWIRE_DOCUMENTS))
def test_signalwire_documents_validate_clean_as_laml(name: str) -> None:
    """Documents using SignalWire's additions have no diagnostics under the LaML dialect."""
    assert laml.validate(str(SIGNALWIRE_DOCUMENTS[name]), dialect="laml") == []


@pytest.mark.parametrize("name", ["denoise", "verto", "dial", "stream", "record", "echo", "sip"])
def test_signalwire_additions_are_flagged_under_twiml(name: str) -> None:
    """The same documents validated for Twilio report the SignalWire-only features (LAML212)."""
    codes = {d.code for d in laml.validate(str(SIGNALWIRE_DOCUMENTS[name]), dialect="twiml")}
    assert codes == {"LAML212"}


@pytest.mark.parametrize("name", list(SIGNALWIRE_DOCUMENTS))
def test_signalwire_documents_round_trip_through_parse(name: str) -> None:
    """``laml.parse`` turns SignalWire documents back into builders that write the same XML."""
    source = str(SIGNALWIRE_DOCUMENTS[name])
    assert canonical(str(laml.parse(source))) == canonical(source)


def test_signalwire_methods_are_absent_from_twilio() -> None:
    """Sanity check of the oracle: these really are additions, twilio-python has no such methods."""
    assert not hasattr(twilio_voice.VoiceResponse, "denoise")
    assert not hasattr(twilio_voice.Dial, "verto")
    assert not hasattr(twilio_fax.FaxResponse, "reject")
    assert "caller_name" not in parameter_names(twilio_voice.VoiceResponse.dial)
