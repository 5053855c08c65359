"""Is an XML file found in a repository a call-control document at all?

Repositories hold SVG icons, Maven ``pom.xml`` files, Android layouts, Tomcat ``context.xml`` files and IDE
settings next to their TwiML. Reporting each as LAML101 ("the root element must be <Response>") buries the
real findings, so a file met while walking a folder is checked only when it could be one: its root is
``<Response>`` or a verb, or a verb sits right under its root (a misspelt root around ``<Say>`` is still
reported), or it cannot even be parsed (its problem is reported). Nouns and deeper elements do not count:
their names are everyday XML (Tomcat's ``<Context><Parameter/>``, ``<Number>``, ``<Client>``), and a TwiML
document keeps its verbs at the top. A file named on the command line is always checked.
"""

from __future__ import annotations

from laml._parsing import ParseFailure, parse
from laml.vocabulary import ELEMENTS, ROOTS

#: ``Response`` and every element a ``<Response>`` of any kind may hold directly (Say, Dial, Message, ...).
_TOP_TAGS = frozenset(
    {root.tag for root in ROOTS.values()}
    | {ELEMENTS[child].tag for root in ROOTS.values() for child in root.children}
)


def is_call_control(data: bytes) -> bool:
    """Whether *data* may be meant as a TwiML/LaML document (see the module docstring)."""
    root = parse(data, force_utf8=False, keep_whitespace=False)
    if isinstance(root, ParseFailure):
        return True
    return root.tag in _TOP_TAGS or any(child.tag in _TOP_TAGS for child in root)
