"""LibCST codemods that move Twilio code to SignalWire, and the runner that applies them."""
