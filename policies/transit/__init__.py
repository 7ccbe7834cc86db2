"""Encryption in transit: TLS 1.2 or newer on every data path."""
