"""gdpr-sql-failover-in-zone: a SQL Managed Instance fails over only inside its zone.

An instance failover group replicates every database to the partner region's instance;
each ``partnerRegions[].location`` must be in the stack's residency zone (US-EAST may fail
over to US-WEST; EU has no partner outside the EU).
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings
from policies.support.props import dig, items, known, view
from policies.support.rules import rule_for

CONFIG = settings.schema()

_FAILOVER_GROUP = "azure-native:sql:InstanceFailoverGroup"


def gdpr_sql_failover_in_zone_validator(args: ResourceValidationArgs,
                                        report_violation: ReportViolation) -> None:
    """Report each failover partner region outside the stack's zone."""
    rule = rule_for(args, _FAILOVER_GROUP, CONFIG)
    if rule is None:
        return
    zone = rule.stack.zone
    for i, partner in enumerate(items(view(args.props), "partnerRegions")):
        location = dig(partner, "location")
        if not known(location):
            continue
        found = rule.zones.location(location)
        if found == zone:
            continue
        where = f"in the {found.upper()} zone" if found else "in no known zone"
        report_violation(
            f"{args.name}: partnerRegions[{i}].location {location!r} is {where}, but stack "
            f"{rule.stack.name} is in the {zone.upper()} zone; fail over to a "
            f"{zone.upper()} region or remove the failover group.")


gdpr_sql_failover_in_zone = ResourceValidationPolicy(
    name="gdpr-sql-failover-in-zone",
    description="SQL Managed Instance failover partners are in the stack's residency zone.",
    validate=gdpr_sql_failover_in_zone_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
