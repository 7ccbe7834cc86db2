"""gdpr-scylla-replication-in-zone: keyspaces replicate only to datacenters of the zone.

Keyspaces come from migrations, so the rule reads the rendered CQL the plan carries in
the schema ConfigMap. Each keyspace must use NetworkTopologyStrategy (SimpleStrategy and
EverywhereStrategy place replicas without regard to datacenter), naming datacenters of
the stack's zone only.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import cql, settings
from policies.support.rules import scope

CONFIG = settings.schema()


def gdpr_scylla_replication_in_zone_validator(args: ResourceValidationArgs,
                                              report_violation: ReportViolation) -> None:
    """Report each keyspace whose replication reaches outside the stack's zone."""
    schema = cql.schema_of(args.resource_type, args.props)
    if schema is None:
        return
    rule = scope(args.urn, args.get_config(), CONFIG)
    zone = rule.stack.zone
    for keyspace in schema.keyspaces.values():
        if keyspace.strategy and keyspace.strategy != "NetworkTopologyStrategy":
            report_violation(
                f"{args.name}: keyspace {keyspace.name} uses {keyspace.strategy}, which "
                f"places replicas in any datacenter; use NetworkTopologyStrategy with "
                f"{zone.upper()} datacenters only.")
            continue
        for dc in keyspace.datacenters:
            found = rule.zones.datacenter(dc)
            if found == zone:
                continue
            where = f"in the {found.upper()} zone" if found else "not a known datacenter"
            report_violation(
                f"{args.name}: keyspace {keyspace.name} replicates to datacenter {dc!r}, "
                f"{where}, but stack {rule.stack.name} is in the {zone.upper()} zone; "
                f"remove {dc!r} from its replication map.")


gdpr_scylla_replication_in_zone = ResourceValidationPolicy(
    name="gdpr-scylla-replication-in-zone",
    description="Scylla keyspaces replicate only to datacenters in the stack's residency "
                "zone.",
    validate=gdpr_scylla_replication_in_zone_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
