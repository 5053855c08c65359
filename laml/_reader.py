"""``laml.parse``: turn an existing document back into builder objects.

Each element is matched to its vocabulary class through its parent (``<Sip>`` under ``<Refer>`` is a
``ReferSip``, under ``<Dial>`` a ``Sip``); anything the vocabulary does not know becomes a
:class:`~laml.GenericNode`, and comments become :class:`~laml.Comment`, so ``str(parse(doc))`` is
canonically equal to ``doc``.
"""

from __future__ import annotations

from lxml import etree

from laml._builder import CLASSES, Comment, GenericNode, TwiML
from laml._parsing import ParseFailure, as_bytes, attributes
from laml._parsing import parse as parse_untrusted
from laml.validator import document_kind
from laml.vocabulary import BY_TAG, CHILDREN, ROOTS


class LamlParseError(ValueError):
    """The source is not a document that can be turned into builder objects; says where and why."""

    def __init__(self, failure: ParseFailure) -> None:
        super().__init__(f"{failure.line}:{failure.col}: {failure.code} {failure.message}")
        self.failure = failure


def parse(source: bytes | str) -> TwiML:
    """Parse *source* (hardened, like :func:`laml.validate`) into builder objects rooted at a ``*Response``.

    Raises :class:`LamlParseError` when the document is not well-formed or not safe to parse; structural
    problems do not stop parsing (use :func:`laml.validate` to find those).
    """
    data, force_utf8 = as_bytes(source)
    root = parse_untrusted(data, force_utf8)
    if isinstance(root, ParseFailure):
        raise LamlParseError(root)
    if root.tag == "Response":
        definition = ROOTS[document_kind(root)]
        node: TwiML = CLASSES[definition.name]()
        _fill(node, root, definition.name)
    else:
        node = _generic(root)
    return node


def _generic(element: etree._Element) -> TwiML:
    node = GenericNode(str(element.tag), None)
    node.attrs.update(attributes(element))
    _fill(node, element, None)
    return node


def _fill(node: TwiML, element: etree._Element, definition_name: str | None) -> None:
    node.attrs.update(attributes(element))
    if element.text:
        node.value = element.text
    children = CHILDREN[definition_name] if definition_name else {}
    for child in element:
        if isinstance(child, etree._Comment):
            node.verbs.append(Comment(child.text or ""))
        elif isinstance(child.tag, str):
            child_definition = children.get(child.tag) or BY_TAG.get(child.tag)
            if child_definition is None:
                node.verbs.append(_generic(child))
            else:
                child_node = CLASSES[child_definition.name]()
                _fill(child_node, child, child_definition.name)
                node.verbs.append(child_node)
        if child.tail:
            node.verbs.append(child.tail)
