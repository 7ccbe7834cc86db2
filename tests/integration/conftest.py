"""Session fixtures for the local servers.

Each ``*_server`` fixture yields the server's :class:`~runtime.local.Endpoint`. A server that
already runs (``python -m runtime.local start``, as .ci/run does) is reused; one that does not
is installed if needed and started once for the session, then stopped at its end unless
``DATASPACE_KEEP_SERVERS=1``. A server that cannot start fails its tests with its log tail.
"""

import os

import pytest

from runtime.local import Endpoint, manager, registry
from runtime.local.settings import Settings, load


class ServerPool:
    """Starts servers on first use and remembers which ones it started."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.started: list[str] = []
        self.ready: set[str] = set()

    def require(self, name: str) -> Endpoint:
        """The endpoint of server ``name``, started and answering."""
        server = registry.select(self.settings, [name])[0]
        if name in self.ready:
            return server.endpoint()
        running = server.pid() is not None
        if not running and not server.installed():
            manager.install([server])
        outcome = manager.start([server])[0]
        if not outcome.ok:
            pytest.fail(f"local server {name}: {outcome.message}", pytrace=False)
        if not running:
            self.started.append(name)
        self.ready.add(name)
        return server.endpoint()

    def close(self) -> None:
        """Stop the servers this pool started."""
        if os.environ.get("DATASPACE_KEEP_SERVERS") == "1" or not self.started:
            return
        manager.stop(registry.select(self.settings, self.started))


@pytest.fixture(scope="session")
def local_servers():
    """The session's pool of local servers."""
    pool = ServerPool(load())
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def kafka_server(local_servers: ServerPool) -> Endpoint:
    return local_servers.require("kafka")


@pytest.fixture(scope="session")
def artemis_server(local_servers: ServerPool) -> Endpoint:
    return local_servers.require("artemis")


@pytest.fixture(scope="session")
def cassandra_server(local_servers: ServerPool) -> Endpoint:
    return local_servers.require("cassandra")


@pytest.fixture(scope="session")
def redis_server(local_servers: ServerPool) -> Endpoint:
    return local_servers.require("redis")


@pytest.fixture(scope="session")
def ferretdb_server(local_servers: ServerPool) -> Endpoint:
    return local_servers.require("ferretdb")


@pytest.fixture(scope="session")
def postgres_server(local_servers: ServerPool) -> Endpoint:
    return local_servers.require("postgres")
