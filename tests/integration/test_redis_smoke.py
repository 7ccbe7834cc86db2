"""Redis through redis-py: strings with expiry, hashes, pub/sub."""

import time
import uuid

import pytest
import redis

pytestmark = pytest.mark.integration


@pytest.fixture
def client(redis_server):
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    yield client
    client.close()


def test_set_get_and_expiry(client):
    key = f"smoke:{uuid.uuid4().hex}"
    client.set(key, "21.5", px=300)
    assert client.get(key) == "21.5"
    time.sleep(0.5)
    assert client.get(key) is None


def test_hash_holds_latest_reading(client):
    key = f"smoke:latest:{uuid.uuid4().hex}"
    client.hset(key, mapping={"temperature": "21.5", "humidity": "40"})
    client.hset(key, "temperature", "22.0")
    assert client.hgetall(key) == {"temperature": "22.0", "humidity": "40"}
    client.delete(key)


def test_pubsub_delivers_invalidation(client):
    channel = f"smoke:invalidate:{uuid.uuid4().hex}"
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(channel)
    pubsub.get_message(timeout=5)  # the subscribe confirmation
    assert client.publish(channel, "device-7") == 1
    message = pubsub.get_message(timeout=5)
    pubsub.close()
    assert message is not None and message["data"] == "device-7"
