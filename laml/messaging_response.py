"""Drop-in for ``twilio.twiml.messaging_response``: ``MessagingResponse`` and every element it can contain.

The classes are built from :mod:`laml.vocabulary`; this module only exports them under
twilio-python's names, so ``from laml.messaging_response import ...``
replaces ``from twilio.twiml.messaging_response import ...``.
"""

from laml._builder import GenericNode, TwiML, TwiMLException, reachable_classes

globals().update(reachable_classes("MessagingResponse"))

__all__ = ["GenericNode", "TwiML", "TwiMLException", *reachable_classes("MessagingResponse")]
