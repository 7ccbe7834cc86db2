"""Servers that die or are restarted come back with ``start``, and clients reconnect."""

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
import redis
from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient, NewTopic
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from runtime.local import manager, registry
from runtime.local.settings import REPO_ROOT

pytestmark = pytest.mark.integration


def cli(*args: str) -> subprocess.CompletedProcess:
    """Run ``python -m runtime.local`` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "runtime.local", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def wait_gone(server, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while server.pid() is not None:
        assert time.monotonic() < deadline, f"{server.name} still runs"
        time.sleep(0.1)


def test_killed_redis_comes_back_with_start_and_client_reconnects(local_servers, redis_server):
    client = redis.Redis.from_url(
        redis_server.url,
        retry=Retry(ExponentialBackoff(cap=2.0, base=0.1), 30),
        retry_on_error=[redis.ConnectionError, redis.TimeoutError],
    )
    key = f"smoke:restart:{uuid.uuid4().hex}"
    client.set(key, "before-kill")
    server = registry.select(local_servers.settings, ["redis"])[0]

    os.kill(server.pid(), signal.SIGKILL)
    wait_gone(server)
    down = cli("status", "redis")
    up = cli("start", "redis")
    after = cli("status", "redis")

    assert down.returncode == 1 and "down" in down.stdout
    assert up.returncode == 0, up.stderr
    assert after.returncode == 0 and "up" in after.stdout
    # The same client object reconnects; the append-only file kept the key.
    assert client.get(key) == b"before-kill"
    client.delete(key)
    client.close()


def test_kafka_clients_reconnect_after_stop_and_start(local_servers, kafka_server):
    topic = f"smoke-restart-{uuid.uuid4().hex[:8]}"
    admin = AdminClient({"bootstrap.servers": kafka_server.url})
    admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])[topic].result(30)
    producer = Producer({"bootstrap.servers": kafka_server.url, "acks": "all"})
    producer.produce(topic, value=b"before")
    assert producer.flush(30) == 0
    server = registry.select(local_servers.settings, ["kafka"])[0]

    assert manager.stop([server]) == [("kafka", "stopped")]
    outcome = manager.start([server])[0]
    assert outcome.ok, outcome.message

    producer.produce(topic, value=b"after")
    assert producer.flush(60) == 0
    consumer = Consumer(
        {
            "bootstrap.servers": kafka_server.url,
            "group.id": f"smoke-restart-{uuid.uuid4().hex[:8]}",
            "auto.offset.reset": "earliest",
        }
    )
    consumer.subscribe([topic])
    values = []
    deadline = time.monotonic() + 60
    while len(values) < 2 and time.monotonic() < deadline:
        msg = consumer.poll(1.0)
        if msg is not None and msg.error() is None:
            values.append(msg.value())
    consumer.close()
    admin.delete_topics([topic])[topic].result(30)
    assert values == [b"before", b"after"]
