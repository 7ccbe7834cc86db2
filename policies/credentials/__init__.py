"""Credentials: passwords, keys and connection strings only as Pulumi secrets."""
