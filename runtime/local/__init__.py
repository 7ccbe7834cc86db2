"""Real servers on loopback for local runs and integration tests.

Kafka, Artemis, Cassandra (for ScyllaDB), Redis, FerretDB (for Atlas) and PostgreSQL, each
with its data and logs under one state directory. ``python -m runtime.local`` installs,
starts, stops and reports them; :func:`endpoints` tells clients where they listen.
"""

from runtime.local.endpoint import Endpoint
from runtime.local.registry import NAMES
from runtime.local.settings import Settings, load

__all__ = ["NAMES", "Endpoint", "Settings", "endpoint", "endpoints", "load"]


def endpoints(settings: Settings | None = None) -> dict[str, Endpoint]:
    """Where each local server listens (configured ports; running or not)."""
    from runtime.local.registry import select

    return {s.name: s.endpoint() for s in select(settings or load())}


def endpoint(name: str, settings: Settings | None = None) -> Endpoint:
    """Where the local server ``name`` listens."""
    from runtime.local.registry import select

    return select(settings or load(), [name])[0].endpoint()
