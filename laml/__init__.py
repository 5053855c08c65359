"""LaML / TwiML vocabulary, builder, validator and bins."""
