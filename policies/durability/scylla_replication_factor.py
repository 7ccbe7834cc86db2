"""sec-scylla-replication-factor: prod keyspaces keep 3 replicas in each datacenter.

Keyspaces come from migrations, so the rule reads the rendered CQL the plan carries in
the schema ConfigMap (see ``policies.support.cql``). Each datacenter of a keyspace's
replication map (or a SimpleStrategy ``replication_factor``) must be at least
``minReplicas`` (3), so a QUORUM survives a lost node, and ``durable_writes`` must not be
false (writes would skip the commit log). Prod by default.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import cql, settings
from policies.support.props import as_int
from policies.support.rules import scope

CONFIG = settings.schema(
    environments=("prod",),
    minReplicas={"type": "integer", "minimum": 1, "default": 3,
                 "description": "Fewest replicas of a keyspace in each datacenter."},
)


def sec_scylla_replication_factor_validator(args: ResourceValidationArgs,
                                            report_violation: ReportViolation) -> None:
    """Report each keyspace with too few replicas in a datacenter, or without durable
    writes."""
    schema = cql.schema_of(args.resource_type, args.props)
    if schema is None:
        return
    rule = scope(args.urn, args.get_config(), CONFIG)
    if not rule.applies:
        return
    least = as_int(rule.get("minReplicas"))
    for keyspace in schema.keyspaces.values():
        counts = dict(keyspace.datacenters)
        if keyspace.replication_factor is not None:
            counts["replication_factor"] = keyspace.replication_factor
        for where, replicas in sorted(counts.items()):
            if replicas < least:
                report_violation(
                    f"{args.name}: keyspace {keyspace.name} keeps {replicas} replica(s) in "
                    f"{where}; set '{where}': {least} or more in its replication map.")
        if not keyspace.durable_writes:
            report_violation(f"{args.name}: keyspace {keyspace.name} has durable_writes = "
                             f"false; set durable_writes = true.")


sec_scylla_replication_factor = ResourceValidationPolicy(
    name="sec-scylla-replication-factor",
    description="In prod, Scylla keyspaces keep 3 or more replicas per datacenter, with "
                "durable writes.",
    validate=sec_scylla_replication_factor_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
