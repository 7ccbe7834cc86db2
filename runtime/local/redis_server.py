"""Redis from Debian's ``redis-server`` package, with its data under the state directory."""

import shutil

from runtime.local import tools
from runtime.local.endpoint import Endpoint
from runtime.local.errors import NotInstalledError
from runtime.local.server import Server

PACKAGE = "redis-server"


class Redis(Server):
    """A Redis server on loopback with append-only persistence."""

    name = "redis"
    port_keys = ("redis",)
    stop_timeout = 30.0

    def _binary(self) -> str:
        found = shutil.which("redis-server")
        if found is None:
            raise NotInstalledError(f"redis-server is missing; install Debian's {PACKAGE}")
        return found

    def installed(self) -> bool:
        return shutil.which("redis-server") is not None

    def install(self) -> None:
        if not self.installed():
            tools.apt_install([PACKAGE])

    def prepare(self) -> None:
        data = self.dir / "data"
        data.mkdir(parents=True, exist_ok=True)
        (self.dir / "redis.conf").write_text(
            f"bind {self.host}\n"
            f"port {self.port}\n"
            "protected-mode yes\n"
            "daemonize no\n"
            'logfile ""\n'
            f"dir {data}\n"
            "appendonly yes\n"
            "appendfsync everysec\n"
            "save 60 1\n"
            "maxmemory 256mb\n"
            "maxmemory-policy allkeys-lru\n"
        )

    def command(self) -> list[str]:
        return [self._binary(), str(self.dir / "redis.conf")]

    def probe(self, timeout: float) -> None:
        import redis

        client = redis.Redis.from_url(
            self.endpoint().url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        try:
            if client.ping() is not True:
                raise ConnectionError("redis did not answer PING")
        finally:
            client.close()

    def endpoint(self) -> Endpoint:
        return Endpoint(
            self.name, self.host, self.port, f"redis://{self.host}:{self.port}/0", self.ports
        )
