"""Schema changes read from the schema ConfigMap that every plan carries."""

import copy

from runtime.diff import report, schema
from tests.diff.conftest import resource, side

CONFIG_MAP = "kubernetes:core/v1:ConfigMap"


def _schema_map(plan: dict) -> dict:
    return resource(plan, CONFIG_MAP,
                    lambda r: r["props"]["metadata"]["name"].startswith(schema.SCHEMA_PREFIX))


def test_every_stack_carries_its_rendered_cql_and_mongo_migrations(cloud):
    for plan in cloud:
        found = schema.rendered(plan)
        assert {m.store for m in found.values()} == {"cql", "mongo"}, plan["stack"]
        keyspaces = next(m for key, m in found.items() if key.startswith("cql/0001"))
        assert f"region {plan['region']}" in keyspaces.text


def test_a_new_and_an_edited_migration_are_told_apart(cloud):
    head = copy.deepcopy(cloud)
    plan = head[0]
    data = _schema_map(plan)["props"]["data"]
    data["cql__0099_rollups.cql"] = "CREATE TABLE IF NOT EXISTS telemetry.rollups (k int);\n"
    first = min(k for k in data if k.startswith("mongo__"))
    data[first] += "# edited\n"

    result = report.compare(side("base", cloud), side("head", head))

    diff = next(s for s in result.stacks if s.stack == plan["stack"]).schema
    assert [(m.store, m.name) for m in diff.new] == [("cql", "0099_rollups.cql")]
    assert [(m.store, m.name) for m in diff.edited] == [("mongo", first.split("__", 1)[1])]
    assert diff.edited[0].text.endswith("# edited\n")
    assert all(s.schema.empty for s in result.stacks if s.stack != plan["stack"])


def test_plan_files_carry_no_sql_so_sql_is_not_compared(cloud):
    result = report.compare(side("base", cloud), side("head", cloud))
    assert result.sql is None


def test_sql_revisions_new_and_edited():
    before = {"0001_a": "CREATE TABLE a (x int);", "0002_b": "CREATE TABLE b (x int);"}
    after = {**before, "0002_b": "CREATE TABLE b (x bigint);", "0003_c": "CREATE TABLE c;"}
    diff = schema.compare_sql(before, after)
    assert [(m.name, m.text) for m in diff.new] == [("0003_c", "CREATE TABLE c;")]
    assert [m.name for m in diff.edited] == ["0002_b"]
