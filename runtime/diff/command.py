"""``dataspace diff BASE HEAD``: the command, its options and exit codes."""

import logging
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Annotated

import typer

from runtime.errors import DataspaceError

log = logging.getLogger(__name__)

CHANGED = 1
NEW_MANDATORY = 2
# 1 and 2 carry news, so trouble gets a code of its own.
TROUBLE = 3


def diff(
    base: Annotated[str, typer.Argument(help="Before: a plan file, a directory of plans or a "
                                             "git ref, e.g. origin/main.")],
    head: Annotated[str, typer.Argument(help="After: the same kinds, e.g. HEAD.")],
    fmt: Annotated[str, typer.Option("--format", help="markdown (a PR comment) or json.")] = (
        "markdown"),
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
    fail_on_violation: Annotated[bool, typer.Option(
        "--fail-on-violation", help="Exit 2 when the change brings a new mandatory violation.")
    ] = False,
    repo: Annotated[Path, typer.Option(help="The git repository refs are read from.")] = Path("."),
) -> None:
    """Show what a change does to every stack: resources added, removed, replaced and changed,
    policy verdicts that change, and new schema migrations.

    Exit 0: nothing changed. 1: something changed.
    2: a new mandatory violation, with --fail-on-violation. 3: a side cannot be read.
    """
    from runtime.diff import render_json, render_markdown, report, sources

    if fmt not in ("markdown", "json"):
        typer.echo(f"error: --format must be markdown or json, not {fmt!r}", err=True)
        raise typer.Exit(TROUBLE)
    try:
        for spec in (base, head):
            sources.kind(spec, repo)
        # Each git side runs its own plans in subprocesses; make both at once.
        with ThreadPoolExecutor(max_workers=2) as pool:
            sides = [pool.submit(sources.load, spec, repo) for spec in (base, head)]
            before, after = (side.result() for side in sides)
        result = report.compare(before, after)
    except DataspaceError as exc:
        log.debug("diff failed", exc_info=True)
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(TROUBLE) from None

    renderer = render_markdown if fmt == "markdown" else render_json
    text = renderer.render(result)
    if output:
        try:
            output.write_text(text)
        except OSError as exc:
            typer.echo(f"error: --output {output}: cannot write ({exc.strerror}); give a "
                       "path in a writable directory", err=True)
            raise typer.Exit(TROUBLE) from None
    else:
        sys.stdout.write(text)
    if fail_on_violation and result.new_mandatory:
        raise typer.Exit(NEW_MANDATORY)
    raise typer.Exit(CHANGED if result.changed else 0)
