"""`dataspace check` through typer's runner: exit codes first, then what it names.

The cases of issue 3's "Done when": prod-eu's real plan with one property changed fails
the check and names the changed resource; the unchanged plans of every cloud stack pass.
"""

import copy
import json

import pytest
from typer.testing import CliRunner

from runtime.cli import app
from runtime.plan import to_json
from stacks import CLOUD_STACKS
from tests.policies.edits import edited, setter

runner = CliRunner()

ATLAS = "mongodbatlas:index/advancedCluster:AdvancedCluster"
SQL_MI = "azure-native:sql:ManagedInstance"
REDIS = "azure-native:redis:Redis"
VAULT = "azure-native:keyvault:Vault"
TOPIC = "kafka:index/topic:Topic"


def _check_file(tmp_path, plans, *extra: str):
    path = tmp_path / "plan.json"
    path.write_text(to_json(plans))
    # Wide enough that the table does not fold resource names.
    return runner.invoke(app, ["check", "--plan", str(path), *extra], env={"COLUMNS": "200"})


def _mandatory(result) -> set[tuple[str, str]]:
    report = json.loads(result.stdout)
    return {(v["policy"], v["resource"]) for stack in report["stacks"]
            for v in stack["violations"] if v["enforcement"] == "mandatory"}


def test_unchanged_plans_of_every_cloud_stack_pass(plans, tmp_path):
    result = _check_file(tmp_path, [plans[s] for s in CLOUD_STACKS], "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["passed"] is True
    assert [s["stack"] for s in report["stacks"]] == list(CLOUD_STACKS)
    assert _mandatory(result) == set()


@pytest.mark.parametrize(("type_", "edit", "name", "expected"), [
    pytest.param(ATLAS, setter("replicationSpecs", 0, "regionConfigs", 0, "regionName",
                               value="US_EAST_2"), None,
                 {("gdpr-eu-residency", "prod-eu-atlas-cluster"),
                  ("gdpr-atlas-copies-in-zone", "prod-eu-atlas-cluster"),
                  # The EU key now sits in another region than the data it encrypts.
                  ("gdpr-eu-customer-managed-keys", "prod-eu-atlas-encryption")},
                 id="atlas-region-us"),
    pytest.param(SQL_MI, setter("location", value="eastus"), None,
                 {("gdpr-eu-residency", "prod-eu-sql-mi")}, id="sql-mi-location-us"),
    pytest.param(REDIS, setter("minimumTlsVersion", value="1.0"), None,
                 {("sec-redis-tls", "prod-eu-redis-cache")}, id="redis-tls-1.0"),
    pytest.param(VAULT, setter("properties", "enablePurgeProtection", value=False), None,
                 {("sec-key-vault-recoverable", "prod-eu-kv-vault")}, id="vault-purgeable"),
    pytest.param(TOPIC, setter("replicationFactor", value=1), "prod-eu-kafka-device-telemetry",
                 {("sec-kafka-topic-durability", "prod-eu-kafka-device-telemetry")},
                 id="topic-replication-1"),
])
def test_one_changed_property_fails_and_names_the_resource(plans, tmp_path, type_, edit, name,
                                                           expected):
    plan, target = edited(plans["prod-eu"], type_, edit, name)
    result = _check_file(tmp_path, plan, "--format", "json")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["passed"] is False
    assert _mandatory(result) == expected
    assert target in {resource for _, resource in expected}


def test_one_failing_plan_among_several_fails_only_its_stack(plans, tmp_path):
    broken, _ = edited(plans["prod-eu"], REDIS, setter("minimumTlsVersion", value="1.0"))
    result = _check_file(tmp_path, [plans["dev"], broken, plans["prod-uswest"]],
                         "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [(s["stack"], s["passed"]) for s in report["stacks"]] == [
        ("dev", True), ("prod-eu", False), ("prod-uswest", True)]


def test_a_plan_piped_on_stdin_is_checked(plans):
    broken, _ = edited(plans["prod-eu"], VAULT,
                       setter("properties", "enablePurgeProtection", value=False))
    result = runner.invoke(app, ["check", "--plan", "-", "--format", "json"],
                           input=to_json(broken))
    assert result.exit_code == 1, result.output
    assert _mandatory(result) == {("sec-key-vault-recoverable", "prod-eu-kv-vault")}


def test_table_names_the_policy_and_the_resource(plans, tmp_path):
    plan, target = edited(plans["prod-eu"], REDIS, setter("minimumTlsVersion", value="1.0"))
    result = _check_file(tmp_path, plan)
    assert result.exit_code == 1, result.output
    assert "prod-eu: 1 mandatory" in result.stdout
    assert "sec-redis-tls" in result.stdout
    assert target in result.stdout


def test_one_stack_by_name_passes():
    result = runner.invoke(app, ["check", "prod-eu"])
    assert result.exit_code == 0, result.output
    assert "prod-eu: 0 mandatory" in result.stdout


def test_all_stacks_pass():
    result = runner.invoke(app, ["check", "--all", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [s["stack"] for s in report["stacks"]] == list(CLOUD_STACKS)
    assert all(s["passed"] for s in report["stacks"])


def test_a_plan_file_that_is_not_json_exits_2_and_says_where(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "stack": "prod-eu",\n  "resources": [\n    {"urn": }\n  ]\n}\n')
    result = runner.invoke(app, ["check", "--plan", str(path)])
    assert result.exit_code == 2
    assert f"{path}:4:13: not valid JSON" in result.stderr
    assert "Traceback" not in result.output


def test_a_plan_without_resources_exits_2_and_names_the_plan(tmp_path):
    path = tmp_path / "plans.json"
    path.write_text('[{"stack": "dev", "resources": []}, {"stack": "prod-eu"}]')
    result = runner.invoke(app, ["check", "--plan", str(path)])
    assert result.exit_code == 2
    assert "plan 1 (prod-eu) has no \"resources\" list" in result.stderr


def test_a_resource_without_a_urn_exits_2_and_says_which(plans, tmp_path):
    plan = copy.deepcopy(plans["dev"])
    del plan["resources"][3]["urn"]
    result = _check_file(tmp_path, plan)
    assert result.exit_code == 2
    assert "plan (dev), resources[3] has no string \"urn\"" in result.stderr


def test_a_missing_plan_file_exits_2(tmp_path):
    result = runner.invoke(app, ["check", "--plan", str(tmp_path / "nowhere.json")])
    assert result.exit_code == 2
    assert "nowhere.json: no such file" in result.stderr


def test_an_unknown_stack_exits_2():
    result = runner.invoke(app, ["check", "prod-mars"])
    assert result.exit_code == 2
    assert "no stack file Pulumi.prod-mars.yaml" in result.stderr


@pytest.mark.parametrize("args", [[], ["dev", "--all"], ["dev", "--plan", "x.json"],
                                  ["dev", "--format", "xml"]])
def test_usage_errors_exit_2(args):
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
