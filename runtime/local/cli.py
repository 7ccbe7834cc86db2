"""``dataspace local servers``: install, start, stop and report the local servers.

Each command takes server names (kafka, artemis, cassandra, redis, ferretdb, postgres);
none means all six. Failures print one line to stderr (plus a server's log tail where it
failed to come up) and exit 1.
"""

import logging
import sys
import time
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from runtime.errors import DataspaceError
from runtime.local import manager, registry
from runtime.local.settings import load

log = logging.getLogger(__name__)

app = typer.Typer(help="Real servers on loopback for local runs and tests.", no_args_is_help=True)
Names = Annotated[
    list[str] | None,
    typer.Argument(help=f"Servers to act on: {', '.join(registry.NAMES)} (default: all)."),
]
_out = Console()


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=1)


def _servers(names: list[str] | None):
    try:
        return registry.select(load(), names)
    except DataspaceError as exc:
        _fail(str(exc))


@app.command()
def install(names: Names = None) -> None:
    """Fetch and build the servers' binaries (cached; a no-op when done)."""
    servers = _servers(names)
    started = time.monotonic()
    try:
        manager.install(servers)
    except DataspaceError as exc:
        _fail(str(exc))
    _out.print(
        f"installed {', '.join(s.name for s in servers)} in {time.monotonic() - started:.0f}s"
    )


@app.command()
def start(
    names: Names = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each server.")] = 240.0,
) -> None:
    """Start the servers (reusing running ones) and wait until each answers a client."""
    outcomes = manager.start(_servers(names), timeout=timeout)
    for outcome in outcomes:
        if outcome.ok:
            _out.print(f"{outcome.name}: {outcome.message} ({outcome.seconds:.1f}s)")
    failed = [o for o in outcomes if not o.ok]
    for outcome in failed:
        typer.echo(f"{outcome.name}: {outcome.message}", err=True)
    if failed:
        _fail(f"failed to start: {', '.join(o.name for o in failed)}")


@app.command()
def stop(names: Names = None) -> None:
    """Stop the servers, each with its own clean shutdown signal."""
    try:
        results = manager.stop(_servers(names))
    except DataspaceError as exc:
        _fail(str(exc))
    for name, what in results:
        _out.print(f"{name}: {what}")


@app.command()
def status(names: Names = None) -> None:
    """Show each server's state, pid, address and log; exit 1 unless all are up."""
    servers = _servers(names)
    found = manager.statuses(servers)
    state_dir = servers[0].settings.state_dir
    table = Table("server", "state", "pid", "address", "log", title=f"state dir: {state_dir}")
    for s in found:
        log_path = s.log_path.relative_to(state_dir)
        table.add_row(s.name, s.state, str(s.pid or "-"), s.endpoint.address, str(log_path))
    _out.print(table)
    down = [s.name for s in found if s.state != "up"]
    if down:
        _fail(f"not up: {', '.join(down)}")


def main() -> None:
    """Entry point of ``python -m runtime.local``."""
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    for noisy in ("cassandra", "kafka", "pymongo", "proton"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    app()
