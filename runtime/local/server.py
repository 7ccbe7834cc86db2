"""The shape every local server shares: install, prepare, run, probe, stop.

A subclass says which binaries it needs, how to write its config, what command runs it in
the foreground and how a client proves it is ready; this class keeps its pid file, log and
directories under ``<state dir>/<name>/``.
"""

import logging
import signal
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from runtime.local import process
from runtime.local.endpoint import Endpoint
from runtime.local.settings import HOST, Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Status:
    """What ``status`` knows about one server."""

    name: str
    state: str  # "up", "starting", "down" or "not installed"
    pid: int | None
    endpoint: Endpoint
    log_path: Path
    detail: str = ""


class Server(ABC):
    """One local server: a subclass per system."""

    name: str = ""
    #: ports by role; the first one is the client port and names the env variable
    port_keys: tuple[str, ...] = ()
    stop_signal: signal.Signals = signal.SIGTERM
    stop_timeout: float = 60.0

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.host = HOST

    # Paths.

    @property
    def dir(self) -> Path:
        """The server's own directory under the state directory."""
        return self.settings.server_dir(self.name)

    @property
    def log_path(self) -> Path:
        """The file that receives the server's stdout and stderr."""
        return self.dir / "log" / f"{self.name}.log"

    @property
    def pid_path(self) -> Path:
        return self.dir / f"{self.name}.pid"

    @property
    def ports(self) -> dict[str, int]:
        """Every port the server binds, by role (keys of ``settings.DEFAULT_PORTS``)."""
        return {key: self.settings.port(key) for key in self.port_keys}

    @property
    def port(self) -> int:
        """The client port."""
        return self.settings.port(self.port_keys[0])

    # What a subclass provides.

    @abstractmethod
    def installed(self) -> bool:
        """Whether everything :meth:`command` needs is on disk."""

    @abstractmethod
    def install(self) -> None:
        """Fetch or build what the server needs; a no-op when already installed."""

    @abstractmethod
    def prepare(self) -> None:
        """Write the config and do one-time setup (format, initdb, create) before a start."""

    @abstractmethod
    def command(self) -> list[str]:
        """The command that runs the server in the foreground."""

    @abstractmethod
    def probe(self, timeout: float) -> None:
        """One client round trip; raises if the server cannot serve it yet."""

    @abstractmethod
    def endpoint(self) -> Endpoint:
        """How clients reach this server."""

    def env(self) -> dict[str, str] | None:
        """Environment of the server process; None inherits this process's environment."""
        return None

    def run_as(self) -> str | None:
        """The user to run as, when it is not the current one."""
        return None

    def after_ready(self) -> None:
        """Work that needs the running server (e.g. creating a database); idempotent."""

    # Process state.

    def pid(self) -> int | None:
        """The pid of the running server, or None when it is not running."""
        pid = process.read_pid(self.pid_path)
        if pid is not None and process.is_alive(pid, self.dir):
            return pid
        return None

    def spawn(self) -> int:
        """Start the server process (after :meth:`prepare`) and return its pid."""
        return process.spawn(
            self.command(),
            log_path=self.log_path,
            pid_path=self.pid_path,
            marker=self.dir,
            env=self.env(),
            cwd=self.dir,
            user=self.run_as(),
        )

    def stop(self) -> bool:
        """Stop the server if it runs; False if it had to be killed."""
        pid = self.pid()
        clean = True
        if pid is not None:
            log.info("stopping %s (pid %d)", self.name, pid)
            clean = process.terminate(pid, self.dir, self.stop_signal, self.stop_timeout)
        self.pid_path.unlink(missing_ok=True)
        return clean
