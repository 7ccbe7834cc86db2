"""The migrator's targets: a stack renders the same schema the deploy ships in its ConfigMap."""

import pytest

from runtime.migrations import bundle
from runtime.migrations.runner import load_bundle
from runtime.migrations.targets import VARIABLES, Target, load_stack, target
from runtime.schema_render import bundle_hash
from runtime.secrets import SecretSource
from stacks import CLOUD_STACKS
from tests.conftest import of_type
from tests.runtime.test_secrets import FakeVault


@pytest.mark.parametrize("stack", CLOUD_STACKS)
def test_the_migrator_renders_the_bundle_the_deploy_ships(plans, stack, tmp_path):
    (config_map,) = of_type(plans[stack], "kubernetes:core/v1:ConfigMap")
    shipped = config_map["props"]["data"]
    for name, text in shipped.items():
        (tmp_path / name).write_text(text)

    rendered = load_bundle(target(stack), None)

    assert bundle.from_directory(tmp_path) == rendered
    assert config_map["props"]["metadata"]["name"] == f"schema-{bundle_hash(rendered)}"


def test_each_stack_replicates_in_its_own_datacenter_and_zone():
    eu = target("prod-eu").context
    us = target("prod-useast").context

    assert (eu.zone, us.zone) == ("eu", "us")
    assert eu.datacenter != us.datacenter
    assert eu.access_events_ttl_seconds == 90 * 24 * 3600
    assert us.access_events_ttl_seconds > eu.access_events_ttl_seconds
    cql = bundle.migrations(load_bundle(target("prod-eu"), None), "cql")[0]
    assert f"'{eu.datacenter}': {eu.replication}" in cql.statements[0]
    assert us.datacenter not in cql.text


def test_a_cloud_target_reads_what_its_environment_lacks_from_the_vault():
    env = {"AZURE_KEYVAULT_URL": "https://smartbuild-prod-eu.vault.azure.net/",
           "DATASPACE_ARTEMIS_MANAGEMENT_URL": "http://broker:8161/console/jolokia/",
           "DATASPACE_KAFKA_PASSWORD": "from-env"}
    vault = FakeVault({v.secret: f"vault:{v.secret}" for v in VARIABLES.values() if v.secret})
    stack = Target("prod-eu", load_stack("prod-eu"), SecretSource(env, client=vault))

    artemis = stack.artemis()
    assert artemis.url == env["DATASPACE_ARTEMIS_MANAGEMENT_URL"]
    assert artemis.password == "vault:artemis--management--password"
    assert stack.cql().hosts == ("vault:analytics-ingestion--scylladb--hosts",)
    assert stack.mongo().uri == "vault:device-service--mongodb--connection-string"
    assert vault.asked.count("kafka--cluster--sasl-password") == 0
