"""Where the live SignalWire API is known to answer with less than its documents show.

PyPI ``signalwire`` 2.1.1 patches twilio-python's instance constructors to fill these fields in with
defaults, each marked ``#missing`` (``signalwire/rest/__init__.py``): the live API does not return them.
``Emulator(live=True)`` / ``sw-migrate emulate --live`` leaves them out, so a client that reads them
without a default fails here before it fails in production.
"""

from __future__ import annotations

OMITTED: dict[str, frozenset[str]] = {
    "Applications": frozenset({"message_status_callback"}),
    "AvailablePhoneNumbers": frozenset({"locality"}),
    "IncomingPhoneNumbers": frozenset(
        {
            "account_sid",
            "address_sid",
            "address_requirements",
            "identity_sid",
            "origin",
            "trunk_sid",
            "emergency_status",
            "emergency_address_sid",
        }
    ),
    "Recordings": frozenset({"encryption_details", "channels"}),
    "Transcriptions": frozenset({"type"}),
}
