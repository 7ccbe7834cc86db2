"""`dataspace plan` through typer's runner: exit codes first, then output."""

import json

from typer.testing import CliRunner

from runtime.cli import app

runner = CliRunner()


def test_plan_json_of_one_stack_is_the_contract():
    result = runner.invoke(app, ["plan", "prod-eu", "--format", "json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert (plan["stack"], plan["environment"], plan["region"]) == ("prod-eu", "prod", "eu")
    assert {"urn", "type", "name", "parent", "props"} <= set(plan["resources"][0])


def test_plan_all_json_holds_every_system_of_every_cloud_stack(tmp_path):
    out = tmp_path / "plans.json"
    result = runner.invoke(app, ["plan", "--all", "--format", "json", "--output", str(out)])
    assert result.exit_code == 0, result.output
    plans = json.loads(out.read_text())
    assert [p["stack"] for p in plans] == ["dev", "staging", "prod-useast", "prod-uswest",
                                           "prod-eu"]
    needed = {"azure-native:sql:ManagedInstance", "azure-native:redis:Redis",
              "azure-native:keyvault:Vault", "mongodbatlas:index/advancedCluster:AdvancedCluster",
              "kafka:index/topic:Topic", "kubernetes:scylla.scylladb.com/v1:ScyllaCluster",
              "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis", "kubernetes:apps/v1:Deployment"}
    for plan in plans:
        assert needed <= {r["type"] for r in plan["resources"]}, plan["stack"]


def test_plan_tree_shows_components_and_their_resources():
    result = runner.invoke(app, ["plan", "prod-eu"])
    assert result.exit_code == 0, result.output
    assert "prod-eu (prod, eu)" in result.stdout
    assert "dataspace:sql:SqlManagedInstance" in result.stdout
    assert "location=westeurope" in result.stdout


def test_unknown_stack_is_one_line_and_exit_1():
    result = runner.invoke(app, ["plan", "prod-mars"])
    assert result.exit_code == 1
    assert "no stack file Pulumi.prod-mars.yaml" in result.stderr
    assert "Traceback" not in result.output


def test_bad_format_is_a_usage_error():
    result = runner.invoke(app, ["plan", "dev", "--format", "xml"])
    assert result.exit_code == 2
    assert "--format must be tree or json" in result.stderr


def test_stack_and_all_together_are_refused():
    result = runner.invoke(app, ["plan", "dev", "--all"])
    assert result.exit_code == 1
    assert "not both" in result.stderr
