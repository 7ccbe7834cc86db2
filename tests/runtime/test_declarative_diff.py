"""Spec diffs of the declarative stores (Kafka topics, Artemis addresses), without brokers."""

import json

from runtime.artemis_config import broker_properties
from runtime.catalog import addresses, topics
from runtime.migrations import kafka_plan as kp
from runtime.migrations.artemis_plan import AddressState, diff, same, specs, typed
from runtime.migrations.kafka import KafkaSettings
from runtime.migrations.kafka import specs as topic_specs

DAY_MS = 24 * 3_600_000


def topic(name: str, partitions: int = 3, retention: int = DAY_MS) -> kp.TopicSpec:
    return kp.TopicSpec(name, partitions, 1, {"retention.ms": str(retention)})


def state(partitions: int = 3, retention: int = DAY_MS, replication: int = 1) -> kp.TopicState:
    return kp.TopicState(partitions, frozenset({replication}), {"retention.ms": str(retention)})


def test_kafka_creates_missing_topics_and_leaves_matching_ones():
    changes, notes = kp.diff([topic("a"), topic("b")], {"b": state()}, None)

    assert [c.describe() for c in changes] == ["create topic a (3 partition(s), replication 1)"]
    assert notes == []


def test_kafka_sets_back_a_drifted_config_with_only_the_drifted_keys():
    wanted = kp.TopicSpec("a", 3, 1, {"retention.ms": str(DAY_MS), "cleanup.policy": "delete"})
    have = kp.TopicState(3, frozenset({1}), {"retention.ms": "1", "cleanup.policy": "delete"})

    changes, _ = kp.diff([wanted], {"a": have}, None)

    assert [c.describe() for c in changes] == [f"alter the config of a: retention.ms 1 -> {DAY_MS}"]
    assert changes[0].spec.config == {"retention.ms": str(DAY_MS)}


def test_kafka_raises_partitions_and_never_lowers_them():
    raised, _ = kp.diff([topic("a", 6)], {"a": state(3)}, None)
    lowered, notes = kp.diff([topic("a", 2)], {"a": state(3)}, None)

    assert [c.describe() for c in raised] == ["raise the partitions of a: 3 -> 6 partitions"]
    assert lowered == []
    assert notes == [
        "kafka: a keeps 3 partitions; the catalog says 2, and partitions are never lowered"
    ]


def test_kafka_notes_a_replication_it_cannot_change():
    changes, notes = kp.diff([topic("a")], {"a": state(replication=3)}, None)

    assert changes == []
    assert "change it with a partition reassignment" in notes[0]


def test_kafka_deletes_only_when_pruning_and_never_internal_topics():
    current = {"a": state(), "old": state(), "x-old": state(), "__consumer_offsets": state()}

    kept, _ = kp.diff([topic("a")], current, None)
    every, _ = kp.diff([topic("a")], current, "")
    prefixed, _ = kp.diff([topic("a")], current, "x-")

    assert kept == []
    assert [c.topic for c in every] == ["old", "x-old"]
    assert [c.topic for c in prefixed] == ["x-old"]


def test_kafka_catalog_specs_carry_the_guide_retention_and_the_environment_cap():
    found = {s.name: s for s in topic_specs(topics(), KafkaSettings({}, 3, 2, 12))}

    assert found["device-telemetry"].partitions == 12
    assert found["dead-letters"].partitions == 6
    assert found["device-telemetry"].config["retention.ms"] == str(DAY_MS)
    assert found["access-events"].config["retention.ms"] == str(90 * DAY_MS)
    assert found["access-events"].config["min.insync.replicas"] == "2"
    assert {s.replication for s in found.values()} == {3}


def wanted_addresses():
    return specs(broker_properties("us-east"))


def settings_as_broker(spec) -> dict:
    """What getAddressSettingsAsJSON answers once the settings are in place."""
    return {k: typed(v) for k, v in spec.settings.items()}


def test_artemis_specs_parse_addresses_queues_and_settings_from_broker_properties():
    found = {s.name: s for s in wanted_addresses()}

    assert {a.name for a in addresses()} | {a.dead_letter_address for a in addresses()} <= set(
        found
    )
    broadcast = found["alerts.broadcast"]
    assert broadcast.routing == "MULTICAST"
    assert set(broadcast.queues) == {
        "alerts.broadcast.email",
        "alerts.broadcast.sms",
        "alerts.broadcast.webhook",
    }
    sms = found["notifications.sms"].settings
    assert sms["deadLetterAddress"] == "DLA.notifications.sms"
    assert (sms["maxDeliveryAttempts"], sms["expiryDelay"]) == ("3", "300000")


def test_artemis_on_an_empty_broker_creates_every_address_queue_and_setting():
    wanted = wanted_addresses()

    ops = diff(wanted, set(), {s.name: AddressState(False) for s in wanted}, None)

    created = {op.arguments[0] for op in ops if op.operation.startswith("createAddress")}
    assert created == {s.name for s in wanted if s.routing}
    queues = [json.loads(op.arguments[0]) for op in ops if op.operation.startswith("createQueue")]
    assert {q["name"] for q in queues} >= {"alerts.broadcast.sms", "DLA.alerts.critical"}
    settings = [op for op in ops if op.operation.startswith("addAddressSettings")]
    assert len(settings) == len([s for s in wanted if s.settings])
    # An address is created before its queues.
    names = [op.description.split(" ")[2] for op in ops if op.description.startswith("create")]
    assert names.index("alerts.broadcast") < names.index("alerts.broadcast.email")


def test_artemis_does_nothing_when_the_broker_matches():
    wanted = wanted_addresses()
    states = {
        s.name: AddressState(
            True, frozenset({s.routing}), frozenset(s.queues), settings_as_broker(s)
        )
        for s in wanted
    }

    assert diff(wanted, set(states), states, None) == []


def test_artemis_sets_back_a_drifted_setting_and_routing_with_the_whole_settings_body():
    email = next(s for s in wanted_addresses() if s.name == "notifications.email")
    drifted = {**settings_as_broker(email), "maxDeliveryAttempts": 99}
    have = AddressState(True, frozenset({"MULTICAST"}), frozenset(email.queues), drifted)

    ops = diff([email], {email.name}, {email.name: have}, None)

    assert [op.description for op in ops] == [
        "change the routing of notifications.email: MULTICAST -> ANYCAST",
        "set the address settings of notifications.email: maxDeliveryAttempts 99 -> 3",
    ]
    body = json.loads(ops[1].arguments[1])
    assert (
        body["maxDeliveryAttempts"] == 3 and body["deadLetterAddress"] == "DLA.notifications.email"
    )


def test_artemis_prunes_only_with_a_prefix_and_never_the_broker_own_addresses():
    existing = {"a.kept", "a.extra", "b.extra", "DLQ", "ExpiryQueue", "activemq.notifications"}
    wanted = specs(['addressConfigurations."a.kept".routingTypes=ANYCAST'])
    states = {"a.kept": AddressState(True, frozenset({"ANYCAST"}))}

    assert diff(wanted, existing, states, None) == []
    every = diff(wanted, existing, states, "")
    assert [op.arguments[0] for op in every] == ["a.extra", "b.extra"]
    assert [op.arguments[0] for op in diff(wanted, existing, states, "b.")] == ["b.extra"]


def test_artemis_compares_property_text_with_broker_json_by_type():
    assert same("true", True) and not same("true", False)
    assert same("2.0", 2.0) and same("5000", 5000) and not same("5000", 5001)
    assert same("DLA.x", "DLA.x") and not same("3", None)
    assert typed("2.0") == 2.0 and typed("3") == 3 and typed("false") is False
