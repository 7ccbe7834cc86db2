"""Kafka through confluent-kafka: a topic, a producer and a consumer group."""

import time
import uuid

import pytest
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

pytestmark = pytest.mark.integration


@pytest.fixture
def topic(kafka_server):
    name = f"smoke-{uuid.uuid4().hex[:10]}"
    admin = AdminClient({"bootstrap.servers": kafka_server.url})
    admin.create_topics([NewTopic(name, num_partitions=2, replication_factor=1)])[name].result(30)
    yield name
    admin.delete_topics([name])[name].result(30)


def consume(consumer: Consumer, count: int, timeout: float = 60.0) -> dict[str, str]:
    """Poll until ``count`` messages arrived, committing each one after reading it."""
    got: dict[str, str] = {}
    deadline = time.monotonic() + timeout
    while len(got) < count and time.monotonic() < deadline:
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        assert msg.error() is None, msg.error()
        got[msg.key().decode()] = msg.value().decode()
        consumer.commit(message=msg, asynchronous=False)
    return got


def test_produce_and_consume_in_a_group_commits_offsets(kafka_server, topic):
    sent = {f"device-{i}": f"reading-{i}" for i in range(20)}
    producer = Producer(
        {"bootstrap.servers": kafka_server.url, "acks": "all", "enable.idempotence": True}
    )
    for key, value in sent.items():
        producer.produce(topic, key=key, value=value)
    assert producer.flush(30) == 0

    group = f"smoke-group-{uuid.uuid4().hex[:8]}"
    consumer = Consumer(
        {
            "bootstrap.servers": kafka_server.url,
            "group.id": group,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
    )
    consumer.subscribe([topic])
    try:
        got = consume(consumer, len(sent))
        committed = consumer.committed([TopicPartition(topic, p) for p in (0, 1)], timeout=10)
    finally:
        consumer.close()

    assert got == sent
    assert sum(tp.offset for tp in committed) == len(sent)
