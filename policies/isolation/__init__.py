"""What a stack depends on: an EU stack references no non-EU stack or provider."""
