"""gdpr-eu-residency: in an EU stack every resource that has a place is in the EU.

A place is an Azure ``location`` (resource groups, AKS, private endpoints, SQL MI, Redis,
Key Vault...), an Atlas region name (cluster region configs, private link endpoints),
or the datacenter of a ScyllaCluster. Private DNS zones are ``global`` and allowed.
Provider configuration is the stack-isolation rule's business, not this one's.
"""

from collections.abc import Iterator

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, types, zones
from policies.support.props import dig, items, known, view
from policies.support.rules import scope

CONFIG = settings.schema()

_EXAMPLE = {"location": "westeurope", "region": "EUROPE_WEST", "datacenter": "eu"}


def _places(resource_type: str, props: dict) -> Iterator[tuple[str, object, str]]:
    """(property path, value, kind) for every place a resource names."""
    for key in ("location", "locationName"):
        if key in props:
            yield key, props[key], "location"
    for key in ("region", "regionName", "providerRegionName"):
        if key in props:
            yield key, props[key], "region"
    if resource_type in types.ATLAS_CLUSTERS:
        for i, spec in enumerate(items(props, "replicationSpecs")):
            for key in ("regionConfigs", "regionsConfigs"):
                for j, config in enumerate(items(spec, key)):
                    yield (f"replicationSpecs[{i}].{key}[{j}].regionName",
                           dig(config, "regionName"), "region")
    if resource_type == types.SCYLLA_CLUSTER:
        yield "spec.datacenter.name", dig(props, "spec", "datacenter", "name"), "datacenter"


def gdpr_eu_residency_validator(args: ResourceValidationArgs,
                                report_violation: ReportViolation) -> None:
    """Report each place of a resource in an EU stack that is not in the EU."""
    if args.resource_type.startswith("pulumi:providers:"):
        return
    rule = scope(args.urn, args.get_config(), CONFIG)
    if not rule.stack.is_eu:
        return
    props = view(args.props)
    for path, value, kind in _places(args.resource_type, props):
        if not known(value) or value is None:
            continue
        if kind == "location":
            zone = rule.zones.location(value)
        elif kind == "region":
            zone = rule.zones.region(value)
        else:
            zone = rule.zones.datacenter(value)
        if zone in (zones.EU, "global"):
            continue
        where = f"in the {zone.upper()} zone" if zone else "not a known EU " + kind
        report_violation(
            f"{args.name}: {path} is {value!r}, {where}; stack {rule.stack.name} keeps its "
            f"data in the EU: set {path} to an EU {kind} such as {_EXAMPLE[kind]!r}.")


gdpr_eu_residency = ResourceValidationPolicy(
    name="gdpr-eu-residency",
    description="In an EU stack, every resource with a location, region or datacenter "
                "is in the EU.",
    validate=gdpr_eu_residency_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
