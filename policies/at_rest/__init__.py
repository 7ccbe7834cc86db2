"""Encryption at rest with customer-managed keys."""
