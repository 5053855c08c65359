"""Drop-in for ``twilio.twiml.fax_response``: ``FaxResponse`` and every element it can contain.

The classes are built from :mod:`laml.vocabulary`; this module only exports them under
twilio-python's names, so ``from laml.fax_response import ...``
replaces ``from twilio.twiml.fax_response import ...``.
"""

from laml._builder import GenericNode, TwiML, TwiMLException, reachable_classes

globals().update(reachable_classes("FaxResponse"))

__all__ = ["GenericNode", "TwiML", "TwiMLException", *reachable_classes("FaxResponse")]
