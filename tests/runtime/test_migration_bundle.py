"""Splitting migrations into statements, and loading the rendered bundle, without servers."""

import pytest

from runtime.errors import MigrationError
from runtime.migrations import bundle
from runtime.schema_render import SchemaContext, render

EU = SchemaContext.for_region("eu", "eu", "eu-west", 3)


def test_cql_splits_on_semicolons_outside_quotes_and_drops_comments():
    text = (
        "-- heading; with a semicolon\n"
        "CREATE TABLE a (x text); // trailing; comment\n"
        "INSERT INTO a (x) VALUES ('one; two');\n"
        "/* block; comment */ INSERT INTO a (x) VALUES ('it''s; fine')\n"
    )

    assert bundle.cql_statements(text) == [
        "CREATE TABLE a (x text)",
        "INSERT INTO a (x) VALUES ('one; two')",
        "INSERT INTO a (x) VALUES ('it''s; fine')",
    ]


def test_cql_keeps_comment_markers_inside_strings():
    text = "INSERT INTO a (x) VALUES ('http://host -- not a comment');"

    assert bundle.cql_statements(text) == [text[:-1]]


def test_cql_keeps_a_statement_on_several_lines_without_blank_lines():
    text = "CREATE TABLE a (\n    x text,\n\n    PRIMARY KEY (x)\n);\n\n"

    assert bundle.cql_statements(text) == ["CREATE TABLE a (\n    x text,\n    PRIMARY KEY (x)\n)"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [("SELECT 'open;", "' quote is never closed"), ("/* open; SELECT 1;", "never closed")],
)
def test_cql_with_an_open_quote_or_comment_names_the_file(text, problem):
    with pytest.raises(MigrationError, match=f"cql/0009_x.cql: .*{problem}"):
        bundle.cql_statements(text, "cql/0009_x.cql")


def test_mongo_commands_come_out_as_json_in_order():
    text = "commands:\n  - create: a\n  - createIndexes: a\n    indexes: [{name: i, key: {x: 1}}]\n"

    assert bundle.mongo_commands(text) == [
        '{"create": "a"}',
        '{"createIndexes": "a", "indexes": [{"name": "i", "key": {"x": 1}}]}',
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("commands: [", "not valid YAML"),
        ("create: a\n", "expected a mapping with a non-empty 'commands' list"),
        ("commands: []\n", "expected a mapping with a non-empty 'commands' list"),
        ("commands:\n  - just text\n", "command 1 must be a mapping"),
    ],
)
def test_a_malformed_mongo_migration_names_the_file_and_the_problem(text, problem):
    with pytest.raises(MigrationError, match=f"mongo/0009_x.yaml: {problem}"):
        bundle.mongo_commands(text, "mongo/0009_x.yaml")


def test_migrations_come_in_version_order_per_store_with_their_statements():
    rendered = {
        "cql/0002_b.cql": "CREATE TABLE b (x int PRIMARY KEY);",
        "cql/0001_a.cql": "CREATE KEYSPACE a WITH replication = {};\nCREATE TABLE a.t (x int);",
        "mongo/0001_a.yaml": "commands:\n  - create: a\n",
        "cql/readme.txt": "not a migration",
    }

    found = bundle.migrations(rendered, "cql")

    assert [m.version for m in found] == ["0001_a", "0002_b"]
    assert [len(m.statements) for m in found] == [2, 1]
    assert [m.version for m in bundle.migrations(rendered, "mongo")] == ["0001_a"]


def test_a_migration_without_statements_is_refused():
    with pytest.raises(MigrationError, match="cql/0003_empty.cql: holds no statement"):
        bundle.migrations({"cql/0003_empty.cql": "-- only a comment\n"}, "cql")


def test_the_checksum_covers_the_rendered_text_so_a_comment_edit_counts():
    one = bundle.migrations({"cql/0001_a.cql": "CREATE TABLE a (x int);"}, "cql")[0]
    two = bundle.migrations({"cql/0001_a.cql": "-- why\nCREATE TABLE a (x int);"}, "cql")[0]

    assert one.statements == two.statements
    assert one.checksum != two.checksum


def test_the_config_map_layout_and_folders_load_the_same_bundle(tmp_path):
    rendered = render(EU)
    flat = tmp_path / "flat"
    flat.mkdir()
    nested = tmp_path / "nested"
    for key, text in rendered.items():
        (flat / key.replace("/", "__")).write_text(text)
        (nested / key).parent.mkdir(parents=True, exist_ok=True)
        (nested / key).write_text(text)
    # A mounted ConfigMap also holds Kubernetes' own "..data" entries.
    (flat / "..data").mkdir()

    assert bundle.from_directory(flat) == rendered
    assert bundle.from_directory(nested) == rendered


def test_a_schema_dir_without_migrations_says_what_it_expected(tmp_path):
    with pytest.raises(MigrationError, match="no migrations found; expected files named like"):
        bundle.from_directory(tmp_path)
    with pytest.raises(MigrationError, match="no such directory"):
        bundle.from_directory(tmp_path / "missing")


def test_every_shipped_template_renders_and_splits_for_every_zone():
    us = SchemaContext.for_region("us-east", "us", "us-east-1", 3)
    for context in (us, EU):
        rendered = render(context)
        assert bundle.migrations(rendered, "cql")
        assert bundle.migrations(rendered, "mongo")
    eu_access = render(EU)["cql/0005_access_events.cql"]
    assert f"default_time_to_live = {90 * 24 * 3600}" in eu_access
