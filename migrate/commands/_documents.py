"""Is an XML file found in a repository a call-control document at all?

Repositories hold SVG icons, Maven ``pom.xml`` files, Android layouts and IDE settings next to their TwiML.
Reporting each as LAML101 ("the root element must be <Response>") buries the real findings, so a file met
while walking a folder is checked only when it could be one: its root is ``<Response>``, or it holds an
element TwiML or LaML defines (a misspelt root around ``<Say>`` is still reported), or it cannot even be
parsed (its problem is reported). A file named on the command line is always checked.
"""

from __future__ import annotations

from laml._parsing import ParseFailure, parse
from laml.vocabulary import ELEMENTS

_TWIML_TAGS = frozenset(element.tag for element in ELEMENTS.values() if element.tag[:1].isupper())


def is_call_control(data: bytes) -> bool:
    """Whether *data* may be meant as a TwiML/LaML document (see the module docstring)."""
    root = parse(data, force_utf8=False, keep_whitespace=False)
    if isinstance(root, ParseFailure):
        return True
    return any(element.tag in _TWIML_TAGS for element in root.iter())
