"""PostgreSQL through psycopg: the local cluster, a table, a rolled-back transaction."""

import uuid

import psycopg
import pytest

pytestmark = pytest.mark.integration


def test_insert_select_and_rollback(postgres_server):
    table = f"smoke_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres_server.url, autocommit=True) as conn:
        conn.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, name text NOT NULL)")
        try:
            with conn.transaction():
                conn.execute(f"INSERT INTO {table} VALUES (%s, %s)", (1, "building-1"))
            with pytest.raises(psycopg.errors.UniqueViolation), conn.transaction():
                conn.execute(f"INSERT INTO {table} VALUES (%s, %s)", (2, "building-2"))
                conn.execute(f"INSERT INTO {table} VALUES (%s, %s)", (1, "again"))
            rows = conn.execute(f"SELECT id, name FROM {table} ORDER BY id").fetchall()
            database = conn.execute("SELECT current_database()").fetchone()[0]
        finally:
            conn.execute(f"DROP TABLE {table}")
    assert rows == [(1, "building-1")]
    assert database == "dataspace"
