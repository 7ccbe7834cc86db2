"""Resource changes of one stack between two plans, keyed by URN as the engine keys them."""

from dataclasses import dataclass, field

from runtime.diff.props import PropertyChange, changes
from runtime.diff.replacement import forces_replacement


@dataclass(frozen=True)
class ResourceChange:
    """A resource on one side only (no ``properties``) or on both with changed inputs.
    ``replaced_by`` names the properties whose change forces a replacement."""

    urn: str
    type: str
    name: str
    properties: tuple[PropertyChange, ...] = ()
    replaced_by: tuple[str, ...] = ()


@dataclass
class ResourceDiff:
    """What one stack's deploy would do, resource by resource, each list sorted by URN."""

    added: list[ResourceChange] = field(default_factory=list)
    removed: list[ResourceChange] = field(default_factory=list)
    replaced: list[ResourceChange] = field(default_factory=list)
    changed: list[ResourceChange] = field(default_factory=list)
    outputs: list[PropertyChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.replaced or self.changed or self.outputs)


def compare(before: dict | None, after: dict | None) -> ResourceDiff:
    """The resource and output changes from plan ``before`` to plan ``after`` of one stack;
    a missing plan counts as a stack with no resources."""
    old = {r["urn"]: r for r in (before or {}).get("resources", [])}
    new = {r["urn"]: r for r in (after or {}).get("resources", [])}
    diff = ResourceDiff()
    for urn in sorted(set(old) | set(new)):
        if urn not in old:
            diff.added.append(_bare(new[urn]))
        elif urn not in new:
            diff.removed.append(_bare(old[urn]))
        else:
            _compare_one(old[urn], new[urn], diff)
    diff.outputs = changes((before or {}).get("outputs", {}), (after or {}).get("outputs", {}))
    return diff


def _bare(resource: dict) -> ResourceChange:
    return ResourceChange(resource["urn"], resource["type"], resource["name"])


def _compare_one(old: dict, new: dict, diff: ResourceDiff) -> None:
    before, after = old.get("props") or {}, new.get("props") or {}
    found = changes(before, after)
    if not found:
        return
    forcing = tuple(c.label for c in found if forces_replacement(new["type"], c, before, after))
    change = ResourceChange(new["urn"], new["type"], new["name"], tuple(found), forcing)
    (diff.replaced if forcing else diff.changed).append(change)
