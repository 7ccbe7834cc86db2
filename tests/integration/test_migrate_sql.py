"""SQL migrations (Alembic) on the local PostgreSQL, the SQL MI stand-in for applying them.

Each test owns a database named after a random id and a copy of the revisions in
tmp_path, so it can add or edit revisions. The lock is PostgreSQL's advisory lock here;
on SQL MI it is sp_getapplock, which only the offline T-SQL test sees.
"""

import shutil
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from runtime.errors import MigrationError
from runtime.migrations import ledger, sql
from tests.integration.concurrently import run_concurrently

pytestmark = pytest.mark.integration

TABLES = {"buildings", "users", "zones", "devices", "access_rules", "maintenance_schedules"}


def revision(script_dir: Path, name: str, after: str, *statements: str) -> Path:
    """Write a revision that runs ``statements`` after revision ``after``."""
    body = "\n".join(f"    op.execute({s!r})" for s in statements)
    path = script_dir / "versions" / f"{name}.py"
    path.write_text(
        f'"""Test revision {name}."""\n\nfrom alembic import op\n\n'
        f"revision = {name!r}\ndown_revision = {after!r}\nbranch_labels = None\n"
        f"depends_on = None\n\n\ndef upgrade() -> None:\n{body}\n\n\n"
        "def downgrade() -> None:\n    pass\n"
    )
    return path


class Case:
    """One test's database, its copy of the revisions and an engine to look at the result."""

    def __init__(self, server, tmp_path: Path) -> None:
        base = server.url.replace("postgresql://", "postgresql+psycopg://", 1)
        self.name = f"mig_{uuid.uuid4().hex[:10]}"
        self.admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as conn:
            conn.execute(sa.text(f"CREATE DATABASE {self.name}"))
        self.script_dir = tmp_path / "sql"
        shutil.copytree(sql.SCRIPT_DIR, self.script_dir, ignore=shutil.ignore_patterns("__py*"))
        url = base.rsplit("/", 1)[0] + "/" + self.name
        self.settings = sql.SqlSettings(url, script_dir=self.script_dir, lock_wait_seconds=60.0)
        self.engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        self.head = sql.revisions()[-1]

    def migrate(self, dry_run: bool = False, settings: sql.SqlSettings | None = None):
        return sql.upgrade(settings or self.settings, dry_run)

    def query(self, text: str) -> list:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.text(text)))

    def tables(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(sa.inspect(conn).get_table_names())

    def ledger(self) -> dict[str, str]:
        return dict(self.query("SELECT version, checksum FROM schema_ledger"))

    def close(self) -> None:
        self.engine.dispose()
        with self.admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)"))
        self.admin.dispose()


@pytest.fixture
def case(postgres_server, tmp_path):
    one = Case(postgres_server, tmp_path)
    yield one
    one.close()


def test_fresh_apply_creates_the_tables_and_a_ledger_of_file_checksums(case):
    report = case.migrate()

    assert report.applied == sql.revisions()
    assert TABLES <= case.tables()
    assert case.ledger() == sql.checksums(case.script_dir)
    assert case.query("SELECT version_num FROM alembic_version") == [(case.head,)]
    who = case.query("SELECT DISTINCT applied_by FROM schema_ledger")
    assert who == [(ledger.identity(),)]


def test_second_run_does_nothing_and_says_so(case):
    case.migrate()

    report = case.migrate()

    assert report.applied == []
    assert report.lines() == ["sql: nothing to do, up to date"]


def test_a_new_revision_runs_alone(case):
    case.migrate()
    revision(case.script_dir, "0100_notes", case.head, "CREATE TABLE notes (id int PRIMARY KEY)")

    report = case.migrate()

    assert report.applied == ["0100_notes"]
    assert "notes" in case.tables()
    assert case.query("SELECT version_num FROM alembic_version") == [("0100_notes",)]


def test_an_edited_applied_revision_is_refused_with_both_checksums_and_nothing_runs(case):
    case.migrate()
    old = case.ledger()["0002_users"]
    edited = case.script_dir / "versions" / "0002_users.py"
    edited.write_text(edited.read_text() + "\n# edited after it was applied\n")
    revision(case.script_dir, "0100_notes", case.head, "CREATE TABLE notes (id int PRIMARY KEY)")
    new = ledger.checksum(edited.read_bytes())

    with pytest.raises(MigrationError) as caught:
        case.migrate()

    assert old in str(caught.value) and new in str(caught.value)
    assert "notes" not in case.tables()


def test_two_migrators_at_once_apply_each_revision_exactly_once(case):
    # Each run of 0101 adds a row: a second run would leave two.
    revision(case.script_dir, "0100_runs", case.head, "CREATE TABLE runs (n int)")
    revision(case.script_dir, "0101_mark", "0100_runs", "INSERT INTO runs VALUES (1)")
    reports, errors = run_concurrently(case.migrate, 3)

    assert errors == []
    applied = sorted(v for r in reports for v in r.applied)
    assert applied == sorted([*sql.revisions(), "0100_runs", "0101_mark"])
    assert case.query("SELECT count(*) FROM runs") == [(1,)]


def test_a_held_advisory_lock_makes_the_migrator_wait_then_give_up(case):
    # Advisory locks belong to one database: hold it in the case's own.
    with case.engine.connect() as holder:
        holder.execute(sa.text("SELECT pg_advisory_lock(:k)").bindparams(k=sql.PG_LOCK_KEY))
        with pytest.raises(MigrationError, match="advisory lock"):
            case.migrate(settings=replace(case.settings, lock_wait_seconds=1.0))
        holder.execute(sa.text("SELECT pg_advisory_unlock(:k)").bindparams(k=sql.PG_LOCK_KEY))

    assert not TABLES & case.tables()


def test_a_failing_revision_is_reported_rolled_back_and_the_ledger_stays_true(case):
    case.migrate()
    revision(case.script_dir, "0100_good", case.head, "CREATE TABLE good (id int)")
    revision(
        case.script_dir,
        "0101_bad",
        "0100_good",
        "CREATE TABLE half (id int)",
        "CREATE TABLE broken (id no_such_type)",
    )

    with pytest.raises(MigrationError) as caught:
        case.migrate()

    message = str(caught.value)
    assert "0101_bad" in message and "CREATE TABLE broken (id no_such_type)" in message
    assert "no_such_type" in message.split("no_such_type)", 1)[1]
    assert "\n" not in message
    assert set(case.ledger()) == {*sql.revisions(), "0100_good"}
    assert case.query("SELECT version_num FROM alembic_version") == [("0100_good",)]
    assert "good" in case.tables() and "half" not in case.tables()


def test_alembic_run_by_hand_is_detected_before_anything_runs(case):
    case.migrate()
    with case.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0003_zones'"))

    with pytest.raises(MigrationError, match="stamp the version table"):
        case.migrate()


def test_the_dry_run_prints_the_sql_and_changes_nothing(case):
    report = case.migrate(dry_run=True)

    assert report.changes[: len(sql.revisions())] == sql.revisions()
    assert any("CREATE TABLE buildings" in line for line in report.changes)
    assert case.tables() == set()
