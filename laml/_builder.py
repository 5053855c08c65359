"""Builder classes derived from the vocabulary: a drop-in for twilio-python's ``twilio.twiml`` builders.

Class names, method names, keyword arguments and positional order follow twilio-python 9.x, so migrated code
reads the same. Differences, all deliberate: lists are joined with spaces (twilio writes their Python repr),
non-string values are stringified instead of crashing the serializer, control characters that XML cannot hold
raise ``ValueError`` instead of producing a broken document, and SignalWire's additions have methods too.

Serialisation writes the string directly rather than building an element tree: documents are small and this
is several times faster than going through ElementTree, with the same canonical output.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterable
from typing import Any, ClassVar, Literal

from laml.vocabulary import ELEMENTS, Element, python_to_xml_name

_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)


class TwiMLException(Exception):
    """Raised for misuse of the builder, as twilio-python's exception of the same name."""


def _checked(text: str) -> str:
    if _NOT_XML_CHAR.search(text):
        raise ValueError(f"text holds a character XML cannot represent: {text!r}")
    return text


def format_value(value: Any) -> str:
    """Render a keyword value the way TwiML expects: booleans lower-case, lists space-separated."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set, frozenset)):
        return " ".join(format_value(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)


class TwiML:
    """Base of every element: attributes, text (``value``) and children (``verbs``), like twilio's TwiML."""

    element: ClassVar[Element | None] = None
    _keywords: ClassVar[dict[str, str]] = {}
    _positional: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.name: str = self.element.tag if self.element else type(self).__name__
        self.value: Any = None
        self.verbs: list[TwiML | str] = []
        self.attrs: dict[str, Any] = {}
        text_param = self.element.text if self.element else None
        if len(args) > len(self._positional):
            raise TypeError(
                f"{type(self).__name__}() takes at most {len(self._positional)} positional arguments"
            )
        for keyword, value in zip(self._positional, args, strict=False):
            if keyword in kwargs:
                raise TypeError(f"{type(self).__name__}() got multiple values for argument {keyword!r}")
            kwargs[keyword] = value
        if text_param is not None and text_param in kwargs:
            self.value = kwargs.pop(text_param)
        for keyword, value in kwargs.items():
            if value is not None:
                self.attrs[self._keywords.get(keyword) or python_to_xml_name(keyword)] = value

    # -- twilio-python's public surface ------------------------------------------------------------------
    def __str__(self) -> str:
        return self.to_xml()

    def __enter__(self) -> TwiML:
        return self

    def __exit__(self, *exc_info: object) -> Literal[False]:
        return False

    def to_xml(self, xml_declaration: bool = True) -> str:
        """The document as a string, with the XML declaration unless told otherwise."""
        parts: list[str] = [_XML_DECLARATION] if xml_declaration else []
        self._write(parts)
        return "".join(parts)

    def append(self, verb: TwiML | str) -> TwiML:
        """Add a child element or text and return ``self`` (for chaining)."""
        self.nest(verb)
        return self

    def nest(self, verb: TwiML | str) -> Any:
        """Add a child element or text and return the child."""
        if not isinstance(verb, (TwiML, str)):
            raise TwiMLException("Only nesting of TwiML and strings are allowed")
        self.verbs.append(verb)
        return verb

    def add_child(self, name: str, value: Any = None, **kwargs: Any) -> GenericNode:
        """Add an element the vocabulary does not know (an escape hatch, as in twilio-python)."""
        return self.nest(GenericNode(name, value, **kwargs))  # type: ignore[no-any-return]

    def xml(self) -> Any:
        """The element as an lxml element (twilio-python returns an ElementTree element)."""
        from laml._parsing import parse_trusted

        return parse_trusted(self.to_xml(xml_declaration=False))

    # -- serialisation --------------------------------------------------------------------------------
    def _write(self, out: list[str]) -> None:
        name = self.name
        out.append("<" + name)
        attrs = self.attrs
        for key in sorted(attrs):
            out.append(f' {key}="{_checked(format_value(attrs[key])).translate(_ATTR_ESCAPES)}"')
        value = self.value
        if not value and not self.verbs:
            out.append(" />")
            return
        out.append(">")
        if value:
            out.append(_checked(format_value(value)).translate(_TEXT_ESCAPES))
        for verb in self.verbs:
            if isinstance(verb, str):
                out.append(_checked(verb).translate(_TEXT_ESCAPES))
            else:
                verb._write(out)
        out.append(f"</{name}>")


class GenericNode(TwiML):
    """An element outside the vocabulary, created by :meth:`TwiML.add_child` or when parsing."""

    def __init__(self, name: str, value: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.name = name
        self.value = value


class Comment(TwiML):
    """An XML comment, kept so that parsing and re-serialising a document loses nothing."""

    def __init__(self, text: str) -> None:
        super().__init__()
        if "--" in text or text.endswith("-"):
            raise ValueError("an XML comment cannot contain '--' or end with '-'")
        self.value = text

    def _write(self, out: list[str]) -> None:
        out.append(f"<!--{_checked(str(self.value))}-->")


def _child_method(child: type[TwiML]) -> Any:
    def method(self: TwiML, *args: Any, **kwargs: Any) -> Any:
        return self.nest(child(*args, **kwargs))

    element = child.element
    assert element is not None
    method.__name__ = element.builder_method
    method.__qualname__ = element.builder_method
    method.__doc__ = f"Create a <{element.tag}> element: {element.summary}"
    method.__signature__ = _signature(element, with_self=True)  # type: ignore[attr-defined]
    return method


def _signature(element: Element, *, with_self: bool) -> inspect.Signature:
    """A real signature for ``help()`` and IDEs: text parameter first, then attributes in twilio's order."""
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)] if with_self else []
    for keyword in _positional_names(element):
        default = inspect.Parameter.empty if keyword == element.text and element.text_required else None
        params.append(inspect.Parameter(keyword, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default))
    params.append(inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD))
    return inspect.Signature(params)


def _positional_names(element: Element) -> tuple[str, ...]:
    leading = (element.text,) if element.text else ()
    return leading + tuple(attribute.python for attribute in element.attributes)


def _build_classes(elements: Iterable[Element]) -> dict[str, type[TwiML]]:
    """Create one class per vocabulary entry, then attach a creation method for each allowed child."""
    classes: dict[str, type[TwiML]] = {}
    for element in elements:
        namespace = {
            "element": element,
            "_keywords": {attribute.python: attribute.name for attribute in element.attributes},
            "_positional": _positional_names(element),
            "__doc__": f"<{element.tag}>: {element.summary}",
            "__module__": "laml",
        }
        cls = type(element.name, (TwiML,), namespace)
        cls.__signature__ = _signature(element, with_self=False)  # type: ignore[attr-defined]
        classes[element.name] = cls
    for element in elements:
        for child_name in element.children:
            child = classes[child_name]
            setattr(classes[element.name], child.element.builder_method, _child_method(child))  # type: ignore[union-attr]
    return classes


CLASSES: dict[str, type[TwiML]] = _build_classes(ELEMENTS.values())


def reachable_classes(root: str) -> dict[str, type[TwiML]]:
    """The classes a document under *root* can contain: what ``laml.voice_response`` & co. export."""
    found: dict[str, type[TwiML]] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        if name not in found:
            found[name] = CLASSES[name]
            pending.extend(ELEMENTS[name].children)
    return found
