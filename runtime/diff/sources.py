"""One side of a diff: plans from a plan file, a directory of plan files or a git ref."""

import json
from dataclasses import dataclass
from pathlib import Path

from runtime.diff import gitref
from runtime.errors import DataspaceError


class SourceError(DataspaceError):
    """A side of a diff that cannot be read."""


@dataclass(frozen=True)
class Side:
    """Plans by stack name, a label for people and, for a git ref, the T-SQL of each Alembic
    revision in order (None for plan files: they carry no source)."""

    label: str
    plans: dict[str, dict]
    sql: dict[str, str] | None = None


def kind(spec: str, repo: Path) -> str:
    """What a side names: ``file``, ``directory`` or ``ref``; raises SourceError for none,
    cheaply, before any plan is made."""
    path = Path(spec)
    if path.is_file():
        return "file"
    if path.is_dir():
        return "directory"
    if gitref.resolve(repo, spec) is None:
        raise SourceError(f"{spec!r} is neither a plan file, a directory of plans nor a git ref "
                          f"of {repo.resolve()}; give a path, or a ref such as origin/main "
                          "(--repo for another repository)")
    return "ref"


def load(spec: str, repo: Path) -> Side:
    """A side given as a plan file, a directory of ``*.json`` plans, or a git ref of ``repo``
    (the plans are then made from that ref's code, in a temporary worktree)."""
    found = kind(spec, repo)
    path = Path(spec)
    if found == "file":
        return Side(path.name, _by_stack(_read(path), {}, path))
    if found == "directory":
        files = sorted(path.glob("*.json"))
        if not files:
            raise SourceError(f"{spec}: a directory with no *.json plan files; write them "
                              "with 'dataspace plan --all --format json --output DIR/plans.json'")
        plans: dict[str, dict] = {}
        for file in files:
            _by_stack(_read(file), plans, file)
        return Side(path.name, plans)
    commit = gitref.resolve(repo, spec)
    plans_list, sql = gitref.plans_at(repo, commit)
    return Side(f"{spec} ({commit[:7]})", _by_stack(plans_list, {}, Path(spec)), sql)


def _read(path: Path):
    try:
        return json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{path}: not a plan JSON file ({exc}); make one with "
                          "'dataspace plan STACK --format json'") from None


def _by_stack(document, into: dict[str, dict], origin: Path) -> dict[str, dict]:
    for plan in document if isinstance(document, list) else [document]:
        if not isinstance(plan, dict) or not {"stack", "resources"} <= set(plan):
            raise SourceError(f"{origin}: not a plan (no 'stack' and 'resources'); see "
                              "docs/plan-format.md")
        if plan["stack"] in into:
            raise SourceError(f"{origin}: stack {plan['stack']!r} appears twice; keep one plan "
                              "per stack on each side")
        into[plan["stack"]] = plan
    return into
