"""Policy configuration: the schema each policy declares and how its values are read.

Every value has a default in the schema, and the readers fall back to the same default,
so a policy behaves the same whether the engine filled the defaults in or not (offline
there is no engine). Override per policy with ``pulumi preview --policy-pack-config``.
"""

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_policy import PolicyConfigSchema

from policies.support import zones

_STACKS_SCHEMA = {
    "type": "object",
    "description": "Stack name -> its environment and residency zone.",
    "additionalProperties": {
        "type": "object",
        "properties": {
            "environment": {"type": "string", "enum": list(zones.ENVIRONMENTS)},
            "zone": {"type": "string", "enum": list(zones.ZONES)},
        },
        "required": ["environment", "zone"],
    },
    "default": zones.STACKS,
}


def _zone_lists(description: str, default: Mapping[str, tuple[str, ...]]) -> dict:
    return {
        "type": "object",
        "description": description,
        "properties": {zone: {"type": "array", "items": {"type": "string"}}
                       for zone in zones.ZONES},
        "default": {zone: list(names) for zone, names in default.items()},
    }


_ZONE_PROPERTIES = {
    "stacks": _STACKS_SCHEMA,
    "azureLocations": _zone_lists("Zone -> Azure locations in it.", zones.AZURE_LOCATIONS),
    "atlasRegions": _zone_lists("Zone -> Atlas region names in it.", zones.ATLAS_REGIONS),
    "scyllaDatacenters": _zone_lists("Zone -> Scylla datacenter names in it.",
                                     zones.SCYLLA_DATACENTERS),
}


def schema(environments: tuple[str, ...] | None = None, **extra: dict) -> PolicyConfigSchema:
    """A policy's config schema: the zone tables, optionally the environments it applies
    to (with their default), and any policy-specific properties given as JSON schemas."""
    properties = copy.deepcopy(_ZONE_PROPERTIES)
    if environments is not None:
        properties["environments"] = {
            "type": "array",
            "items": {"type": "string", "enum": list(zones.ENVIRONMENTS)},
            "description": "Environments this policy applies to.",
            "default": list(environments),
        }
    properties.update(copy.deepcopy(extra))
    return PolicyConfigSchema(properties=properties)


def value(config: Mapping[str, Any], policy_schema: PolicyConfigSchema, key: str) -> Any:
    """One config value, or the schema's default when the config does not give it."""
    if key in config:
        return config[key]
    return copy.deepcopy(policy_schema.properties[key]["default"])


def defaults(policy_schema: PolicyConfigSchema | None) -> dict[str, Any]:
    """Every default a schema declares, as the engine would fill them in."""
    if policy_schema is None:
        return {}
    return {key: copy.deepcopy(prop["default"])
            for key, prop in policy_schema.properties.items() if "default" in prop}


def _normal(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).lower()


@dataclass(frozen=True)
class ZoneTables:
    """Which zone a location, Atlas region, Scylla datacenter or host name is in."""

    stacks: Mapping[str, Mapping[str, str]]
    azure: Mapping[str, str]
    atlas: Mapping[str, str]
    scylla: Mapping[str, str]

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "ZoneTables":
        """The tables from a policy's config, each falling back to the pack's data."""
        def invert(key: str, default: Mapping[str, tuple[str, ...]], norm) -> dict[str, str]:
            given = config.get(key) or {}
            lists = {zone: given.get(zone, default.get(zone, ())) for zone in zones.ZONES}
            return {norm(name): zone for zone, names in lists.items() for name in names}

        return cls(
            stacks=config.get("stacks") or zones.STACKS,
            azure=invert("azureLocations", zones.AZURE_LOCATIONS, _normal),
            atlas=invert("atlasRegions", zones.ATLAS_REGIONS, str.upper),
            scylla=invert("scyllaDatacenters", zones.SCYLLA_DATACENTERS, str),
        )

    def location(self, name: Any) -> str | None:
        """Zone of an Azure location; ``global`` for the global pseudo-location."""
        if not isinstance(name, str):
            return None
        key = _normal(name)
        return "global" if key in zones.GLOBAL_LOCATIONS else self.azure.get(key)

    def atlas_region(self, name: Any) -> str | None:
        """Zone of an Atlas region name such as EUROPE_WEST."""
        return self.atlas.get(name.upper()) if isinstance(name, str) else None

    def region(self, name: Any) -> str | None:
        """Zone of a value that may be either an Atlas region name or an Azure location."""
        return self.atlas_region(name) or self.location(name)

    def datacenter(self, name: Any) -> str | None:
        """Zone of a Scylla datacenter name."""
        return self.scylla.get(name) if isinstance(name, str) else None

    def stack(self, name: str) -> str | None:
        """Zone of a stack named in the stacks table."""
        entry = self.stacks.get(name)
        return entry.get("zone") if entry else None

    def host(self, host: Any) -> str | None:
        """Zone of a host name (or host:port, or URI): by a stack-name prefix, then by
        words such as ``eu`` or ``us`` or an Azure location in it; None when it names no
        zone or both. A bare cluster-local name (``*.svc.cluster.local`` without any zone
        word) stays in the cluster, so the caller treats it as its own zone."""
        if not isinstance(host, str) or not host:
            return None
        host = re.sub(r"^[a-z+]+://", "", host.lower()).split("/")[0].rsplit("@", 1)[-1]
        for stack in sorted(self.stacks, key=len, reverse=True):
            if host.startswith((f"{stack}-", f"{stack}.")):
                return self.stack(stack)
        found = set()
        for word in re.split(r"[^a-z0-9]+", host):
            for zone, words in zones.HOST_TOKENS.items():
                if word in words:
                    found.add(zone)
            if word in self.azure:
                found.add(self.azure[word])
        return found.pop() if len(found) == 1 else None


def is_cluster_local(host: str) -> bool:
    """Whether a host name is a Kubernetes in-cluster service name."""
    name = re.sub(r"^[a-z+]+://", "", host.lower()).split("/")[0].split(":")[0]
    return name.endswith((".svc", ".svc.cluster.local"))
