"""Mongo migrations on the local FerretDB (the Atlas stand-in): ledger, unique-document lock.

Each test owns a database named after a random id and its own template directory. Where
FerretDB 1.24 lacks a feature Atlas has (validators, TTL indexes), the test says so and
skips rather than bending the migrator.
"""

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pymongo import MongoClient
from pymongo.errors import WriteError

from runtime.errors import MigrationError
from runtime.migrations import bundle, ledger, mongo
from runtime.migrations.runner import migrate_mongo
from runtime.schema_render import SchemaContext, render
from tests.integration.concurrently import run_concurrently

pytestmark = pytest.mark.integration

CONTEXT = SchemaContext.for_region("eu", "eu", "datacenter1", 1)


class Case:
    """One test's database, templates and a client to look at the result."""

    def __init__(self, server, template_dir: Path) -> None:
        self.templates = template_dir
        (template_dir / "mongo").mkdir(parents=True)
        self.settings = mongo.MongoSettings(
            server.url, database=f"mig_{uuid.uuid4().hex[:10]}", lock_wait_seconds=60.0
        )
        self.client = MongoClient(server.url, tz_aware=True)
        self.db = self.client[self.settings.database]
        self.ferretdb = "ferretdbVersion" in self.client.server_info()

    def write(self, version: str, text: str) -> None:
        (self.templates / "mongo" / f"{version}.yaml.j2").write_text(text)

    def migrate(self, dry_run: bool = False, settings: mongo.MongoSettings | None = None):
        migrations = bundle.migrations(render(CONTEXT, self.templates), "mongo")
        return migrate_mongo(settings or self.settings, migrations, dry_run)

    def ledger(self) -> dict[str, dict]:
        return {doc["_id"]: doc for doc in self.db[mongo.LEDGER].find()}

    def indexes(self, collection: str) -> dict[str, dict]:
        return {ix["name"]: ix for ix in self.db[collection].list_indexes()}

    def close(self) -> None:
        self.client.drop_database(self.settings.database)
        self.client.close()


@pytest.fixture
def case(ferretdb_server, tmp_path):
    one = Case(ferretdb_server, tmp_path / "templates")
    one.write(
        "0001_devices",
        "# Devices of {{ region }}.\ncommands:\n  - create: devices\n"
        "  - createIndexes: devices\n    indexes:\n"
        "      - {name: ux_device_id, key: {device_id: 1}, unique: true}\n",
    )
    one.write(
        "0002_rules",
        "commands:\n  - createIndexes: rules\n    indexes:\n"
        "      - {name: ux_rule_version, key: {rule_id: 1, version: -1}, unique: true}\n",
    )
    yield one
    one.close()


def test_fresh_apply_creates_collections_indexes_and_a_ledger_with_checksums(case):
    report = case.migrate()

    assert report.applied == ["0001_devices", "0002_rules"]
    assert case.indexes("devices")["ux_device_id"]["unique"] is True
    assert dict(case.indexes("rules")["ux_rule_version"]["key"]) == {"rule_id": 1, "version": -1}
    rendered = render(CONTEXT, case.templates)
    rows = case.ledger()
    assert {v: r["checksum"] for v, r in rows.items()} == {
        "0001_devices": ledger.checksum(rendered["mongo/0001_devices.yaml"]),
        "0002_rules": ledger.checksum(rendered["mongo/0002_rules.yaml"]),
    }
    assert {r["status"] for r in rows.values()} == {"applied"}
    # The unique index holds on the server, whatever the stand-in.
    case.db.devices.insert_one({"device_id": "d-1"})
    with pytest.raises(WriteError):
        case.db.devices.insert_one({"device_id": "d-1"})


def test_second_run_does_nothing_and_says_so(case):
    case.migrate()

    report = case.migrate()

    assert report.applied == []
    assert report.lines() == ["mongo: nothing to do, up to date"]


def test_a_new_migration_runs_alone(case):
    case.migrate()
    case.write("0003_history", "commands:\n  - create: history\n")

    report = case.migrate()

    assert report.applied == ["0003_history"]
    assert "history" in case.db.list_collection_names()


def test_an_edited_applied_migration_is_refused_with_both_checksums_and_nothing_runs(case):
    case.migrate()
    old = case.ledger()["0002_rules"]["checksum"]
    path = case.templates / "mongo" / "0002_rules.yaml.j2"
    path.write_text(path.read_text().replace("version: -1", "version: 1"))
    case.write("0003_history", "commands:\n  - create: history\n")
    new = ledger.checksum(render(CONTEXT, case.templates)["mongo/0002_rules.yaml"])

    with pytest.raises(MigrationError) as caught:
        case.migrate()

    assert old in str(caught.value) and new in str(caught.value)
    assert "history" not in case.db.list_collection_names()


def test_two_migrators_at_once_apply_each_migration_exactly_once(case):
    # Each run of 0003 inserts one document: a second run would leave two.
    case.write("0003_mark", "commands:\n  - insert: runs\n    documents: [{ran: true}]\n")
    reports, errors = run_concurrently(case.migrate, 3)

    assert errors == []
    applied = sorted(v for r in reports for v in r.applied)
    assert applied == ["0001_devices", "0002_rules", "0003_mark"]
    assert case.db.runs.count_documents({}) == 1


def test_a_live_lock_of_another_migrator_is_waited_for_then_named(case):
    now = datetime.now(UTC)
    case.db[mongo.LOCK].insert_one(
        {"_id": mongo.LOCK_ID, "owner": "other@pod", "expires_at": now + timedelta(minutes=5)}
    )

    with pytest.raises(MigrationError, match="held by other@pod"):
        case.migrate(settings=replace(case.settings, lock_wait_seconds=1.0))

    assert case.ledger() == {}


def test_an_expired_lock_is_taken_over(case):
    past = datetime.now(UTC) - timedelta(minutes=1)
    case.db[mongo.LOCK].insert_one({"_id": mongo.LOCK_ID, "owner": "dead@pod", "expires_at": past})

    report = case.migrate(settings=replace(case.settings, lock_wait_seconds=5.0))

    assert report.applied == ["0001_devices", "0002_rules"]
    assert case.db[mongo.LOCK].count_documents({}) == 0


def test_a_failing_command_is_reported_and_the_ledger_stays_true(case):
    case.migrate()
    case.write(
        "0003_half",
        "commands:\n  - create: first\n  - create: devices\n  - create: never\n",
    )

    with pytest.raises(MigrationError) as caught:
        case.migrate()

    message = str(caught.value)
    assert "statement 2 of 3" in message and '{"create": "devices"}' in message
    entry = case.ledger()["0003_half"]
    assert (entry["status"], entry["statements"]) == ("failed", 1)
    assert "devices" in entry["error"]
    names = case.db.list_collection_names()
    assert "first" in names and "never" not in names


def test_the_dry_run_lists_the_commands_and_changes_nothing(case):
    report = case.migrate(dry_run=True)

    assert report.changes[0] == "0001_devices (2 statement(s))"
    assert '    {"create": "devices"}' in report.changes
    assert case.settings.database not in case.client.list_database_names()


def test_the_local_stand_in_applies_without_what_it_lacks_and_says_so(case):
    case.write(
        "0003_history",
        "commands:\n  - create: history\n    validator: {$jsonSchema: {bsonType: object}}\n"
        "  - createIndexes: history\n    indexes:\n"
        "      - {name: ttl_at, key: {at: 1}, expireAfterSeconds: 60}\n",
    )

    report = case.migrate(settings=replace(case.settings, stand_in=True))

    assert report.applied == ["0001_devices", "0002_rules", "0003_history"]
    assert "ttl_at" in case.indexes("history")
    assert any("validator" in note for note in report.notes)
    assert any("expireAfterSeconds (index ttl_at)" in note for note in report.notes)


def test_a_validator_rejects_a_bad_document(case):
    if case.ferretdb:
        pytest.skip(
            "FerretDB 1.24 lacks collection validators (create: validator is NotImplemented)"
        )
    case.write(
        "0003_checked",
        "commands:\n  - create: checked\n    validationLevel: strict\n"
        "    validator: {$jsonSchema: {bsonType: object, required: [device_id]}}\n",
    )
    case.migrate()

    with pytest.raises(WriteError):
        case.db.checked.insert_one({"other": 1})


def test_a_ttl_index_carries_the_zone_retention(case):
    if case.ferretdb:
        pytest.skip("FerretDB 1.24 lacks TTL indexes (expireAfterSeconds is NotImplemented)")
    case.write(
        "0003_history",
        "commands:\n  - createIndexes: history\n    indexes:\n"
        "      - {name: ttl_at, key: {at: 1}, expireAfterSeconds: {{ config_history_ttl_seconds }}}\n",
    )
    case.migrate()

    assert case.indexes("history")["ttl_at"]["expireAfterSeconds"] == 90 * 24 * 3600
