"""LaML / TwiML for Python: vocabulary, builder, validator and LaML Bins.

``from laml import VoiceResponse, MessagingResponse, FaxResponse`` replaces twilio-python's builders;
``laml.validate(source)`` checks a document; ``laml.parse(source)`` turns one back into builder objects.
"""

from laml._builder import CLASSES, Comment, GenericNode, TwiML, TwiMLException
from laml._reader import LamlParseError, parse
from laml.diagnostics import CODES, Diagnostic, Severity
from laml.validator import validate

VoiceResponse = CLASSES["VoiceResponse"]
MessagingResponse = CLASSES["MessagingResponse"]
FaxResponse = CLASSES["FaxResponse"]

__all__ = [
    "CODES",
    "Comment",
    "Diagnostic",
    "FaxResponse",
    "GenericNode",
    "LamlParseError",
    "MessagingResponse",
    "Severity",
    "TwiML",
    "TwiMLException",
    "VoiceResponse",
    "parse",
    "validate",
]
