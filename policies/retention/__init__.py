"""Retention: how long data is kept, as the guide sets it, and bounded for personal data."""
