"""Command line and account side of the Twilio → SignalWire migration toolkit."""

__version__ = "0.1.0"
