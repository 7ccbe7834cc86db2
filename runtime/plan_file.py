"""Reading plans back from a file that ``dataspace plan --format json`` wrote.

A file holds one plan object or a list of them. Anything else is refused with where it
went wrong (line and column for JSON that does not parse, the path of the value for a
plan that lacks a field), so ``dataspace check --plan`` never checks half a plan.
"""

import json
import sys
from pathlib import Path

from runtime.errors import DataspaceError

# What the policies read of each resource; see docs/plan-format.md.
RESOURCE_FIELDS = {"urn": str, "type": str, "name": str}


class PlanFileError(DataspaceError):
    """A plan file is missing, is not JSON or is not a plan; the message says where."""


def load_plans(path: Path) -> list[dict]:
    """The plans in ``path`` (``-`` reads stdin), each checked to have what policies read."""
    text = _read(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFileError(
            f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); give the output "
            f"of dataspace plan STACK --format json") from None
    plans = data if isinstance(data, list) else [data]
    if not plans:
        raise PlanFileError(f"{path}: holds an empty list; give at least one plan")
    for i, one in enumerate(plans):
        _check_plan(path, f"plan {i}" if isinstance(data, list) else "plan", one)
    return plans


def _read(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanFileError(f"{path}: no such file; write one with dataspace plan STACK "
                            f"--format json --output {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFileError(f"{path}: cannot be read ({exc})") from None


def _check_plan(path: Path, where: str, plan: object) -> None:
    if not isinstance(plan, dict):
        raise PlanFileError(f"{path}: {where} is a {type(plan).__name__}, not an object; "
                            f"give a plan object or a list of them")
    if not isinstance(plan.get("stack"), str):
        raise PlanFileError(f"{path}: {where} has no \"stack\" name")
    resources = plan.get("resources")
    if not isinstance(resources, list):
        raise PlanFileError(f"{path}: {where} ({plan['stack']}) has no \"resources\" list")
    for i, resource in enumerate(resources):
        at = f"{where} ({plan['stack']}), resources[{i}]"
        if not isinstance(resource, dict):
            raise PlanFileError(f"{path}: {at} is not an object")
        for field, kind in RESOURCE_FIELDS.items():
            if not isinstance(resource.get(field), kind):
                raise PlanFileError(f"{path}: {at} has no string \"{field}\"")
        if not isinstance(resource.get("props", {}), dict):
            raise PlanFileError(f"{path}: {at} has \"props\" that is not an object")
        if not isinstance(resource.get("parent"), (str, type(None))):
            raise PlanFileError(f"{path}: {at} has \"parent\" that is not a URN or null")
