"""LaML / TwiML for Python: vocabulary, builder, validator and LaML Bins.

``from laml import VoiceResponse, MessagingResponse, FaxResponse`` replaces twilio-python's builders;
``laml.validate(source)`` checks a document; ``laml.parse(source)`` turns one back into builder objects.
"""

from laml._builder import Comment, GenericNode, TwiML, TwiMLException
from laml._reader import LamlParseError, parse
from laml.diagnostics import CODES, Diagnostic, Severity
from laml.fax_response import FaxResponse
from laml.messaging_response import MessagingResponse
from laml.validator import validate
from laml.voice_response import VoiceResponse

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
