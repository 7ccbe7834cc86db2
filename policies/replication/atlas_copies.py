"""gdpr-atlas-copies-in-zone: Atlas keeps every copy of the data inside its zone.

Copies are the cluster's replica-set members (``replicationSpecs[].regionConfigs[]``,
including read-only and analytics nodes, which share the region config) and backup
snapshot copies (``copySettings[].regionName`` of a cloud backup schedule).
"""

from collections.abc import Iterator

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, types
from policies.support.props import dig, items, known, view
from policies.support.rules import scope

CONFIG = settings.schema()

_BACKUP_SCHEDULE = "mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule"


def _copies(resource_type: str, props: dict) -> Iterator[tuple[str, object]]:
    if resource_type in types.ATLAS_CLUSTERS:
        if "providerRegionName" in props:
            yield "providerRegionName", props["providerRegionName"]
        for i, spec in enumerate(items(props, "replicationSpecs")):
            for key in ("regionConfigs", "regionsConfigs"):
                for j, config in enumerate(items(spec, key)):
                    yield (f"replicationSpecs[{i}].{key}[{j}].regionName",
                           dig(config, "regionName"))
    elif resource_type == _BACKUP_SCHEDULE:
        for i, copy in enumerate(items(props, "copySettings")):
            yield f"copySettings[{i}].regionName", dig(copy, "regionName")


def gdpr_atlas_copies_in_zone_validator(args: ResourceValidationArgs,
                                        report_violation: ReportViolation) -> None:
    """Report each Atlas replica or backup copy region outside the stack's zone."""
    if args.resource_type not in types.ATLAS_CLUSTERS and args.resource_type != _BACKUP_SCHEDULE:
        return
    rule = scope(args.urn, args.get_config(), CONFIG)
    zone = rule.stack.zone
    for path, region in _copies(args.resource_type, view(args.props)):
        if region is None or not known(region):
            continue
        found = rule.zones.atlas_region(region)
        if found == zone:
            continue
        where = f"in the {found.upper()} zone" if found else "not a known Atlas region"
        report_violation(
            f"{args.name}: {path} {region!r} is {where}, but stack {rule.stack.name} is in "
            f"the {zone.upper()} zone; keep every replica and backup copy in "
            f"{zone.upper()} Atlas regions.")


gdpr_atlas_copies_in_zone = ResourceValidationPolicy(
    name="gdpr-atlas-copies-in-zone",
    description="Atlas replicas and backup copies are in the stack's residency zone.",
    validate=gdpr_atlas_copies_in_zone_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
