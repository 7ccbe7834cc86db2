"""The ``dataspace`` command line."""

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from runtime.errors import DataspaceError

app = typer.Typer(help="Deploy, check and run the dataspace platform.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
local_app = typer.Typer(help="Run the platform on this machine, on loopback.", no_args_is_help=True)
app.add_typer(local_app, name="local")

log = logging.getLogger("dataspace")
stdout = Console()
_state = {"debug": False}


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks on errors.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    _state["debug"] = debug


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _stacks(stack: str | None, every: bool, all_stacks: tuple[str, ...]) -> list[str]:
    if every and stack:
        raise fail("give a stack or --all, not both")
    if every:
        return list(all_stacks)
    if not stack:
        raise fail("give a stack name (for example prod-eu) or --all")
    return [stack]


@app.command()
def plan(
    stack: Annotated[str | None, typer.Argument(help="Stack to plan, e.g. prod-eu.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Plan every cloud stack.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="tree (for people) or json.")] = "tree",
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
) -> None:
    """Show what a stack would deploy: the real program under Pulumi's mocks, no cloud account."""
    from runtime.plan import plan as plan_stack
    from runtime.plan import to_json
    from runtime.plan_view import plan_tree
    from stacks import CLOUD_STACKS

    if fmt not in ("tree", "json"):
        raise fail(f"--format must be tree or json, not {fmt!r}", 2)
    names = _stacks(stack, every, CLOUD_STACKS)
    try:
        plans = [plan_stack(name) for name in names]
    except DataspaceError as exc:
        raise _report(exc) from None
    if fmt == "json":
        text = to_json(plans[0] if stack else plans)
        if output:
            output.write_text(text)
        else:
            sys.stdout.write(text)
        return
    console = Console(file=output.open("w"), width=160) if output else stdout
    for one in plans:
        console.print(plan_tree(one))


def _report(exc: Exception) -> typer.Exit:
    if _state["debug"]:
        log.exception("failed")
    return fail(str(exc))


def _mount_local_servers() -> None:
    from runtime.local.cli import app as servers_app

    local_app.add_typer(servers_app, name="servers")


_mount_local_servers()


def _mount_migrate() -> None:
    from runtime.migrate_command import migrate

    app.command()(migrate)


_mount_migrate()


def _mount_check() -> None:
    from runtime.check_command import check

    app.command()(check)


_mount_check()


def _mount_diff() -> None:
    from runtime.diff.command import diff

    app.command()(diff)


_mount_diff()


def main() -> None:
    """Console-script entry point."""
    app()
