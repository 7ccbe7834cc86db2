"""sec-kafka-topic-durability: prod topics survive the loss of a broker without losing writes.

``replicationFactor`` must be at least ``minReplicationFactor`` (3) and the topic's
``min.insync.replicas`` at least ``minInsyncReplicas`` (2; when unset the broker default
of 1 applies, so an acknowledged write may live on one disk only), and no more than the
replication factor, or producers using acks=all cannot write at all. Prod by default.
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

CONFIG = settings.schema(
    environments=("prod",),
    minReplicationFactor={"type": "integer", "minimum": 1, "default": 3,
                          "description": "Fewest replicas of each partition."},
    minInsyncReplicas={"type": "integer", "minimum": 1, "default": 2,
                       "description": "Fewest in-sync replicas an acknowledged write needs."},
)

_MIN_INSYNC = "min.insync.replicas"


def sec_kafka_topic_durability_validator(args: ResourceValidationArgs,
                                         report_violation: ReportViolation) -> None:
    """Report a topic with too few replicas or in-sync replicas."""
    rule = rule_for(args, types.KAFKA_TOPIC, CONFIG)
    if rule is None:
        return
    props = view(args.props)
    topic = props.get("name", args.name)
    least_replicas = as_int(rule.get("minReplicationFactor"))
    least_insync = as_int(rule.get("minInsyncReplicas"))
    factor = props.get("replicationFactor")
    replicas = as_int(factor)
    if known(factor) and (replicas is None or replicas < least_replicas):
        report_violation(f"{args.name}: topic {topic} has replicationFactor {shown(factor)}; "
                         f"set replicationFactor to {least_replicas} or more.")
    insync_value = dig(props, "config", _MIN_INSYNC)
    if not known(insync_value):
        return
    insync = as_int(insync_value)
    if insync is None or insync < least_insync:
        report_violation(f"{args.name}: topic {topic} has {_MIN_INSYNC} {shown(insync_value)}; "
                         f"set config {_MIN_INSYNC!r} to '{least_insync}' or more.")
    elif replicas is not None and insync > replicas:
        report_violation(f"{args.name}: topic {topic} has {_MIN_INSYNC} {insync} but only "
                         f"{replicas} replicas, so writes with acks=all fail; raise "
                         f"replicationFactor to at least {insync}.")


sec_kafka_topic_durability = ResourceValidationPolicy(
    name="sec-kafka-topic-durability",
    description="In prod, Kafka topics have 3 or more replicas and min.insync.replicas of 2 "
                "or more.",
    validate=sec_kafka_topic_durability_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
