"""Where resources live: an EU stack keeps every resource in the EU."""
