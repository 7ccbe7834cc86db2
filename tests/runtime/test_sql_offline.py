"""The SQL revisions: their order, and the offline T-SQL that sqlglot's T-SQL dialect parses."""

import re

import pytest
import sqlglot
from sqlglot import exp

from runtime.errors import MigrationError
from runtime.migrations import sql

# sqlglot models no spatial index; such statements are checked by text instead.
UNMODELLED = ("CREATE SPATIAL INDEX",)
TABLES = ("buildings", "users", "zones", "devices", "access_rules", "maintenance_schedules")


def batches(text: str) -> list[str]:
    return [b for b in re.split(r"^GO\s*$", text, flags=re.MULTILINE) if b.strip()]


def statements(text: str) -> list[exp.Expression]:
    parsed = []
    for batch in batches(text):
        if batch.strip().startswith(UNMODELLED):
            continue
        parsed += [e for e in sqlglot.parse(batch, read="tsql") if e is not None]
    return parsed


def test_revisions_run_in_order_with_the_circular_key_last():
    revs = sql.revisions()
    assert revs[0] == "0001_buildings"
    assert revs[-1] == "0007_building_contact"
    assert revs == sorted(revs)
    # alembic_version.version_num is VARCHAR(32).
    assert all(len(r) <= 32 for r in revs)


def test_every_offline_statement_parses_as_tsql_and_none_falls_back_to_a_command():
    parsed = statements(sql.offline_sql(None))
    commands = [e.sql("tsql") for e in parsed if isinstance(e, exp.Command)]
    assert commands == []
    created = {e.this.this.name for e in parsed if isinstance(e, exp.Create) and e.kind == "TABLE"}
    assert set(TABLES) | {"schema_ledger", "alembic_version"} <= created


def test_offline_tsql_uses_check_constraints_geography_and_no_enum():
    text = sql.offline_sql(None)
    assert "ENUM" not in text.upper()
    assert "CONSTRAINT ck_users_role CHECK (role IN ('admin', 'manager', 'occupant'" in text
    assert "coordinates AS (geography::Point(latitude, longitude, 4326)) PERSISTED" in text
    assert "CREATE SPATIAL INDEX sx_devices_coordinates ON devices (coordinates)" in text
    # SQL MI's engine: real DATE columns, not the SQL Server 2005 DATETIME fallback.
    assert "operational_since DATE NULL" in text


def test_the_buildings_to_users_key_comes_after_both_tables():
    text = sql.offline_sql(None)
    fk = text.index("ADD CONSTRAINT fk_buildings_main_contact FOREIGN KEY(main_contact_id)")
    assert text.index("CREATE TABLE users") < fk
    assert text.index("CREATE TABLE buildings") < fk


def test_each_revision_writes_its_ledger_row_inside_its_transaction():
    text = sql.offline_sql(None)
    for rev in sql.revisions():
        insert = text.index(
            f"INSERT INTO schema_ledger (version, checksum, applied_at, "
            f"applied_by) VALUES ('{rev}', '{sql.checksums()[rev]}'"
        )
        assert text.rfind("BEGIN TRANSACTION", 0, insert) > text.rfind("COMMIT", 0, insert)


def test_a_range_renders_only_the_revisions_after_start():
    text = sql.offline_sql("0005_access_rules")
    assert "CREATE TABLE maintenance_schedules" in text
    assert "CREATE TABLE access_rules" not in text
    assert "CREATE TABLE schema_ledger" not in text
    assert sql.offline_sql("0006_maintenance_schedules", "0006_maintenance_schedules") == ""


def test_an_unknown_start_revision_is_refused_by_name():
    with pytest.raises(MigrationError, match="start revision '0099_nope' is unknown"):
        sql.offline_sql("0099_nope")
