"""Processes of the local servers: spawn detached, find by pid file, signal, check ports.

A server runs in its own session (so a closed terminal or an ended pytest leaves it alone),
with stdout and stderr appended to its log file. Its pid file records the pid; the process
must also carry a marker, the server's directory, as its working directory, in its command
line or in its environment, so a pid reused by an unrelated process is never signalled.
"""

import errno
import fcntl
import logging
import os
import pwd
import signal
import socket
import subprocess
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

MARKER_ENV = "DATASPACE_LOCAL_SERVER_DIR"
_children: dict[int, subprocess.Popen] = {}


def spawn(
    argv: list[str],
    *,
    log_path: Path,
    pid_path: Path,
    marker: Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    user: str | None = None,
) -> int:
    """Start ``argv`` detached, log to ``log_path`` and record its pid; return the pid."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    full_env = dict(os.environ if env is None else env)
    full_env[MARKER_ENV] = str(marker)
    with open(log_path, "ab") as out:
        out.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} start: {argv[0]}\n".encode())
        out.flush()
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=full_env,
            cwd=cwd,
            user=user,
            group=None if user is None else pwd.getpwnam(user).pw_gid,
            extra_groups=None if user is None else [],
            start_new_session=True,
        )
    _children[proc.pid] = proc
    pid_path.write_text(f"{proc.pid}\n")
    log.debug("spawned %s as pid %d", argv[0], proc.pid)
    return proc.pid


def _reap(pid: int) -> None:
    """Collect the exit status of a child this process spawned, so it is no zombie."""
    proc = _children.get(pid)
    if proc is not None:
        proc.poll()


def exit_code(pid: int) -> int | None:
    """The exit code of a child this process spawned, or None if running or not ours."""
    proc = _children.get(pid)
    return None if proc is None else proc.poll()


def is_alive(pid: int, marker: Path) -> bool:
    """Whether ``pid`` runs and belongs to the server whose directory is ``marker``.

    Some servers rewrite their command line and environment (Redis, PostgreSQL), so the
    working directory, which every server keeps inside its own directory, is checked first.
    """
    _reap(pid)
    proc_dir = Path(f"/proc/{pid}")
    try:
        stat = (proc_dir / "stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return False
        cwd = Path(os.readlink(proc_dir / "cwd"))
        if cwd == marker or marker in cwd.parents:
            return True
        if str(marker).encode() in (proc_dir / "cmdline").read_bytes():
            return True
        return f"{MARKER_ENV}={marker}".encode() in (proc_dir / "environ").read_bytes()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    except PermissionError:
        # Not ours to read (another user); it may still be the server run as that user.
        return True


def read_pid(pid_path: Path) -> int | None:
    """The pid recorded in ``pid_path``, or None if there is no readable pid."""
    try:
        return int(pid_path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def terminate(pid: int, marker: Path, sig: signal.Signals, timeout: float) -> bool:
    """Send ``sig`` to ``pid``, wait up to ``timeout`` s, then kill its process group.

    Returns True if the process stopped on ``sig``, False if it had to be killed.
    """
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return True
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_alive(pid, marker):
            return True
        time.sleep(0.2)
    log.warning("pid %d did not stop within %.0fs of %s; killing it", pid, timeout, sig.name)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    while is_alive(pid, marker) and time.monotonic() < deadline + 10:
        time.sleep(0.2)
    return False


def port_in_use(host: str, port: int) -> bool:
    """Whether another socket already listens on ``host:port`` (or on all addresses)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return True
            raise
    return False


def port_open(host: str, port: int, timeout: float = 1.0) -> bool:
    """Whether a TCP connection to ``host:port`` is accepted."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def tail(path: Path, lines: int = 20) -> str:
    """The last ``lines`` lines of a log file, or a note that it is missing."""
    try:
        with open(path, errors="replace") as f:
            return "".join(deque(f, maxlen=lines)).rstrip()
    except FileNotFoundError:
        return f"(no log at {path})"


@contextmanager
def state_lock(state_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the state directory, so two starts never spawn twice."""
    state_dir.mkdir(parents=True, exist_ok=True)
    with open(state_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
