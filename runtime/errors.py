"""Error hierarchy: every failure a user can act on is a DataspaceError."""


class DataspaceError(Exception):
    """Base of all errors the CLI reports as one line and exit code 1."""


class ConfigError(DataspaceError):
    """A stack file or catalog entry is invalid; the message names the key and the fix."""


class MigrationError(DataspaceError):
    """A migration could not be applied; the ledger still says what was applied."""
