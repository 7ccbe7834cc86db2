"""Kafka topics reconciled on the local KRaft broker: create, set back, raise, prune.

Every topic a test touches starts with a prefix of its own, and is deleted at the end.
"""

import uuid

import pytest
from confluent_kafka.admin import (
    AdminClient,
    AlterConfigOpType,
    ConfigEntry,
    ConfigResource,
    NewTopic,
    ResourceType,
)

from runtime.migrations import kafka

pytestmark = pytest.mark.integration

DAY_MS = 24 * 3_600_000


class Case:
    """One test's topic prefix, its settings and an admin client to look and meddle."""

    def __init__(self, server) -> None:
        self.prefix = f"mig-{uuid.uuid4().hex[:10]}-"
        self.settings = kafka.KafkaSettings({"bootstrap.servers": server.url}, 1, 1)
        self.admin = AdminClient({"bootstrap.servers": server.url})

    def spec(self, name: str, partitions: int = 2, retention_ms: int = DAY_MS):
        config = {"retention.ms": str(retention_ms), "cleanup.policy": "delete"}
        return kafka.TopicSpec(self.prefix + name, partitions, 1, config)

    def reconcile(self, wanted, dry_run: bool = False, prune: str | None = None):
        return kafka.reconcile(self.settings, wanted, dry_run, prune)

    def topics(self) -> dict[str, int]:
        """Topics of this case -> partition count."""
        found = self.admin.list_topics(timeout=30).topics
        return {n: len(t.partitions) for n, t in found.items() if n.startswith(self.prefix)}

    def config(self, topic: str, key: str) -> str:
        resource = ConfigResource(ResourceType.TOPIC, topic)
        entries = self.admin.describe_configs([resource])[resource].result(30)
        return entries[key].value

    def set_config(self, topic: str, key: str, value: str) -> None:
        entry = ConfigEntry(key, value, incremental_operation=AlterConfigOpType.SET)
        resource = ConfigResource(ResourceType.TOPIC, topic, incremental_configs=[entry])
        self.admin.incremental_alter_configs([resource])[resource].result(30)

    def create(self, name: str, partitions: int = 1) -> str:
        topic = self.prefix + name
        self.admin.create_topics([NewTopic(topic, partitions, 1)])[topic].result(30)
        return topic

    def close(self) -> None:
        names = list(self.topics())
        if names:
            for future in self.admin.delete_topics(names, operation_timeout=30).values():
                future.result(30)


@pytest.fixture
def case(kafka_server):
    one = Case(kafka_server)
    yield one
    one.close()


def test_missing_topics_are_created_with_partitions_and_retention(case):
    wanted = [case.spec("telemetry", 3, DAY_MS), case.spec("access", 2, 90 * DAY_MS)]

    report = case.reconcile(wanted)

    assert len(report.changes) == 2
    assert case.topics() == {case.prefix + "telemetry": 3, case.prefix + "access": 2}
    assert case.config(case.prefix + "telemetry", "retention.ms") == str(DAY_MS)
    assert case.config(case.prefix + "access", "retention.ms") == str(90 * DAY_MS)


def test_second_run_does_nothing_and_says_so(case):
    wanted = [case.spec("telemetry")]
    case.reconcile(wanted)

    report = case.reconcile(wanted)

    assert report.lines() == ["kafka: nothing to do, up to date"]


def test_a_retention_changed_by_hand_is_set_back(case):
    wanted = [case.spec("telemetry", retention_ms=DAY_MS)]
    case.reconcile(wanted)
    topic = case.prefix + "telemetry"
    case.set_config(topic, "retention.ms", str(7 * DAY_MS))

    report = case.reconcile(wanted)

    assert report.changes == [f"alter the config of {topic}: retention.ms {7 * DAY_MS} -> {DAY_MS}"]
    assert case.config(topic, "retention.ms") == str(DAY_MS)


def test_partitions_are_raised_but_never_lowered(case):
    topic = case.prefix + "telemetry"
    case.reconcile([case.spec("telemetry", 2)])

    raised = case.reconcile([case.spec("telemetry", 5)])
    assert raised.changes == [f"raise the partitions of {topic}: 2 -> 5 partitions"]
    assert case.topics()[topic] == 5

    lowered = case.reconcile([case.spec("telemetry", 3)])
    assert lowered.changes == []
    assert any("never lowered" in note for note in lowered.notes)
    assert case.topics()[topic] == 5


def test_a_topic_outside_the_catalog_is_deleted_only_with_prune(case):
    wanted = [case.spec("telemetry")]
    extra = case.create("forgotten")

    kept = case.reconcile(wanted)
    assert extra in case.topics()
    assert not any("delete" in change for change in kept.changes)

    pruned = case.reconcile(wanted, prune=case.prefix)
    assert pruned.changes == [f"delete topic {extra} (not in the catalog, --prune)"]
    assert set(case.topics()) == {case.prefix + "telemetry"}


def test_the_dry_run_lists_every_change_and_changes_nothing(case):
    case.reconcile([case.spec("telemetry", 2)])
    topic = case.prefix + "telemetry"
    case.set_config(topic, "retention.ms", str(7 * DAY_MS))
    extra = case.create("forgotten")
    wanted = [case.spec("telemetry", 4), case.spec("events")]

    report = case.reconcile(wanted, dry_run=True, prune=case.prefix)

    kinds = sorted(change.split(" ")[0] for change in report.changes)
    assert kinds == ["alter", "create", "delete", "raise"]
    assert report.lines()[0].startswith("kafka: would ")
    assert case.topics() == {topic: 2, extra: 1}
    assert case.config(topic, "retention.ms") == str(7 * DAY_MS)
