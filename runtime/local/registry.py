"""The six local servers, by name, in the order they start."""

from runtime.local.artemis import Artemis
from runtime.local.cassandra import Cassandra
from runtime.local.errors import LocalServerError
from runtime.local.ferretdb import FerretDB
from runtime.local.kafka import Kafka
from runtime.local.postgres import Postgres
from runtime.local.redis_server import Redis
from runtime.local.server import Server
from runtime.local.settings import Settings

SERVER_CLASSES: tuple[type[Server], ...] = (Cassandra, Kafka, Artemis, Redis, FerretDB, Postgres)
NAMES: tuple[str, ...] = tuple(cls.name for cls in SERVER_CLASSES)


def select(settings: Settings, names: list[str] | tuple[str, ...] | None = None) -> list[Server]:
    """The servers called ``names`` (all of them when empty), in start order."""
    wanted = list(dict.fromkeys(names or NAMES))
    unknown = [n for n in wanted if n not in NAMES]
    if unknown:
        raise LocalServerError(f"unknown server(s) {', '.join(unknown)}; known: {', '.join(NAMES)}")
    return [cls(settings) for cls in SERVER_CLASSES if cls.name in wanted]
