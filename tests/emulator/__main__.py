"""Run the emulator by hand: ``python -m tests.emulator --dialect signalwire --port 8080``.

Prints the account SID, token and a ready config-file profile, then serves until Ctrl-C. Handy for trying
``sw-migrate whoami`` / ``inventory`` / ``sync`` without real accounts.
"""

from __future__ import annotations

import argparse
import time

from tests.emulator._server import Emulator


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.emulator", description=__doc__)
    parser.add_argument("--dialect", choices=["twilio", "signalwire"], default="twilio")
    parser.add_argument("--paging", choices=["flat", "meta"], default="flat")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--accounts", type=int, default=2, help="how many accounts to create")
    parser.add_argument("--available", type=int, default=20, help="numbers for sale (+1555010xxxx)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every request")
    options = parser.parse_args()

    emulator = Emulator(options.dialect, paging=options.paging, port=options.port, quiet=False).start()
    emulator.faults.latency = options.latency
    emulator.add_available(*(f"+1555010{i:04d}" for i in range(options.available)))
    print(f"{options.dialect} emulator on {emulator.base_url}")
    for index in range(options.accounts):
        account = emulator.add_account(f"Account {index + 1}")
        variable = f"EMULATOR_TOKEN_{index + 1}"
        print(f"\n# export {variable}={account.token}")
        print(emulator.profile_toml(f"emu{index + 1}", account, variable), end="")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        emulator.stop()


if __name__ == "__main__":
    main()
