"""FerretDB 1.24 with its SQLite backend: the MongoDB wire protocol for the Atlas stand-in.

Built with the go command from the module on the Go module proxy. FerretDB reads its version
from a generated ``build/version/version.txt`` that the module zip does not carry, so the
source is copied out of the module cache, the file written, and the binary built there.
"""

import json
import shutil
from pathlib import Path

from runtime.local import tools
from runtime.local.endpoint import Endpoint
from runtime.local.server import Server

MODULE = "github.com/FerretDB/FerretDB"
VERSION = "v1.24.2"


class FerretDB(Server):
    """A FerretDB process storing its collections in SQLite files."""

    name = "ferretdb"
    port_keys = ("ferretdb",)
    stop_timeout = 30.0

    @property
    def home(self) -> Path:
        return self.settings.cache_dir / f"ferretdb-{VERSION}"

    @property
    def binary(self) -> Path:
        return self.home / "ferretdb"

    def installed(self) -> bool:
        return tools.stamp_ok(self.home, VERSION) and self.binary.exists()

    def install(self) -> None:
        if self.installed():
            return
        tools.install_atomically(self.home, VERSION, self._build)

    def _build(self, target: Path) -> None:
        env = tools.go_env(self.settings.cache_dir)
        info = json.loads(
            tools.run(
                ["go", "mod", "download", "-json", f"{MODULE}@{VERSION}"],
                what=f"go mod download {MODULE}@{VERSION}",
                env=env,
                cwd=target,
            )
        )
        source = target / "src"
        shutil.copytree(info["Dir"], source)
        for path in [source, *source.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
        (source / "build" / "version" / "version.txt").write_text(f"{VERSION}\n")
        (source / "build" / "version" / "package.txt").write_text("dataspace-local\n")
        tools.run(
            ["go", "build", "-trimpath", "-o", str(target / "ferretdb"), "./cmd/ferretdb"],
            what=f"go build {MODULE}@{VERSION}",
            env=env,
            cwd=source,
        )
        shutil.rmtree(source)

    def prepare(self) -> None:
        (self.dir / "data").mkdir(parents=True, exist_ok=True)
        (self.dir / "state").mkdir(exist_ok=True)

    def command(self) -> list[str]:
        return [
            str(self.binary),
            "--handler=sqlite",
            f"--sqlite-url=file:{self.dir / 'data'}/",
            f"--listen-addr={self.host}:{self.port}",
            f"--state-dir={self.dir / 'state'}",
            "--debug-addr=-",
            "--telemetry=disable",
            "--log-level=info",
            "--log-format=text",
        ]

    def probe(self, timeout: float) -> None:
        from pymongo import MongoClient

        ms = int(timeout * 1000)
        client = MongoClient(self.endpoint().url, serverSelectionTimeoutMS=ms, connectTimeoutMS=ms)
        try:
            client.admin.command("ping")
        finally:
            client.close()

    def endpoint(self) -> Endpoint:
        return Endpoint(
            self.name, self.host, self.port, f"mongodb://{self.host}:{self.port}/", self.ports
        )
