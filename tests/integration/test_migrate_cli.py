"""`dataspace migrate all --target local` end to end: the issue's Done-when, on the real servers.

The first run applies whatever the long-lived servers still lack (everything, on fresh
ones); the second must find nothing to do. The assertions read each server's own view of
the schema and compare it with the guide's settings in the catalog and templates.
"""

import json
import uuid

import pytest
import sqlalchemy as sa
from cassandra.cluster import Cluster
from confluent_kafka.admin import (
    AdminClient,
    AlterConfigOpType,
    ConfigEntry,
    ConfigResource,
    NewTopic,
    ResourceType,
)
from pymongo import MongoClient
from typer.testing import CliRunner

from runtime.catalog import addresses, topics
from runtime.cli import app
from runtime.migrations import artemis, ledger, sql
from runtime.migrations.targets import target
from runtime.schema_render import render

pytestmark = pytest.mark.integration

runner = CliRunner()
DAY = 24 * 3600
STORES = ("cql", "mongo", "sql", "kafka", "artemis")


@pytest.fixture(scope="module")
def migrated(cassandra_server, ferretdb_server, postgres_server, kafka_server, artemis_server):
    """Output of the first and the second ``migrate all --target local``."""
    first = runner.invoke(app, ["migrate", "all", "--target", "local"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["migrate", "all", "--target", "local"])
    assert second.exit_code == 0, second.output
    return first, second


@pytest.fixture(scope="module")
def local():
    return target("local")


def test_a_second_run_reports_nothing_to_do(migrated):
    _, second = migrated
    lines = second.stdout.splitlines()
    assert lines == [
        *(f"{s}: nothing to do, up to date" for s in STORES),
        "local: every store is up to date; nothing to do",
    ]


def test_the_telemetry_table_expires_after_90_days_in_daily_time_windows(migrated, local):
    settings = local.cql()
    cluster = Cluster(
        list(settings.hosts), port=settings.port, protocol_version=settings.protocol_version
    )
    session = cluster.connect()
    try:
        tables = {
            (r.keyspace_name, r.table_name): r
            for r in session.execute(
                "SELECT keyspace_name, table_name, default_time_to_live, compaction "
                "FROM system_schema.tables WHERE keyspace_name IN ('telemetry', 'events_store')"
            )
        }
        order = session.execute(
            "SELECT column_name, clustering_order FROM system_schema.columns "
            "WHERE keyspace_name = 'telemetry' AND table_name = 'device_telemetry'"
        )
        keyspace = session.execute(
            "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'telemetry'"
        ).one()
    finally:
        cluster.shutdown()
    telemetry = tables[("telemetry", "device_telemetry")]
    assert telemetry.default_time_to_live == 90 * DAY
    assert telemetry.compaction["class"].endswith("TimeWindowCompactionStrategy")
    assert telemetry.compaction["compaction_window_unit"] == "DAYS"
    assert telemetry.compaction["compaction_window_size"] == "1"
    assert {r.column_name: r.clustering_order for r in order}["time"] == "desc"
    assert keyspace.replication["class"].endswith("NetworkTopologyStrategy")
    assert keyspace.replication[settings.datacenter] == str(settings.replication)
    assert {
        ("telemetry", "hourly_rollups"),
        ("telemetry", "latest_by_device"),
        ("events_store", "device_events"),
        ("events_store", "device_events_by_device"),
        ("events_store", "access_events"),
    } <= set(tables)
    assert tables[("events_store", "device_events")].default_time_to_live == 7 * 365 * DAY


def test_the_mongo_collections_carry_their_unique_indexes(migrated, local):
    settings = local.mongo()
    client = MongoClient(settings.uri)
    try:
        db = client[settings.database]
        indexes = {
            name: {ix["name"]: ix for ix in db[name].list_indexes()}
            for name in ("device_profiles", "building_configurations", "automation_rules")
        }
    finally:
        client.close()
    assert indexes["device_profiles"]["ux_device_id"]["unique"] is True
    assert dict(indexes["device_profiles"]["ux_device_id"]["key"]) == {"device_id": 1}
    building = indexes["building_configurations"]["ux_building_version"]
    assert building["unique"] is True
    assert dict(building["key"]) == {"building_id": 1, "version": -1}
    assert indexes["automation_rules"]["ux_rule_version"]["unique"] is True


def test_the_sql_tables_and_ledger_match_the_revisions(migrated, local):
    engine = sa.create_engine(local.sql().url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            names = set(sa.inspect(conn).get_table_names())
            ledger_rows = dict(
                conn.execute(sa.text("SELECT version, checksum FROM schema_ledger")).all()
            )
    finally:
        engine.dispose()
    assert {
        "buildings",
        "users",
        "zones",
        "devices",
        "access_rules",
        "maintenance_schedules",
    } <= names
    assert ledger_rows == sql.checksums()


def test_the_topics_have_the_catalog_retention_and_the_local_partitions(migrated, local):
    settings = local.kafka()
    admin = AdminClient(settings.client)
    found = admin.list_topics(timeout=30).topics
    resources = [ConfigResource(ResourceType.TOPIC, t.name) for t in topics()]
    configs = {r.name: f.result(30) for r, f in admin.describe_configs(resources).items()}
    for topic in topics():
        assert len(found[topic.name].partitions) == min(
            topic.partitions, settings.partitions_cap or topic.partitions
        )
        assert configs[topic.name]["retention.ms"].value == str(topic.retention_hours * 3_600_000)
    # The guide: raw telemetry one day, access events 90 days.
    assert configs["device-telemetry"]["retention.ms"].value == str(DAY * 1000)
    assert configs["access-events"]["retention.ms"].value == str(90 * DAY * 1000)


def test_the_addresses_have_the_catalog_settings(migrated, local):
    api = artemis.Jolokia(local.artemis())
    names = set(api.read("AddressNames"))
    for address in addresses():
        assert {address.name, address.dead_letter_address} <= names
        routing = api.read("RoutingTypes", api.address_mbean(address.name))
        assert routing == [address.routing.upper()]
        have = json.loads(api.exec("getAddressSettingsAsJSON(java.lang.String)", address.name))
        assert have["deadLetterAddress"] == address.dead_letter_address
        assert have["maxDeliveryAttempts"] == address.max_delivery_attempts
        assert have["redeliveryDelay"] == address.redelivery_delay_ms
        assert have["maxRedeliveryDelay"] == address.max_redelivery_delay_ms
    sms = json.loads(api.exec("getAddressSettingsAsJSON(java.lang.String)", "notifications.sms"))
    assert (sms["expiryDelay"], sms["maxDeliveryAttempts"]) == (300_000, 3)


def test_a_retention_changed_by_hand_is_shown_by_the_dry_run_and_set_back(migrated, local):
    admin = AdminClient(local.kafka().client)
    resource = ConfigResource(ResourceType.TOPIC, "device-telemetry")

    def set_retention(value: str) -> None:
        entry = ConfigEntry("retention.ms", value, incremental_operation=AlterConfigOpType.SET)
        change = ConfigResource(ResourceType.TOPIC, "device-telemetry", incremental_configs=[entry])
        admin.incremental_alter_configs([change])[change].result(30)

    def retention() -> str:
        return admin.describe_configs([resource])[resource].result(30)["retention.ms"].value

    set_retention("3600000")
    try:
        dry = runner.invoke(app, ["migrate", "kafka", "--target", "local", "--dry-run"])
        assert dry.exit_code == 0, dry.output
        assert (
            "kafka: would alter the config of device-telemetry: retention.ms 3600000 -> 86400000"
            in dry.stdout
        )
        assert retention() == "3600000"

        fixed = runner.invoke(app, ["migrate", "kafka", "--target", "local"])
        assert fixed.exit_code == 0, fixed.output
        assert retention() == "86400000"
    finally:
        # The topic is shared with other tests: never leave it meddled with.
        set_retention("86400000")


def test_a_topic_outside_the_catalog_survives_without_prune(migrated, local):
    admin = AdminClient(local.kafka().client)
    extra = f"mig-cli-{uuid.uuid4().hex[:10]}"
    admin.create_topics([NewTopic(extra, 1, 1)])[extra].result(30)
    try:
        result = runner.invoke(app, ["migrate", "kafka", "--target", "local"])
        assert result.exit_code == 0, result.output
        assert extra not in result.stdout
        assert extra in admin.list_topics(timeout=30).topics
    finally:
        admin.delete_topics([extra], operation_timeout=30)[extra].result(30)


def test_an_edited_applied_migration_in_the_schema_dir_is_refused(migrated, local, tmp_path):
    # The Job's ConfigMap layout, with 0001 edited after it was applied.
    bundle = {k.replace("/", "__"): v for k, v in render(local.context).items()}
    original = bundle["cql__0001_keyspaces.cql"]
    bundle["cql__0001_keyspaces.cql"] = original + "-- edited\n"
    for name, text in bundle.items():
        (tmp_path / name).write_text(text)

    result = runner.invoke(
        app, ["migrate", "cql", "--target", "local", "--schema-dir", str(tmp_path)]
    )

    assert result.exit_code == 1
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith("error: cql: applied migration 0001_keyspaces has changed")
    assert ledger.checksum(original) in message
    assert ledger.checksum(original + "-- edited\n") in message


def test_the_job_bundle_of_the_same_templates_finds_nothing_to_do(migrated, local, tmp_path):
    # The Job's ConfigMap layout: same text, same checksums as the templates applied.
    for key, text in render(local.context).items():
        (tmp_path / key.replace("/", "__")).write_text(text)

    result = runner.invoke(
        app, ["migrate", "all", "--target", "local", "--schema-dir", str(tmp_path)]
    )

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "local: every store is up to date; nothing to do"
