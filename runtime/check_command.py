"""``dataspace check``: the policy pack over offline plans, with CI's exit codes.

Exit 0 when no mandatory policy is violated (advisories are shown, not fatal), 1 when
one is, 2 when the input cannot be checked (a bad plan file, an unknown stack, bad
options), so CI can tell "not compliant" from "not checked".

``--format json`` prints ``{"passed": bool, "stacks": [{"stack", "passed", "violations":
[{"policy", "enforcement", "urn", "resource", "message"}]}]}``; a stack-wide finding has
``urn`` and ``resource`` null.
"""

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from runtime.errors import DataspaceError

log = logging.getLogger(__name__)

FORMATS = ("table", "json")
UNUSABLE = 2


def check(
    stack: Annotated[str | None, typer.Argument(help="Stack to check, e.g. prod-eu.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Check every cloud stack.")] = False,
    plan_file: Annotated[Path | None, typer.Option(
        "--plan", help="Check plans from this file (dataspace plan --format json; - is stdin).",
    )] = None,
    fmt: Annotated[str, typer.Option("--format", help="table (for people) or json.")] = "table",
) -> None:
    """Check stacks against the policy pack (GDPR isolation, security baseline), offline.

    Exits 1 on any mandatory violation, 2 when the input cannot be checked.
    """
    from runtime.cli import fail

    if fmt not in FORMATS:
        raise fail(f"--format must be table or json, not {fmt!r}", UNUSABLE)
    if sum((stack is not None, every, plan_file is not None)) != 1:
        raise fail("give one of: a stack name (for example prod-eu), --all or --plan FILE",
                   UNUSABLE)
    try:
        plans = _plans(stack, every, plan_file)
    except DataspaceError as exc:
        log.debug("check could not read its input", exc_info=True)
        raise fail(str(exc), UNUSABLE) from None

    from policies.offline import evaluate

    results = [(one["stack"], evaluate(one)) for one in plans]
    if fmt == "json":
        sys.stdout.write(json.dumps(_as_json(results), indent=2) + "\n")
    else:
        _print_tables(results)
    if any(v.enforcement == "mandatory" for _, found in results for v in found):
        raise typer.Exit(1)


def _plans(stack: str | None, every: bool, plan_file: Path | None) -> list[dict]:
    if plan_file is not None:
        from runtime.plan_file import load_plans

        return load_plans(plan_file)
    from runtime.plan import plan
    from stacks import CLOUD_STACKS

    return [plan(name) for name in (CLOUD_STACKS if every else (stack,))]


def _as_json(results: list[tuple[str, list]]) -> dict:
    stacks = []
    for name, found in results:
        stacks.append({
            "stack": name,
            "passed": not any(v.enforcement == "mandatory" for v in found),
            "violations": [{"policy": v.policy, "enforcement": v.enforcement, "urn": v.urn,
                            "resource": v.name, "message": v.message} for v in found],
        })
    return {"passed": all(s["passed"] for s in stacks), "stacks": stacks}


def _print_tables(results: list[tuple[str, list]]) -> None:
    console = Console(soft_wrap=False)
    for name, found in results:
        mandatory = sum(v.enforcement == "mandatory" for v in found)
        summary = (f"[bold]{name}[/bold]: {mandatory} mandatory, {len(found) - mandatory} "
                   f"advisory")
        if not found:
            console.print(f"{summary}: [green]passes every policy[/green]")
            continue
        table = Table(title=summary, title_justify="left", expand=True)
        table.add_column("policy", no_wrap=True)
        table.add_column("level", no_wrap=True)
        table.add_column("resource", overflow="fold", ratio=2)
        table.add_column("message", overflow="fold", ratio=3)
        for v in found:
            level = "[red]mandatory[/red]" if v.enforcement == "mandatory" else "advisory"
            # Messages open with the resource's name, which the table already shows.
            message = v.message.removeprefix(f"{v.name}: ") if v.name else v.message
            table.add_row(v.policy, level, v.name or "(stack)", message)
        console.print(table)
