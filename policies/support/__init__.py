"""Shared pieces of the pack's rules: zone data, config, property views, parsers."""
