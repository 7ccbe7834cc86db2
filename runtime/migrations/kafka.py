"""Kafka topics reconciled to the catalog: read the cluster, diff, apply.

The rules (create missing, alter drifted, raise partitions, never lower them, delete only
when pruning) live in :mod:`runtime.migrations.kafka_plan`; this module talks to Kafka.
"""

import logging
from dataclasses import dataclass

from confluent_kafka import KafkaException
from confluent_kafka.admin import (
    AdminClient,
    AlterConfigOpType,
    ConfigEntry,
    ConfigResource,
    NewPartitions,
    NewTopic,
    ResourceType,
)

from runtime.catalog import Topic, partitions, topic_config
from runtime.errors import MigrationError
from runtime.migrations.kafka_plan import Change, TopicSpec, TopicState, diff
from runtime.migrations.versioned import Report

log = logging.getLogger(__name__)

TIMEOUT = 30.0


@dataclass(frozen=True)
class KafkaSettings:
    """How to reach the cluster and how topics are sized there (the stack's sizing)."""

    client: dict[str, str]
    replication: int
    min_insync: int
    partitions_cap: int | None = None


def specs(topics: tuple[Topic, ...], settings: KafkaSettings) -> list[TopicSpec]:
    """The catalog's topics sized for the environment, as the deploy declares them."""
    return [
        TopicSpec(
            t.name,
            partitions(t, settings.partitions_cap),
            settings.replication,
            topic_config(t, settings.min_insync),
        )
        for t in topics
    ]


def read(admin: AdminClient, wanted: list[TopicSpec]) -> dict[str, TopicState]:
    """Every topic on the cluster; the config of those ``wanted`` names."""
    metadata = admin.list_topics(timeout=TIMEOUT).topics
    configs = _configs(admin, [s.name for s in wanted if s.name in metadata])
    return {
        name: TopicState(
            len(topic.partitions),
            frozenset(len(p.replicas) for p in topic.partitions.values()),
            configs.get(name, {}),
        )
        for name, topic in metadata.items()
    }


def plan(
    admin: AdminClient, wanted: list[TopicSpec], prune_prefix: str | None
) -> tuple[list[Change], list[str]]:
    """Changes that bring the cluster to ``wanted``, and notes on what is left alone."""
    return diff(wanted, read(admin, wanted), prune_prefix)


def _configs(admin: AdminClient, names: list[str]) -> dict[str, dict[str, str]]:
    if not names:
        return {}
    futures = admin.describe_configs([ConfigResource(ResourceType.TOPIC, n) for n in names])
    return {
        resource.name: {k: e.value for k, e in future.result(TIMEOUT).items()}
        for resource, future in futures.items()
    }


def apply(admin: AdminClient, changes: list[Change]) -> None:
    """Carry the changes out, one kind at a time, waiting for each to complete."""
    creates = [
        NewTopic(
            c.spec.name,
            num_partitions=c.spec.partitions,
            replication_factor=c.spec.replication,
            config=c.spec.config,
        )
        for c in changes
        if c.kind == "create"
    ]
    raises = [NewPartitions(c.topic, c.spec.partitions) for c in changes if c.kind == "partitions"]
    alters = [
        ConfigResource(
            ResourceType.TOPIC,
            c.topic,
            incremental_configs=[
                ConfigEntry(k, v, incremental_operation=AlterConfigOpType.SET)
                for k, v in c.spec.config.items()
            ],
        )
        for c in changes
        if c.kind == "config"
    ]
    deletes = [c.topic for c in changes if c.kind == "delete"]
    if creates:
        _wait("create topic", admin.create_topics(creates, operation_timeout=TIMEOUT))
    if raises:
        _wait("add partitions", admin.create_partitions(raises, operation_timeout=TIMEOUT))
    if alters:
        _wait("alter config", admin.incremental_alter_configs(alters))
    if deletes:
        _wait("delete topic", admin.delete_topics(deletes, operation_timeout=TIMEOUT))


def _wait(what: str, futures: dict) -> None:
    failed = []
    for key, future in futures.items():
        try:
            future.result(TIMEOUT)
        except KafkaException as exc:
            failed.append(f"{getattr(key, 'name', key)}: {exc.args[0]}")
    if failed:
        raise MigrationError(f"kafka: {what} failed for " + "; ".join(failed))


def reconcile(
    settings: KafkaSettings,
    wanted: list[TopicSpec],
    dry_run: bool = False,
    prune_prefix: str | None = None,
) -> Report:
    """Plan and (unless ``dry_run``) apply; the report lists every change and note."""
    # librdkafka's own lines go through logging, so they follow the CLI's log level.
    admin = AdminClient({"logger": logging.getLogger(f"{__name__}.client"), **settings.client})
    try:
        changes, notes = plan(admin, wanted, prune_prefix)
    except KafkaException as exc:
        raise MigrationError(f"kafka: cannot read the cluster's topics: {exc.args[0]}") from exc
    report = Report("kafka", dry_run, notes=notes, declarative=True)
    report.changes = [c.describe() for c in changes]
    if changes and not dry_run:
        log.info("kafka: %d change(s) to apply", len(changes))
        apply(admin, changes)
    return report
