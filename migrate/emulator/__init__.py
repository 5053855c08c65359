"""A local, faithful Compatibility API emulator (Twilio and SignalWire dialects) for tests and by-hand runs.

::

    with Emulator("signalwire", paging="meta") as emu:
        acct = emu.add_account("Old project")
        emu.add_available("+15551230001")
        client = RestClient(emu.account_for(acct))
        emu.fail(429, retry_after="1", method="POST", times=2)
        ...
        assert emu.writes() == []

A migrated application's webhooks are called the way the platform calls them (loopback URLs only)::

    call = emu.incoming_call(acct, "+15550100001")          # the number's voice_url, signed
    (voice,) = emu.wait_for_callbacks(sid=call["sid"])      # Callback: kind, url, params, status, …
    assert voice.outcome == "ok" and voice.diagnostics == []

``Emulator(..., tls=True)`` serves https with a throwaway certificate (``emu.ca_bundle``), for SDKs that
force ``https://{space}``; the SignalWire dialect also answers at the space root (``/2010-04-01/…``).

Run by hand: ``sw-migrate emulate --port 8931 --project P1`` (see ``sw-migrate emulate --help``).
"""

from migrate.emulator._app import LoggedRequest
from migrate.emulator._callbacks import Callback
from migrate.emulator._faults import Fault
from migrate.emulator._server import Emulator
from migrate.emulator._state import EmulatedAccount

__all__ = ["Callback", "EmulatedAccount", "Emulator", "Fault", "LoggedRequest"]
