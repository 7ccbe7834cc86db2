"""Kafka topics reconciled to the catalog: create missing, alter drifted, raise partitions.

Partitions are never lowered (Kafka cannot) and a topic outside the catalog is deleted
only with ``prune``. The replication factor of an existing topic is reported when it
differs, not changed: that takes a partition reassignment, which is an operator's call.
"""

import logging
from dataclasses import dataclass, field

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
from runtime.migrations.versioned import Report

log = logging.getLogger(__name__)

TIMEOUT = 30.0


@dataclass(frozen=True)
class TopicSpec:
    """A topic as it should be on the cluster."""

    name: str
    partitions: int
    replication: int
    config: dict[str, str] = field(default_factory=dict)


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


@dataclass(frozen=True)
class Change:
    """One thing to do to one topic."""

    kind: str  # create | config | partitions | delete
    topic: str
    detail: str
    spec: TopicSpec | None = None

    def describe(self) -> str:
        """One line for the report, verb first."""
        return {
            "create": f"create topic {self.topic} ({self.detail})",
            "partitions": f"raise the partitions of {self.topic}: {self.detail}",
            "config": f"alter the config of {self.topic}: {self.detail}",
            "delete": f"delete topic {self.topic} ({self.detail})",
        }[self.kind]


def plan(
    admin: AdminClient, wanted: list[TopicSpec], prune_prefix: str | None
) -> tuple[list[Change], list[str]]:
    """Changes that bring the cluster to ``wanted``, and notes on what is left alone.

    ``prune_prefix`` is None for no pruning; otherwise topics starting with it (all
    non-internal topics when it is "") that the catalog lacks are deleted.
    """
    metadata = admin.list_topics(timeout=TIMEOUT).topics
    changes: list[Change] = []
    notes: list[str] = []
    current = _configs(admin, [s.name for s in wanted if s.name in metadata])
    for spec in wanted:
        if spec.name not in metadata:
            changes.append(
                Change(
                    "create",
                    spec.name,
                    f"{spec.partitions} partition(s), replication {spec.replication}",
                    spec,
                )
            )
            continue
        have = metadata[spec.name].partitions
        if spec.partitions > len(have):
            changes.append(
                Change(
                    "partitions", spec.name, f"{len(have)} -> {spec.partitions} partitions", spec
                )
            )
        elif spec.partitions < len(have):
            notes.append(
                f"kafka: {spec.name} keeps {len(have)} partitions; the catalog says "
                f"{spec.partitions}, and partitions are never lowered"
            )
        replicas = {len(p.replicas) for p in have.values()}
        if replicas != {spec.replication}:
            notes.append(
                f"kafka: {spec.name} has replication {sorted(replicas)}, the catalog "
                f"{spec.replication}; change it with a partition reassignment"
            )
        drift = {k: v for k, v in spec.config.items() if current[spec.name].get(k) != v}
        if drift:
            detail = ", ".join(f"{k} {current[spec.name].get(k)} -> {v}" for k, v in drift.items())
            changes.append(
                Change(
                    "config",
                    spec.name,
                    detail,
                    TopicSpec(spec.name, spec.partitions, spec.replication, drift),
                )
            )
    if prune_prefix is not None:
        names = {s.name for s in wanted}
        for name in sorted(metadata):
            if name.startswith("_") or name in names or not name.startswith(prune_prefix):
                continue
            changes.append(Change("delete", name, "not in the catalog, --prune"))
    return changes, notes


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
