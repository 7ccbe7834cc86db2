"""Recoverability: soft-deleted vaults and backups that can be restored."""
