"""Where the local servers keep their files, which ports they bind and how much heap they get.

Everything is read from the environment once, in :func:`load`:

- ``DATASPACE_STATE_DIR``: data, logs, configs and pid files (default ``<repo>/.state/local``).
- ``DATASPACE_CACHE_DIR``: downloads and builds shared by every clone
  (default ``~/.cache/dataspace``).
- ``DATASPACE_PORT_<NAME>``: one variable per port, e.g. ``DATASPACE_PORT_KAFKA``; the names
  are the keys of :data:`DEFAULT_PORTS`, upper-cased.
- ``DATASPACE_HEAP_<SERVER>_MB``: JVM heap of kafka, artemis and cassandra; together at most
  :data:`MAX_TOTAL_HEAP_MB`.
- ``DATASPACE_LOCAL_REGION``: the catalog region whose Artemis addresses the broker carries.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from runtime.errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"

DEFAULT_PORTS: dict[str, int] = {
    "kafka": 19092,
    "kafka_controller": 19093,
    "artemis_amqp": 15672,
    "artemis_stomp": 16613,
    "artemis_core": 16616,
    "artemis_console": 18161,
    "cassandra": 19042,
    "cassandra_storage": 17000,
    "redis": 16379,
    "ferretdb": 27018,
    "postgres": 15432,
}

DEFAULT_HEAP_MB: dict[str, int] = {"kafka": 512, "artemis": 512, "cassandra": 1024}
MAX_TOTAL_HEAP_MB = 3072
REGIONS = ("us-east", "us-west", "eu")


@dataclass(frozen=True)
class Settings:
    """Paths, ports and sizes of the local servers, validated."""

    state_dir: Path
    cache_dir: Path
    ports: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PORTS))
    heap_mb: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_HEAP_MB))
    region: str = "us-east"

    def port(self, key: str) -> int:
        """The port configured for ``key`` (a key of :data:`DEFAULT_PORTS`)."""
        return self.ports[key]

    def server_dir(self, name: str) -> Path:
        """The directory holding one server's data, logs, config and pid file."""
        return self.state_dir / name


def _int_env(env: dict[str, str], key: str, default: int, low: int, high: int) -> int:
    raw = env.get(key)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{key}={raw!r}: must be a whole number") from None
    if not low <= value <= high:
        raise ConfigError(f"{key}={value}: must be between {low} and {high}")
    return value


def load(env: dict[str, str] | None = None) -> Settings:
    """Read the settings from ``env`` (default: the process environment) and check them."""
    env = dict(os.environ if env is None else env)
    state_dir = Path(env.get("DATASPACE_STATE_DIR") or REPO_ROOT / ".state" / "local")
    cache_dir = Path(env.get("DATASPACE_CACHE_DIR") or Path.home() / ".cache" / "dataspace")
    ports = {
        key: _int_env(env, f"DATASPACE_PORT_{key.upper()}", default, 1024, 65535)
        for key, default in DEFAULT_PORTS.items()
    }
    clashes = sorted({p for p in ports.values() if list(ports.values()).count(p) > 1})
    if clashes:
        names = [k for k, p in ports.items() if p in clashes]
        raise ConfigError(f"ports {clashes} are given to more than one of {names}; change one")
    heap = {
        name: _int_env(env, f"DATASPACE_HEAP_{name.upper()}_MB", default, 128, MAX_TOTAL_HEAP_MB)
        for name, default in DEFAULT_HEAP_MB.items()
    }
    if sum(heap.values()) > MAX_TOTAL_HEAP_MB:
        raise ConfigError(
            f"JVM heaps {heap} add up to {sum(heap.values())} MiB; keep them within "
            f"{MAX_TOTAL_HEAP_MB} MiB (DATASPACE_HEAP_<SERVER>_MB)"
        )
    region = env.get("DATASPACE_LOCAL_REGION") or "us-east"
    if region not in REGIONS:
        raise ConfigError(f"DATASPACE_LOCAL_REGION={region!r}: expected one of {REGIONS}")
    return Settings(
        state_dir=state_dir.resolve(),
        cache_dir=cache_dir.resolve(),
        ports=ports,
        heap_mb=heap,
        region=region,
    )
