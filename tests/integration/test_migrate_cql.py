"""CQL migrations on the local Cassandra (the ScyllaDB stand-in): ledger, LWT lock, failures.

Each test owns a keyspace and a ledger keyspace named after a random id, and its own
template directory, so the tests re-run against a long-lived server.
"""

import signal
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from cassandra import InvalidRequest

from runtime.errors import MigrationError
from runtime.local.cassandra import PROTOCOL_VERSION
from runtime.migrations import bundle, cql, ledger
from runtime.migrations.runner import migrate_cql
from runtime.schema_render import SchemaContext, render
from stacks.schema import LOCAL_DATACENTER
from tests.integration.concurrently import run_concurrently

pytestmark = pytest.mark.integration

CONTEXT = SchemaContext.for_region("us-east", "us", LOCAL_DATACENTER, 1)


class Case:
    """One test's keyspaces, templates and a session to look at the result."""

    def __init__(self, server, template_dir: Path) -> None:
        uid = uuid.uuid4().hex[:10]
        self.ks = f"mig_{uid}"
        self.templates = template_dir
        (template_dir / "cql").mkdir(parents=True)
        self.settings = cql.CqlSettings(
            (server.host,),
            server.port,
            LOCAL_DATACENTER,
            1,
            protocol_version=PROTOCOL_VERSION,
            ledger_keyspace=f"ledger_{uid}",
            lock_wait_seconds=60.0,
        )
        self.cluster = cql.connect(self.settings)
        self.session = self.cluster.connect()

    def write(self, version: str, text: str) -> None:
        (self.templates / "cql" / f"{version}.cql.j2").write_text(text)

    def migrate(self, dry_run: bool = False, settings: cql.CqlSettings | None = None):
        migrations = bundle.migrations(render(CONTEXT, self.templates), "cql")
        return migrate_cql(settings or self.settings, migrations, dry_run)

    def tables(self, keyspace: str) -> set[str]:
        rows = self.session.execute(
            "SELECT table_name FROM system_schema.tables WHERE keyspace_name = %s", [keyspace]
        )
        return {row.table_name for row in rows}

    def ledger(self) -> dict[str, object]:
        rows = self.session.execute(f"SELECT * FROM {self.settings.ledger_keyspace}.schema_ledger")
        return {row.version: row for row in rows}

    def close(self) -> None:
        for keyspace in (self.ks, self.settings.ledger_keyspace):
            self.session.execute(f"DROP KEYSPACE IF EXISTS {keyspace}")
        self.cluster.shutdown()


@pytest.fixture
def case(cassandra_server, tmp_path):
    one = Case(cassandra_server, tmp_path / "templates")
    one.write(
        "0001_keyspace",
        f"-- Keyspace of {{{{ region }}}}.\nCREATE KEYSPACE {one.ks} WITH replication = "
        "{'class': 'NetworkTopologyStrategy', '{{ datacenter }}': {{ replication }}};\n",
    )
    one.write(
        "0002_readings",
        f"CREATE TABLE {one.ks}.readings (device_id uuid, time timestamp, value double, "
        "PRIMARY KEY ((device_id), time)) WITH CLUSTERING ORDER BY (time DESC)\n"
        "  AND default_time_to_live = {{ telemetry_ttl_seconds }};\n",
    )
    yield one
    one.close()


def test_fresh_apply_creates_the_schema_and_a_ledger_with_checksums(case):
    report = case.migrate()

    assert report.applied == ["0001_keyspace", "0002_readings"]
    assert case.tables(case.ks) == {"readings"}
    rendered = render(CONTEXT, case.templates)
    rows = case.ledger()
    assert {v: r.checksum for v, r in rows.items()} == {
        "0001_keyspace": ledger.checksum(rendered["cql/0001_keyspace.cql"]),
        "0002_readings": ledger.checksum(rendered["cql/0002_readings.cql"]),
    }
    assert {r.status for r in rows.values()} == {"applied"}
    assert all(r.applied_by and r.applied_at for r in rows.values())
    ttl = case.session.execute(
        "SELECT default_time_to_live FROM system_schema.tables "
        "WHERE keyspace_name = %s AND table_name = 'readings'",
        [case.ks],
    ).one()
    assert ttl.default_time_to_live == CONTEXT.telemetry_ttl_seconds


def test_second_run_does_nothing_and_says_so(case):
    case.migrate()
    before = {v: r.applied_at for v, r in case.ledger().items()}

    report = case.migrate()

    assert report.applied == []
    assert report.lines() == ["cql: nothing to do, up to date"]
    assert {v: r.applied_at for v, r in case.ledger().items()} == before


def test_a_new_migration_runs_alone(case):
    case.migrate()
    case.write("0003_alerts", f"CREATE TABLE {case.ks}.alerts (id uuid PRIMARY KEY, body text);")

    report = case.migrate()

    assert report.applied == ["0003_alerts"]
    assert case.tables(case.ks) == {"readings", "alerts"}


def test_an_edited_applied_migration_is_refused_with_both_checksums_and_nothing_runs(case):
    case.migrate()
    old = case.ledger()["0002_readings"].checksum
    path = case.templates / "cql" / "0002_readings.cql.j2"
    path.write_text(path.read_text().replace("value double", "value double, unit text"))
    case.write("0003_alerts", f"CREATE TABLE {case.ks}.alerts (id uuid PRIMARY KEY);")
    new = ledger.checksum(render(CONTEXT, case.templates)["cql/0002_readings.cql"])

    with pytest.raises(MigrationError) as caught:
        case.migrate()

    assert old in str(caught.value) and new in str(caught.value)
    assert "0002_readings" in str(caught.value)
    assert case.tables(case.ks) == {"readings"}
    assert set(case.ledger()) == {"0001_keyspace", "0002_readings"}


def test_two_migrators_at_once_apply_each_migration_exactly_once(case):
    # A counter counts how often 0004 ran: a second run would make it 2.
    case.write(
        "0003_counter",
        f"CREATE TABLE {case.ks}.runs (name text PRIMARY KEY, n counter);",
    )
    case.write("0004_count", f"UPDATE {case.ks}.runs SET n = n + 1 WHERE name = 'count';")
    reports, errors = run_concurrently(case.migrate, 2)

    assert errors == []
    applied = [v for r in reports for v in r.applied]
    assert sorted(applied) == ["0001_keyspace", "0002_readings", "0003_counter", "0004_count"]
    count = case.session.execute(f"SELECT n FROM {case.ks}.runs WHERE name = 'count'").one()
    assert count.n == 1


def test_a_held_lock_makes_the_migrator_wait_then_name_the_holder(case):
    case.migrate()
    case.write("0003_alerts", f"CREATE TABLE {case.ks}.alerts (id uuid PRIMARY KEY);")
    lock = f"{case.settings.ledger_keyspace}.schema_lock"
    case.session.execute(
        f"INSERT INTO {lock} (name, owner, acquired_at) VALUES (%s, 'other@pod', toTimestamp(now()))"
        " IF NOT EXISTS USING TTL 60",
        [cql.LOCK_NAME],
    )
    impatient = replace(case.settings, lock_wait_seconds=1.0)

    with pytest.raises(MigrationError, match="held by other@pod"):
        case.migrate(settings=impatient)

    assert "alerts" not in case.tables(case.ks)


def test_a_failing_statement_is_reported_and_the_ledger_stays_true(case):
    case.write(
        "0003_half",
        f"CREATE TABLE {case.ks}.first (id uuid PRIMARY KEY);\n"
        f"CREATE TABLE {case.ks}.second (id uuid PRIMARY KEY, v no_such_type);\n",
    )

    with pytest.raises(MigrationError) as caught:
        case.migrate()

    message = str(caught.value)
    assert "statement 2 of 2" in message and "no_such_type" in message
    entry = case.ledger()["0003_half"]
    assert (entry.status, entry.statements) == ("failed", 1)
    assert "no_such_type" in entry.error
    assert case.tables(case.ks) == {"readings", "first"}

    # Fixing the failed statement resumes after the one that applied.
    path = case.templates / "cql" / "0003_half.cql.j2"
    path.write_text(path.read_text().replace("no_such_type", "text"))
    report = case.migrate()
    assert report.changes == ["0003_half (2 statement(s), resuming at statement 2)"]
    assert case.ledger()["0003_half"].status == "applied"
    assert case.tables(case.ks) == {"readings", "first", "second"}


def test_a_failed_migration_whose_applied_part_changed_is_refused(case):
    case.write(
        "0003_half",
        f"CREATE TABLE {case.ks}.first (id uuid PRIMARY KEY);\n"
        f"CREATE TABLE {case.ks}.second (id uuid PRIMARY KEY, v no_such_type);\n",
    )
    with pytest.raises(MigrationError):
        case.migrate()
    case.write("0003_half", f"CREATE TABLE {case.ks}.renamed (id uuid PRIMARY KEY);\n")

    with pytest.raises(MigrationError, match="stopped after 1 statement"):
        case.migrate()

    assert "renamed" not in case.tables(case.ks)


def test_the_dry_run_lists_the_statements_and_changes_nothing(case):
    report = case.migrate(dry_run=True)

    assert report.applied == []
    assert report.changes[0] == "0001_keyspace (1 statement(s))"
    assert any(f"CREATE TABLE {case.ks}.readings" in line for line in report.changes)
    keyspaces = {
        row.keyspace_name
        for row in case.session.execute("SELECT keyspace_name FROM system_schema.keyspaces")
    }
    assert case.ks not in keyspaces
    assert case.settings.ledger_keyspace not in keyspaces


def test_a_migrator_killed_half_way_leaves_a_ledger_the_next_run_resumes_from(case, tmp_path):
    # IF NOT EXISTS: the statement in flight when the migrator dies runs again.
    many = "".join(
        f"CREATE TABLE IF NOT EXISTS {case.ks}.t{i:03d} (id int PRIMARY KEY);\n" for i in range(150)
    )
    case.write("0003_many", many)
    script = tmp_path / "migrate.py"
    script.write_text(
        "import sys\nfrom pathlib import Path\n"
        "from runtime.migrations import bundle, cql\n"
        "from runtime.migrations.runner import migrate_cql\n"
        "from runtime.schema_render import SchemaContext, render\n"
        # A short lock TTL: the killed child's lock expires for the next run to take.
        f"settings = cql.CqlSettings(**{vars(replace(case.settings, lock_ttl_seconds=3))!r})\n"
        f"context = SchemaContext(**{vars(CONTEXT)!r})\n"
        f"found = bundle.migrations(render(context, Path({str(case.templates)!r})), 'cql')\n"
        "migrate_cql(settings, found)\n"
    )
    child = subprocess.Popen([sys.executable, str(script)], cwd=Path(__file__).parents[2])
    try:
        entry = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and child.poll() is None:
            try:
                entry = case.ledger().get("0003_many")
            except InvalidRequest:  # the child has not created the ledger yet
                entry = None
            if entry is not None and entry.status == "running":
                break
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(30)
    assert entry is not None and entry.status == "running", "the migrator never got half way"

    stopped = case.ledger()["0003_many"]
    assert stopped.status == "running" and 1 <= stopped.statements < 150
    made = {t for t in case.tables(case.ks) if t.startswith("t")}
    # Every recorded statement applied; at most the one in flight applied unrecorded.
    assert {f"t{i:03d}" for i in range(stopped.statements)} <= made
    assert len(made) <= stopped.statements + 1

    report = case.migrate()

    assert report.changes == [
        f"0003_many (150 statement(s), resuming at statement {stopped.statements + 1})"
    ]
    assert case.ledger()["0003_many"].status == "applied"
    assert len({t for t in case.tables(case.ks) if t.startswith("t")}) == 150
