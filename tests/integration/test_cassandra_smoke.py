"""Cassandra (the ScyllaDB stand-in) through cassandra-driver: keyspace, insert, select."""

import uuid
from datetime import UTC, datetime

import pytest
from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile, Session
from cassandra.policies import RoundRobinPolicy

from runtime.local.cassandra import PROTOCOL_VERSION

pytestmark = pytest.mark.integration


@pytest.fixture
def session(cassandra_server):
    profile = ExecutionProfile(load_balancing_policy=RoundRobinPolicy(), request_timeout=30)
    cluster = Cluster(
        [cassandra_server.host],
        port=cassandra_server.port,
        protocol_version=PROTOCOL_VERSION,
        execution_profiles={EXEC_PROFILE_DEFAULT: profile},
    )
    yield cluster.connect()
    cluster.shutdown()


@pytest.fixture
def keyspace(session: Session):
    name = f"smoke_{uuid.uuid4().hex[:10]}"
    session.execute(
        f"CREATE KEYSPACE {name} "
        "WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"
    )
    yield name
    session.execute(f"DROP KEYSPACE {name}")


def test_keyspace_insert_and_select_in_clustering_order(session, keyspace):
    table = f"{keyspace}.readings"
    session.execute(
        f"CREATE TABLE {table} (device_id text, ts timestamp, value double, "
        "PRIMARY KEY (device_id, ts)) WITH CLUSTERING ORDER BY (ts DESC)"
    )
    insert = session.prepare(f"INSERT INTO {table} (device_id, ts, value) VALUES (?, ?, ?)")
    times = [datetime(2026, 1, 1, hour, tzinfo=UTC) for hour in (3, 1, 2)]
    for ts in times:
        session.execute(insert, ("sensor-1", ts, float(ts.hour)))
    session.execute(insert, ("sensor-2", times[0], 99.0))

    select = f"SELECT value FROM {table} WHERE device_id = %s"
    sensor_1 = [row.value for row in session.execute(select, ["sensor-1"])]
    sensor_2 = [row.value for row in session.execute(select, ["sensor-2"])]

    assert sensor_1 == [3.0, 2.0, 1.0]
    assert sensor_2 == [99.0]
