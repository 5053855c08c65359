"""Run the emulator by hand: ``python -m migrate.emulator --dialect signalwire --port 8080``.

Prints the account SID, token and a ready config-file profile, then serves until Ctrl-C. Handy for trying
``sw-migrate whoami`` / ``inventory`` / ``sync`` without real accounts.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time

from migrate.emulator._server import Emulator
from migrate.emulator._state import EmulatedAccount

STUDIO_FLOW = "https://webhooks.twilio.com/v1/Accounts/AC" + "0" * 32 + "/Flows/FW" + "1" * 32


def seed_demo(emulator: Emulator, account: EmulatedAccount) -> None:
    """A little of everything ``inventory`` reports: handlers, a Studio flow, a Function, a trunk."""
    ivr = emulator.seed(
        account, "Applications", friendly_name="Main IVR", voice_url="https://example.com/ivr"
    )
    emulator.seed(account, "Applications", friendly_name="Studio flow", voice_url=STUDIO_FLOW)
    emulator.seed(
        account, "IncomingPhoneNumbers", phone_number="+15550100001", voice_application_sid=ivr["sid"]
    )
    emulator.seed(
        account,
        "IncomingPhoneNumbers",
        phone_number="+15550100002",
        sms_url="https://demo-1234.twil.io/sms",
        trunk_sid="TK" + "2" * 32,
    )
    if emulator.dialect.name == "signalwire":
        emulator.seed(account, "LamlBins", name="Greeting", contents="<Response><Say>Hello</Say></Response>")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m migrate.emulator", description=__doc__)
    parser.add_argument("--dialect", choices=["twilio", "signalwire"], default="twilio")
    parser.add_argument("--paging", choices=["flat", "meta"], default="flat")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--accounts", type=int, default=2, help="how many accounts to create")
    parser.add_argument("--available", type=int, default=20, help="numbers for sale (+1555010xxxx)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every request")
    parser.add_argument("--demo", action="store_true", help="seed the first account with sample resources")
    parser.add_argument(
        "--tls", action="store_true", help="serve https with a throwaway certificate (for SDKs that force it)"
    )
    options = parser.parse_args()

    emulator = Emulator(
        options.dialect, paging=options.paging, port=options.port, quiet=False, tls=options.tls
    ).start()
    emulator.faults.latency = options.latency
    emulator.add_available(*(f"+1555010{i:04d}" for i in range(options.available)))
    print(f"# {options.dialect} emulator on {emulator.base_url}")
    if options.tls:
        print(f"# export REQUESTS_CA_BUNDLE={emulator.ca_bundle} SIGNALWIRE_SPACE_URL={emulator.host}")
    for index in range(options.accounts):
        account = emulator.add_account(f"Account {index + 1}")
        variable = f"EMULATOR_TOKEN_{index + 1}"
        if options.demo and index == 0:
            seed_demo(emulator, account)
        print(f"\n# export {variable}={account.token}")
        print(emulator.profile_toml(f"emu{index + 1}", account, variable), end="", flush=True)
    # Stop on SIGTERM as on Ctrl-C, so a --tls run removes its certificate directory either way.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()


if __name__ == "__main__":
    main()
