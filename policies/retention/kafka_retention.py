"""sec-kafka-retention: each Kafka topic keeps its records as long as the guide says.

The guide sets the retention of its topics (device-telemetry 24 hours, device-events 30
days, access-events 90 days, maintenance-tasks 365 days, notifications 48 hours); a
topic it names must have exactly that ``retention.ms``. Any other topic must declare a
finite one: unset means the broker's default, ``-1`` keeps records forever. Every
environment. Override per topic with ``topicRetentionHours``.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, types
from policies.support.props import as_int, dig, known, shown, view
from policies.support.rules import rule_for

HOUR_MS = 3_600_000

CONFIG = settings.schema(topicRetentionHours={
    "type": "object",
    "additionalProperties": {"type": "integer", "minimum": 1},
    "description": "Topic name -> the hours it keeps records, as the guide sets them.",
    "default": {"device-telemetry": 24, "device-events": 720, "access-events": 2160,
                "maintenance-tasks": 8760, "notifications": 48},
})

_RETENTION = "retention.ms"


def sec_kafka_retention_validator(args: ResourceValidationArgs,
                                  report_violation: ReportViolation) -> None:
    """Report a topic whose retention differs from the guide's, or is unbounded."""
    rule = rule_for(args, types.KAFKA_TOPIC, CONFIG)
    if rule is None:
        return
    props = view(args.props)
    topic = props.get("name")
    value = dig(props, "config", _RETENTION)
    if not known(topic) or not known(value):
        return
    kept = as_int(value)
    hours = as_int((rule.get("topicRetentionHours") or {}).get(topic))
    if hours is not None and kept != hours * HOUR_MS:
        report_violation(f"{args.name}: topic {topic} has {_RETENTION} {shown(value)}, the "
                         f"guide keeps it {hours} hours; set config {_RETENTION!r} to "
                         f"'{hours * HOUR_MS}'.")
    elif hours is None and (kept is None or kept <= 0):
        report_violation(f"{args.name}: topic {topic} has {_RETENTION} {shown(value)}, which "
                         f"keeps records without a bound; set config {_RETENTION!r} to the "
                         f"milliseconds its records are needed.")


sec_kafka_retention = ResourceValidationPolicy(
    name="sec-kafka-retention",
    description="Kafka topics keep records as long as the guide sets, and no topic keeps "
                "them forever.",
    validate=sec_kafka_retention_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
