"""Real plans with one property changed, and the findings of one policy over them.

Every case starts from a plan the program made (the session fixture ``plans``), copies it
and changes one thing, so a case cannot drift from what the program declares.
"""

import copy
from collections.abc import Callable

from policies.offline import Violation, evaluate_with
from policies.pack import POLICIES

BY_NAME = {policy.name: policy for policy in POLICIES}


def findings(plan: dict, policy: str) -> list[Violation]:
    """What one policy of the pack reports about a plan."""
    return evaluate_with(plan, [BY_NAME[policy]])


def named(plan: dict, policy: str) -> set[str | None]:
    """The names of the resources one policy reports."""
    return {violation.name for violation in findings(plan, policy)}


def resources(plan: dict, type_: str) -> list[dict]:
    """The resources of one provider type."""
    found = [r for r in plan["resources"] if r["type"] == type_]
    assert found, f"{plan['stack']} declares no {type_}"
    return found


def one(plan: dict, type_: str, name: str | None = None) -> dict:
    """The resource of a type (of that name, when the stack has several)."""
    found = [r for r in resources(plan, type_) if name is None or r["name"] == name]
    assert len(found) == 1, f"{plan['stack']}: {len(found)} {type_} named {name}"
    return found[0]


def edited(plan: dict, type_: str, edit: Callable[[dict], object],
           name: str | None = None) -> tuple[dict, str]:
    """A copy of the plan with ``edit`` applied to one resource's props, and that
    resource's name."""
    changed = copy.deepcopy(plan)
    target = one(changed, type_, name)
    edit(target["props"])
    return changed, target["name"]


def edited_all(plan: dict, type_: str, edit: Callable[[dict], object]) -> tuple[dict, set[str]]:
    """A copy of the plan with ``edit`` applied to every resource of a type, and their
    names."""
    changed = copy.deepcopy(plan)
    targets = resources(changed, type_)
    for target in targets:
        edit(target["props"])
    return changed, {target["name"] for target in targets}


def added(plan: dict, parent: dict, type_: str, name: str, props: dict) -> dict:
    """A copy of the plan with one more resource under ``parent`` (a resource of the plan),
    for resource types the program does not declare."""
    changed = copy.deepcopy(plan)
    stack, project = parent["urn"].split("::")[:2]
    changed["resources"].append({
        "urn": f"{stack}::{project}::{parent['type']}${type_}::{name}", "type": type_,
        "name": name, "parent": parent["urn"], "custom": True, "props": props,
    })
    return changed


def setter(*path: str | int, value: object) -> Callable[[dict], None]:
    """An edit that sets one nested property."""
    def edit(props: dict) -> None:
        target = props
        for step in path[:-1]:
            target = target.setdefault(step, {}) if isinstance(step, str) else target[step]
        target[path[-1]] = value
    return edit


def dropper(*path: str | int) -> Callable[[dict], None]:
    """An edit that removes one nested property."""
    def edit(props: dict) -> None:
        target = props
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
    return edit
