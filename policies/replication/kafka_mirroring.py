"""gdpr-kafka-mirroring-in-zone: Kafka topics are mirrored only between clusters of a zone.

Mirroring is declared as a Strimzi KafkaMirrorMaker2 or KafkaMirrorMaker, a Strimzi
KafkaConnector running a MirrorMaker connector class, or a Confluent cluster link. Every
bootstrap address such a resource names must be in the stack's zone; the zone of an
address comes from its host name (``kafka-eu.prod...``, ``kafka-us-east.dev...``).
"""

import re
from collections.abc import Iterator
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings
from policies.support.props import as_list, dig, known, view
from policies.support.rules import scope
from policies.support.settings import is_cluster_local

CONFIG = settings.schema()

_STRIMZI = re.compile(r"^kubernetes:kafka\.strimzi\.io/[^:]+:(KafkaMirrorMaker2?|KafkaConnector)$")
_CLUSTER_LINK = "confluentcloud:index/clusterLink:ClusterLink"
_ADDRESS_KEY = re.compile(r"(bootstrapServers|bootstrap\.servers|bootstrapEndpoint)$")


def _is_mirror(resource_type: str, props: dict) -> bool:
    match = _STRIMZI.match(resource_type)
    if match and match[1] == "KafkaConnector":
        return "Mirror" in str(dig(props, "spec", "class", default=""))
    return bool(match) or resource_type == _CLUSTER_LINK


def _addresses(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(property path, host:port) for every bootstrap address anywhere in a value."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if _ADDRESS_KEY.search(key) and (isinstance(item, str | list)):
                for address in as_list(item):
                    if isinstance(address, str):
                        yield where, address
            else:
                yield from _addresses(item, where)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _addresses(item, f"{path}[{i}]")


def gdpr_kafka_mirroring_in_zone_validator(args: ResourceValidationArgs,
                                           report_violation: ReportViolation) -> None:
    """Report each mirrored cluster address outside the stack's zone."""
    props = view(args.props)
    if not _is_mirror(args.resource_type, props):
        return
    rule = scope(args.urn, args.get_config(), CONFIG)
    zone = rule.stack.zone
    for path, address in _addresses(props):
        if not known(address):
            continue
        found = rule.zones.host(address)
        if found is None and is_cluster_local(address):
            found = zone
        if found == zone:
            continue
        where = f"in the {found.upper()} zone" if found else "in no zone this pack can tell"
        report_violation(
            f"{args.name}: {path} {address!r} is {where}, but stack {rule.stack.name} is in "
            f"the {zone.upper()} zone; mirror only between {zone.upper()} clusters.")


gdpr_kafka_mirroring_in_zone = ResourceValidationPolicy(
    name="gdpr-kafka-mirroring-in-zone",
    description="Kafka mirroring and cluster links stay in the stack's residency zone.",
    validate=gdpr_kafka_mirroring_in_zone_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
