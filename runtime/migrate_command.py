"""``dataspace migrate``: versioned schemas (CQL, Mongo, SQL) and declarative stores (Kafka, Artemis)."""

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from runtime.errors import DataspaceError

log = logging.getLogger(__name__)

CHOICES = ("cql", "mongo", "sql", "kafka", "artemis", "all")


def migrate(
    store: Annotated[str, typer.Argument(help="cql, mongo, sql, kafka, artemis or all.")] = "all",
    target: Annotated[
        str | None, typer.Option(help="local (the loopback servers) or a stack such as prod-eu.")
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Print what would run; change nothing.")] = False,
    schema_dir: Annotated[
        Path | None,
        typer.Option(
            help="Rendered CQL/Mongo bundle (the Job's ConfigMap) instead of the templates."
        ),
    ] = None,
    prune: Annotated[
        bool, typer.Option(help="Delete topics and addresses the catalog lacks.")
    ] = False,
    offline: Annotated[
        bool, typer.Option(help="sql only: print the T-SQL for SQL MI instead of connecting.")
    ] = False,
    since: Annotated[
        str | None, typer.Option(help="With --offline: start after this revision.")
    ] = None,
) -> None:
    """Apply pending schema migrations and reconcile topics and addresses to the catalog."""
    from runtime.cli import fail

    if store not in CHOICES:
        raise fail(f"store must be one of {', '.join(CHOICES)}, not {store!r}", 2)
    try:
        if offline:
            _offline(store, since, fail)
            return
        if since:
            raise fail("--since goes with --offline", 2)
        if not target:
            raise fail("give --target local or --target STACK (for example prod-eu)", 2)
        from stacks import ALL_STACKS

        if target not in ALL_STACKS:
            raise fail(f"--target {target!r}: expected local or one of {', '.join(ALL_STACKS)}", 2)
        _online(store, target, dry_run, schema_dir, prune)
    except DataspaceError as exc:
        log.debug("migrate failed", exc_info=True)
        raise fail(str(exc)) from None


def _offline(store: str, since: str | None, fail) -> None:
    if store != "sql":
        raise fail("--offline renders SQL only: use dataspace migrate sql --offline", 2)
    from runtime.migrations.sql import offline_sql

    sys.stdout.write(offline_sql(since))


def _online(
    store: str, target_name: str, dry_run: bool, schema_dir: Path | None, prune: bool
) -> None:
    from runtime.migrations import runner
    from runtime.migrations.targets import target

    where = target(target_name)
    bundle = runner.load_bundle(where, schema_dir) if store in ("cql", "mongo", "all") else {}
    stores = runner.STORES if store == "all" else (store,)
    changed = 0
    for one in stores:
        report = runner.run(one, where, bundle, dry_run, prune)
        changed += len([c for c in report.changes if not c.startswith(" ")])
        for line in report.lines():
            typer.echo(line)
    if store == "all" and not changed:
        typer.echo(f"{target_name}: every store is up to date; nothing to do")
