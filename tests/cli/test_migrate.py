"""`dataspace migrate` usage through typer's runner: what needs no server."""

import pytest
from typer.testing import CliRunner

from runtime.cli import app
from runtime.migrations import sql
from runtime.migrations.targets import VARIABLES

runner = CliRunner()


def test_offline_prints_the_tsql_of_every_revision_without_a_server():
    result = runner.invoke(app, ["migrate", "sql", "--offline"])

    assert result.exit_code == 0, result.output
    assert "CREATE TABLE schema_ledger" in result.stdout
    assert result.stdout.count("-- Running upgrade") == len(sql.revisions())
    for revision in sql.revisions():
        assert f"-> {revision}" in result.stdout
    assert "\nGO\n" in result.stdout


def test_offline_since_a_revision_prints_only_the_later_ones():
    first, *later = sql.revisions()

    result = runner.invoke(app, ["migrate", "sql", "--offline", "--since", first])

    assert result.exit_code == 0, result.output
    assert (
        f"INSERT INTO schema_ledger (version, checksum, applied_at, applied_by) VALUES ('{first}'"
        not in result.stdout
    )
    assert f"VALUES ('{later[0]}'" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["migrate", "tables", "--target", "local"], "store must be one of cql, mongo, sql"),
        (["migrate", "cql"], "give --target local or --target STACK"),
        (["migrate", "cql", "--offline"], "--offline renders SQL only"),
        (["migrate", "sql", "--target", "local", "--since", "0001_buildings"], "--since goes with"),
        (
            ["migrate", "sql", "--offline", "--since", "9999_nope"],
            "start revision '9999_nope' is unknown",
        ),
    ],
)
def test_a_usage_error_is_one_line_on_stderr(args, message):
    result = runner.invoke(app, args)

    assert result.exit_code in (1, 2)
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_target_lists_the_known_ones():
    result = runner.invoke(app, ["migrate", "kafka", "--target", "prod-mars"])

    assert result.exit_code == 2
    assert "--target 'prod-mars': expected local or one of" in result.stderr
    assert "prod-eu" in result.stderr


@pytest.mark.parametrize(
    ("store", "variable"),
    [
        ("cql", "DATASPACE_SCYLLA_HOSTS"),
        ("mongo", "DATASPACE_MONGO_URI"),
        ("sql", "DATASPACE_SQL_CONNECTION"),
        ("kafka", "KAFKA_BOOTSTRAP_SERVERS"),
        ("artemis", "DATASPACE_ARTEMIS_MANAGEMENT_URL"),
    ],
)
def test_a_cloud_target_names_the_missing_variable_and_what_it_holds(monkeypatch, store, variable):
    for name in (*VARIABLES, "AZURE_KEYVAULT_URL"):
        monkeypatch.delenv(name, raising=False)

    result = runner.invoke(app, ["migrate", store, "--target", "prod-eu"])

    assert result.exit_code == 1
    assert f"environment variable {variable} is not set; it holds" in result.stderr
    assert VARIABLES[variable].holds in result.stderr
