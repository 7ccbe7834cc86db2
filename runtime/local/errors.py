"""Errors of the local servers; the CLI prints them as one line and exits 1."""

from runtime.errors import DataspaceError


class LocalServerError(DataspaceError):
    """A local server could not be installed, started, probed or stopped."""


class PortTakenError(LocalServerError):
    """A port a local server needs is already bound by another process."""


class NotInstalledError(LocalServerError):
    """A server's binaries are missing; ``python -m runtime.local install`` fetches them."""
