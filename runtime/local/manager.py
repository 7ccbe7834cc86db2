"""Install, start, stop and report the local servers as a group.

``start`` launches every requested server first and then waits for all of them together, so
the slow JVMs boot side by side. A server that fails does not stop the others; each failure
is reported by name with the tail of its log, after the rest are up.
"""

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from runtime.local import process
from runtime.local.errors import LocalServerError, NotInstalledError, PortTakenError
from runtime.local.server import Server, Status

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 5.0


@dataclass(frozen=True)
class Outcome:
    """The result of starting one server."""

    name: str
    ok: bool
    message: str
    seconds: float


def install(servers: list[Server]) -> None:
    """Install each server's binaries (skipping what is installed); failures are collected."""
    failures = []
    for server in servers:
        started = time.monotonic()
        try:
            server.install()
        except LocalServerError as exc:
            failures.append(f"{server.name}: {exc}")
            log.error("install of %s failed: %s", server.name, exc)
            continue
        log.info("%s installed (%.0fs)", server.name, time.monotonic() - started)
    if failures:
        raise LocalServerError("install failed for " + "; ".join(failures))


def _check_ports(server: Server) -> None:
    for key, port in server.ports.items():
        if process.port_in_use(server.host, port):
            raise PortTakenError(
                f"port {port} ({key}) on {server.host} is taken by another "
                f"process; free it or set DATASPACE_PORT_{key.upper()}"
            )


def _launch(server: Server) -> str:
    """Start ``server`` unless it runs; returns "running" or "launched"."""
    if server.pid() is not None:
        return "running"
    if not server.installed():
        raise NotInstalledError(
            f"not installed; run: python -m runtime.local install {server.name}"
        )
    _check_ports(server)
    server.prepare()
    server.spawn()
    return "launched"


def _await_ready(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last_error = "no answer yet"
    while True:
        pid = server.pid()
        if pid is None:
            code = process.exit_code(process.read_pid(server.pid_path) or -1)
            how = f" with code {code}" if code is not None else ""
            raise LocalServerError(f"exited{how} while starting")
        if process.port_open(server.host, server.port):
            try:
                server.probe(PROBE_TIMEOUT)
                server.after_ready()
                return
            except Exception as exc:  # noqa: BLE001 - any client error means "not yet"
                last_error = f"{type(exc).__name__}: {exc}"
        if time.monotonic() > deadline:
            raise LocalServerError(f"not ready after {timeout:.0f}s (last probe: {last_error})")
        time.sleep(1.0)


def _start_one(server: Server, launched: str, timeout: float, t0: float) -> Outcome:
    try:
        _await_ready(server, timeout)
    except LocalServerError as exc:
        message = f"{exc}\n--- last lines of {server.log_path}\n{process.tail(server.log_path)}"
        return Outcome(server.name, False, message, time.monotonic() - t0)
    verb = "already running" if launched == "running" else "started"
    return Outcome(server.name, True, verb, time.monotonic() - t0)


def start(servers: list[Server], timeout: float = 240.0) -> list[Outcome]:
    """Start ``servers`` (reusing running ones) and wait for each to answer a client."""
    t0 = time.monotonic()
    if not servers:
        return []
    launched: dict[str, str] = {}
    outcomes: list[Outcome] = []
    with process.state_lock(servers[0].settings.state_dir):
        for server in servers:
            try:
                launched[server.name] = _launch(server)
            except LocalServerError as exc:
                outcomes.append(Outcome(server.name, False, str(exc), 0.0))
    waiting = [s for s in servers if s.name in launched]
    with ThreadPoolExecutor(max_workers=max(1, len(waiting))) as pool:
        futures = [pool.submit(_start_one, s, launched[s.name], timeout, t0) for s in waiting]
        outcomes += [f.result() for f in futures]
    order = {s.name: i for i, s in enumerate(servers)}
    return sorted(outcomes, key=lambda o: order[o.name])


def stop(servers: list[Server]) -> list[tuple[str, str]]:
    """Stop ``servers`` in reverse start order; returns (name, what happened) pairs."""
    if not servers:
        return []
    with process.state_lock(servers[0].settings.state_dir):
        results = [_stop_one(server) for server in reversed(servers)]
    return list(reversed(results))


def _stop_one(server: Server) -> tuple[str, str]:
    if server.pid() is None:
        server.pid_path.unlink(missing_ok=True)
        return server.name, "not running"
    clean = server.stop()
    return server.name, "stopped" if clean else "killed after timeout"


def status(server: Server) -> Status:
    """Whether ``server`` runs and answers a client round trip."""
    endpoint = server.endpoint()
    if not server.installed():
        return Status(server.name, "not installed", None, endpoint, server.log_path)
    pid = server.pid()
    if pid is None:
        return Status(server.name, "down", None, endpoint, server.log_path)
    try:
        server.probe(PROBE_TIMEOUT)
    except Exception as exc:  # noqa: BLE001 - report any client error as "starting"
        detail = f"{type(exc).__name__}: {exc}"
        return Status(server.name, "starting", pid, endpoint, server.log_path, detail)
    return Status(server.name, "up", pid, endpoint, server.log_path)


def statuses(servers: list[Server]) -> list[Status]:
    """:func:`status` of every server, probed side by side."""
    with ThreadPoolExecutor(max_workers=max(1, len(servers))) as pool:
        return list(pool.map(status, servers))
