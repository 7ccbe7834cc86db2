"""gdpr-eu-personal-data-retention: an EU stack keeps personal data for a bounded time.

Personal data is what names a person: Scylla tables with a ``personalColumns`` column
(``user_id``: access events, who changed what) and the ``personalTopics`` Kafka topics
(access events, notifications, dead letters, which may hold either). In an EU stack each
must expire within ``maxDays`` (90): a table by its ``default_time_to_live``, a topic by
its ``retention.ms``. Unset or zero means kept forever.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import cql, settings, types
from policies.support.props import as_int, dig, known, shown, view
from policies.support.rules import scope

DAY_SECONDS = 86_400

CONFIG = settings.schema(
    maxDays={"type": "integer", "minimum": 1, "default": 90,
             "description": "Most days personal data is kept."},
    personalColumns={"type": "array", "items": {"type": "string"}, "default": ["user_id"],
                     "description": "Columns that make a table hold personal data."},
    personalTopics={"type": "array", "items": {"type": "string"},
                    "default": ["access-events", "notifications", "dead-letters"],
                    "description": "Kafka topics that hold personal data."},
)


def _bounded(seconds: int | None, limit: int) -> bool:
    return seconds is not None and 0 < seconds <= limit


def gdpr_eu_personal_data_retention_validator(args: ResourceValidationArgs,
                                              report_violation: ReportViolation) -> None:
    """Report personal-data tables and topics of an EU stack kept beyond the bound."""
    if args.resource_type not in (types.KAFKA_TOPIC, cql.CONFIG_MAP):
        return
    rule = scope(args.urn, args.get_config(), CONFIG)
    if not rule.stack.is_eu:
        return
    days = as_int(rule.get("maxDays"))
    props = view(args.props)
    if args.resource_type == types.KAFKA_TOPIC:
        topic, value = props.get("name"), dig(props, "config", "retention.ms")
        if topic not in rule.get("personalTopics") or not known(value):
            return
        kept = as_int(value)
        if not _bounded(None if kept is None else kept // 1000, days * DAY_SECONDS):
            report_violation(f"{args.name}: topic {topic} holds personal data and has "
                             f"retention.ms {shown(value)}; in the EU set it to "
                             f"{days * DAY_SECONDS * 1000} ({days} days) or less.")
        return
    schema = cql.schema_of(args.resource_type, args.props)
    personal = set(rule.get("personalColumns"))
    for key, table in sorted((schema.tables if schema else {}).items()):
        columns = sorted(personal.intersection(table.columns))
        if columns and not _bounded(table.ttl, days * DAY_SECONDS):
            now = "no default_time_to_live" if table.ttl is None else f"default_time_to_live {table.ttl}"
            report_violation(f"{args.name}: table {key} holds personal data "
                             f"({', '.join(columns)}) and has {now}; in the EU set "
                             f"default_time_to_live = {days * DAY_SECONDS} ({days} days) or "
                             f"less.")


gdpr_eu_personal_data_retention = ResourceValidationPolicy(
    name="gdpr-eu-personal-data-retention",
    description="In an EU stack, tables and topics holding personal data expire within 90 "
                "days.",
    validate=gdpr_eu_personal_data_retention_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
