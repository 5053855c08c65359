"""``python -m migrate.emulator …`` is ``sw-migrate emulate …`` (one implementation, two spellings)."""

from migrate.commands.emulate import emulate

if __name__ == "__main__":
    emulate(prog_name="python -m migrate.emulator")
