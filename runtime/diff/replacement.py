"""Which input changes force a resource to be replaced rather than updated in place.

Offline there is no provider to ask, so this follows what the providers document for the
resources this project declares (docs/diff.md keeps the table):

- azure-native: ``location`` (Azure cannot move a resource between regions),
  ``resourceGroupName`` and the other top-level ``...Name`` inputs that form the resource's
  ID, ``name`` and ``scope``; a role assignment's principal and role (Azure refuses to
  update them) and a role definition's id;
- kubernetes: ``metadata.name`` and ``metadata.namespace``; the data of an immutable
  ConfigMap or Secret; a Job's ``spec`` (its pod template is immutable); the
  ``spec.selector`` of a Deployment, StatefulSet or DaemonSet; a Helm release's ``name``
  and ``namespace``;
- kafka topics: ``name``, ``replicationFactor`` and fewer ``partitions``;
- mongodbatlas: ``projectId``, ``orgId``, ``name`` and ``clusterName``;
- random: every input (the provider regenerates on any change).

A change of type, name or parent changes the URN; without aliases Pulumi deletes and
creates, so those show as a removed and an added resource.
"""

from runtime.diff.props import PropertyChange

# Top-level azure-native inputs ending in "Name" that are updatable properties, not ID parts.
AZURE_UPDATABLE_NAMES = frozenset({"roleName", "displayName"})
AZURE_ID_INPUTS = frozenset({"location", "name", "scope"})
AZURE_IMMUTABLE = {
    "azure-native:authorization:RoleAssignment": frozenset({"principalId", "roleDefinitionId"}),
    "azure-native:authorization:RoleDefinition": frozenset({"roleDefinitionId"}),
}
KUBERNETES_IMMUTABLE_DATA = ("data", "stringData", "binaryData")
KUBERNETES_WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet")


def forces_replacement(type_: str, change: PropertyChange, before: dict, after: dict) -> bool:
    """Whether one property change of a resource of ``type_`` replaces it; ``before`` and
    ``after`` are the resource's inputs on each side."""
    provider = type_.split(":", 1)[0]
    path = change.path
    top = path[0] if path else ""
    if provider == "azure-native":
        return _azure(type_, path)
    if provider == "kubernetes":
        return _kubernetes(type_, path, before, after)
    if type_ == "kafka:index/topic:Topic":
        if top == "partitions":
            return (after.get("partitions") or 0) < (before.get("partitions") or 0)
        return top in ("name", "replicationFactor")
    if provider == "mongodbatlas":
        return top in ("projectId", "orgId", "name", "clusterName")
    return provider == "random"


def _azure(type_: str, path: tuple) -> bool:
    if len(path) != 1 or not isinstance(path[0], str):
        return False
    top = path[0]
    if top in AZURE_ID_INPUTS or top in AZURE_IMMUTABLE.get(type_, ()):
        return True
    return top.endswith("Name") and top not in AZURE_UPDATABLE_NAMES


def _kubernetes(type_: str, path: tuple, before: dict, after: dict) -> bool:
    if path[:2] in (("metadata", "name"), ("metadata", "namespace")):
        return True
    kind = type_.rsplit(":", 1)[-1]
    if kind in ("ConfigMap", "Secret") and path[0] in KUBERNETES_IMMUTABLE_DATA:
        return bool(before.get("immutable")) or bool(after.get("immutable"))
    if kind in KUBERNETES_WORKLOADS:
        return path[:2] == ("spec", "selector")
    if kind == "Release":
        return path[0] in ("name", "namespace")
    return kind == "Job" and path[0] == "spec"
