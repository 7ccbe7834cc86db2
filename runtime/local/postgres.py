"""PostgreSQL from Debian's packages, in its own cluster directory under the state directory.

The system cluster (``/var/lib/postgresql``) is left alone: ``initdb`` makes a cluster in
``<state>/postgres/data`` that accepts TCP on loopback only, with no Unix socket. PostgreSQL
refuses to run as root, so under root the server runs as the ``postgres`` user the Debian
package creates, the cluster directory belongs to that user, and directories above it that
bar that user get search permission for others.
"""

import grp
import logging
import os
import pwd
import shutil
import signal
import stat
from pathlib import Path

from runtime.local import tools
from runtime.local.endpoint import Endpoint
from runtime.local.errors import LocalServerError, NotInstalledError
from runtime.local.server import Server

log = logging.getLogger(__name__)

PACKAGE = "postgresql"
USER = "dataspace"
DATABASE = "dataspace"


def _grant_search(path: Path, user: str) -> None:
    """Let ``user`` reach ``path``: add search (x) permission where a directory bars it.

    The state directory may sit under a private directory (a temporary or home directory);
    PostgreSQL, run as ``user``, must still reach its cluster. Only the execute bit for
    others is added, which lets a user pass through but not list the directory.
    """
    entry = pwd.getpwnam(user)
    groups = {g.gr_gid for g in grp.getgrall() if user in g.gr_mem} | {entry.pw_gid}
    for directory in [*reversed(path.parents), path]:
        st = directory.stat()
        if st.st_uid == entry.pw_uid:
            allowed = st.st_mode & stat.S_IXUSR
        elif st.st_gid in groups:
            allowed = st.st_mode & stat.S_IXGRP
        else:
            allowed = st.st_mode & stat.S_IXOTH
        if not allowed:
            log.warning("adding o+x to %s so PostgreSQL (user %s) can reach it", directory, user)
            directory.chmod(stat.S_IMODE(st.st_mode) | stat.S_IXOTH)


def _bin_dir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).resolve().parent if on_path else None


class Postgres(Server):
    """A PostgreSQL cluster owned by the local servers."""

    name = "postgres"
    port_keys = ("postgres",)
    # SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions and stop.
    stop_signal = signal.SIGINT
    stop_timeout = 30.0

    def _bin(self, program: str) -> str:
        bin_dir = _bin_dir()
        if bin_dir is None:
            raise NotInstalledError(f"PostgreSQL is missing; install Debian's {PACKAGE}")
        return str(bin_dir / program)

    def installed(self) -> bool:
        return _bin_dir() is not None

    def install(self) -> None:
        if not self.installed():
            tools.apt_install([PACKAGE])

    def run_as(self) -> str | None:
        if os.geteuid() != 0:
            return None
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise LocalServerError(
                "PostgreSQL cannot run as root and there is no 'postgres' user; "
                f"install Debian's {PACKAGE}, which creates it"
            ) from None
        return "postgres"

    def prepare(self) -> None:
        data = self.dir / "data"
        user = self.run_as()
        for path in (self.dir, self.dir / "log"):
            path.mkdir(parents=True, exist_ok=True)
        if user is not None:
            _grant_search(self.dir, user)
        if (data / "PG_VERSION").exists():
            return
        data.mkdir(mode=0o700, exist_ok=True)
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(data, entry.pw_uid, entry.pw_gid)
        log.info("initdb in %s", data)
        argv = [
            self._bin("initdb"),
            "-D",
            str(data),
            "-U",
            USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        ]
        if user is not None:
            argv = ["runuser", "-u", user, "--", *argv]
        try:
            tools.run(argv, what="initdb", cwd=Path("/"))
        except LocalServerError as exc:
            shutil.rmtree(data, ignore_errors=True)
            raise LocalServerError(
                f"{exc} (the cluster directory {data} must be reachable by user {user})"
            ) from exc

    def command(self) -> list[str]:
        return [
            self._bin("postgres"),
            "-D",
            str(self.dir / "data"),
            "-c",
            f"listen_addresses={self.host}",
            "-c",
            f"port={self.port}",
            "-c",
            "unix_socket_directories=",
            "-c",
            "shared_buffers=64MB",
            "-c",
            "max_connections=50",
            "-c",
            "logging_collector=off",
        ]

    def probe(self, timeout: float) -> None:
        import psycopg

        conninfo = f"host={self.host} port={self.port} user={USER} dbname=postgres"
        with psycopg.connect(conninfo, connect_timeout=max(1, int(timeout))) as conn:
            conn.execute("SELECT 1").fetchone()

    def after_ready(self) -> None:
        import psycopg

        conninfo = f"host={self.host} port={self.port} user={USER} dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)
            ).fetchone()
            if exists is None:
                log.info("creating database %s", DATABASE)
                conn.execute(f'CREATE DATABASE "{DATABASE}"')

    def endpoint(self) -> Endpoint:
        return Endpoint(
            self.name,
            self.host,
            self.port,
            f"postgresql://{USER}@{self.host}:{self.port}/{DATABASE}",
            self.ports,
            USER,
        )
