"""Command line and account side of the Twilio → SignalWire migration toolkit."""

from importlib.metadata import PackageNotFoundError, version

try:
    # One version source: pyproject.toml, as installed.
    __version__ = version("signalwire-migrate")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"
