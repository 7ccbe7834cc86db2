"""Which input changes force a resource to be replaced rather than updated in place.

Offline there is no provider to ask, so this follows what the providers document for the
resources this project declares (docs/diff.md keeps the table):

- azure-native: ``location`` (Azure cannot move a resource between regions),
  ``resourceGroupName`` and the other top-level ``...Name`` inputs that form the resource's
  ID, and ``name``;
- kubernetes: ``metadata.name`` and ``metadata.namespace``; the data of an immutable
  ConfigMap or Secret; a Job's ``spec`` (its pod template is immutable);
- kafka topics: ``name``, ``replicationFactor`` and fewer ``partitions``;
- mongodbatlas: ``projectId``, ``name`` and ``clusterName``;
- random: every input (the provider regenerates on any change).

A change of type, name or parent changes the URN; without aliases Pulumi deletes and
creates, so those show as a removed and an added resource.
"""

from runtime.diff.props import PropertyChange

# Top-level azure-native inputs ending in "Name" that are updatable properties, not ID parts.
AZURE_UPDATABLE_NAMES = frozenset({"roleName", "displayName"})
KUBERNETES_IMMUTABLE_DATA = ("data", "stringData", "binaryData")


def forces_replacement(type_: str, change: PropertyChange, before: dict, after: dict) -> bool:
    """Whether one property change of a resource of ``type_`` replaces it; ``before`` and
    ``after`` are the resource's inputs on each side."""
    provider = type_.split(":", 1)[0]
    path = change.path
    top = path[0] if path else ""
    if provider == "azure-native":
        return len(path) == 1 and (top in ("location", "name") or (
            isinstance(top, str) and top.endswith("Name") and top not in AZURE_UPDATABLE_NAMES))
    if provider == "kubernetes":
        return _kubernetes(type_, path, before, after)
    if type_ == "kafka:index/topic:Topic":
        if top == "partitions":
            return (after.get("partitions") or 0) < (before.get("partitions") or 0)
        return top in ("name", "replicationFactor")
    if provider == "mongodbatlas":
        return top in ("projectId", "name", "clusterName")
    return provider == "random"


def _kubernetes(type_: str, path: tuple, before: dict, after: dict) -> bool:
    if path[:2] in (("metadata", "name"), ("metadata", "namespace")):
        return True
    kind = type_.rsplit(":", 1)[-1]
    if kind in ("ConfigMap", "Secret") and path[0] in KUBERNETES_IMMUTABLE_DATA:
        return bool(before.get("immutable")) or bool(after.get("immutable"))
    return kind == "Job" and path[0] == "spec"
