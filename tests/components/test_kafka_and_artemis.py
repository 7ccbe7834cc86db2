"""Topics and addresses match the guide in every stack that has them."""

import pytest

from tests.conftest import of_type

# From the architecture guide, section 5: partitions, retention in hours.
GUIDE_TOPICS = {
    "device-telemetry": (200, 24), "device-events": (50, 720), "access-events": (25, 2160),
    "maintenance-tasks": (10, 8760), "notifications": (50, 48),
}
CAPS = {"dev": 6, "staging": 24, "prod-useast": None, "prod-uswest": None, "prod-eu": None,
        "local": 3}


@pytest.mark.parametrize("stack", list(CAPS))
def test_topics_follow_the_guide(plans, stack):
    topics = {t["props"]["name"]: t["props"] for t in of_type(plans[stack], "kafka:index/topic:Topic")}
    assert set(GUIDE_TOPICS) <= set(topics), f"{stack} lacks {set(GUIDE_TOPICS) - set(topics)}"
    cap = CAPS[stack]
    for name, (partitions, hours) in GUIDE_TOPICS.items():
        topic = topics[name]
        assert topic["partitions"] == (partitions if cap is None else min(partitions, cap)), name
        assert topic["config"]["retention.ms"] == str(hours * 3_600_000), name


@pytest.mark.parametrize("stack", ["staging", "prod-useast", "prod-uswest", "prod-eu"])
def test_topics_are_durable_outside_dev(plans, stack):
    for topic in of_type(plans[stack], "kafka:index/topic:Topic"):
        assert topic["props"]["replicationFactor"] == 3, topic["urn"]
        assert topic["props"]["config"]["min.insync.replicas"] == "2", topic["urn"]


def test_kafka_provider_uses_tls_and_scram_in_cloud_stacks(plans):
    for stack in ("dev", "staging", "prod-useast", "prod-uswest", "prod-eu"):
        (provider,) = of_type(plans[stack], "pulumi:providers:kafka")
        props = provider["props"]
        assert props["tlsEnabled"] == "true", stack
        assert props["saslMechanism"] == "scram-sha512", stack
        assert props["saslPassword"] == "[secret]", stack


def broker_lines(plan):
    (live,) = [b for b in of_type(plan, "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis")
               if b["name"].endswith("-live")]
    return live["props"]["spec"]


def test_addresses_carry_the_guide_settings(plans):
    lines = set(broker_lines(plans["prod-useast"])["brokerProperties"])
    expected = {
        'addressConfigurations."notifications.email".routingTypes=ANYCAST',
        'addressSettings."notifications.email".deadLetterAddress=DLA.notifications.email',
        'addressSettings."notifications.email".maxDeliveryAttempts=3',
        'addressSettings."notifications.email".expiryDelay=86400000',
        'addressSettings."notifications.sms".expiryDelay=300000',
        'addressSettings."notifications.sms".defaultConsumerWindowSize=1',
        'addressSettings."device.firmware".maxDeliveryAttempts=5',
        'addressSettings."maintenance.tasks".expiryDelay=2592000000',
        'addressConfigurations."alerts.broadcast".routingTypes=MULTICAST',
        ('addressConfigurations."alerts.broadcast".queueConfigs."alerts.broadcast.sms"'
        '.routingType=MULTICAST'),
    }
    assert expected <= lines, expected - lines
    assert not [line for line in lines if line.startswith('addressSettings."reports.generation"'
                                                         '.expiryDelay')]


def test_prod_brokers_are_a_live_backup_pair_with_tls_acceptors(plans):
    brokers = of_type(plans["prod-eu"], "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis")
    policies = sorted(line for b in brokers for line in b["props"]["spec"]["brokerProperties"]
                      if line.startswith("HAPolicyConfiguration="))
    assert policies == ["HAPolicyConfiguration=REPLICATION_BACKUP_QUORUM_VOTING",
                        "HAPolicyConfiguration=REPLICATION_PRIMARY_QUORUM_VOTING"]
    for broker in brokers:
        spec = broker["props"]["spec"]
        assert spec["deploymentPlan"]["persistenceEnabled"] is True
        assert {a["name"] for a in spec["acceptors"]} == {"amqp", "stomp", "mqtt", "core"}
        for acceptor in spec["acceptors"]:
            assert acceptor["sslEnabled"] is True, acceptor
            assert acceptor["enabledProtocols"] == "TLSv1.2,TLSv1.3"


def test_dev_runs_a_single_broker(plans):
    brokers = of_type(plans["dev"], "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis")
    assert [b["name"] for b in brokers] == ["dev-artemis-live"]
