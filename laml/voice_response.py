"""Drop-in for ``twilio.twiml.voice_response``: ``VoiceResponse`` and every element it can contain.

The classes are built from :mod:`laml.vocabulary`; this module only exports them under
twilio-python's names, so ``from laml.voice_response import ...``
replaces ``from twilio.twiml.voice_response import ...``.
"""

from laml._builder import GenericNode, TwiML, TwiMLException, reachable_classes

globals().update(reachable_classes("VoiceResponse"))

__all__ = ["GenericNode", "TwiML", "TwiMLException", *reachable_classes("VoiceResponse")]
