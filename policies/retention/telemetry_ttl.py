"""sec-telemetry-retention: Scylla telemetry expires after the guide's 90 days.

Every table of the ``keyspaces`` (``telemetry``) in the rendered CQL the plan carries
must have ``default_time_to_live`` of ``ttlDays`` (90) days: no TTL keeps readings
forever, another one departs from the guide's retention. Every environment.
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

DAY_SECONDS = 86_400

CONFIG = settings.schema(
    keyspaces={"type": "array", "items": {"type": "string"}, "default": ["telemetry"],
               "description": "Keyspaces holding telemetry."},
    ttlDays={"type": "integer", "minimum": 1, "default": 90,
             "description": "Days a telemetry row lives."},
)


def sec_telemetry_retention_validator(args: ResourceValidationArgs,
                                      report_violation: ReportViolation) -> None:
    """Report each telemetry table whose default TTL is not the guide's."""
    schema = cql.schema_of(args.resource_type, args.props)
    if schema is None:
        return
    rule = scope(args.urn, args.get_config(), CONFIG)
    keyspaces = set(rule.get("keyspaces"))
    wanted = as_int(rule.get("ttlDays")) * DAY_SECONDS
    for key, table in sorted(schema.tables.items()):
        if table.keyspace not in keyspaces or table.ttl == wanted:
            continue
        now = "no default_time_to_live" if table.ttl is None else f"default_time_to_live {table.ttl}"
        report_violation(f"{args.name}: table {key} has {now}; set default_time_to_live = "
                         f"{wanted} ({wanted // DAY_SECONDS} days).")


sec_telemetry_retention = ResourceValidationPolicy(
    name="sec-telemetry-retention",
    description="Scylla telemetry tables expire rows after 90 days.",
    validate=sec_telemetry_retention_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
