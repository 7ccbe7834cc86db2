"""Secure defaults: TLS, no public endpoints, backups, workload identity, parents."""

import pytest

from tests.conftest import of_type

CLOUD = ["dev", "staging", "prod-useast", "prod-uswest", "prod-eu"]


@pytest.mark.parametrize("stack", CLOUD)
def test_sql_managed_instance_is_private_tls12_and_entra_only(plans, stack):
    (instance,) = of_type(plans[stack], "azure-native:sql:ManagedInstance")
    props = instance["props"]
    assert props["minimalTlsVersion"] == "1.2"
    assert props["publicDataEndpointEnabled"] is False
    assert props["administrators"]["azureADOnlyAuthentication"] is True
    assert props["keyId"].split("/keys/")[1].startswith("sql--tde--cmk"), "TDE must use the CMK"
    assert "administratorLoginPassword" not in props


@pytest.mark.parametrize("stack", CLOUD)
def test_redis_is_tls_only_private_and_lru(plans, stack):
    (cache,) = of_type(plans[stack], "azure-native:redis:Redis")
    props = cache["props"]
    assert props["enableNonSslPort"] is False
    assert props["minimumTlsVersion"] == "1.2"
    assert props["publicNetworkAccess"] == "Disabled"
    assert props["redisConfiguration"]["maxmemoryPolicy"] == "allkeys-lru"
    persistent = props["redisConfiguration"].get("rdbBackupEnabled") == "true"
    assert persistent == (stack != "dev"), "persistence in staging and prod only"
    assert of_type(plans[stack], "azure-native:redis:LinkedServer") == []


@pytest.mark.parametrize("stack", CLOUD)
def test_atlas_requires_tls12_backs_up_and_encrypts_with_the_regional_key(plans, stack):
    (cluster,) = of_type(plans[stack], "mongodbatlas:index/advancedCluster:AdvancedCluster")
    props = cluster["props"]
    assert props["advancedConfiguration"]["minimumEnabledTlsProtocol"] == "TLS1_2"
    assert props["backupEnabled"] is True
    assert props["encryptionAtRestProvider"] == "AZURE"
    (encryption,) = of_type(plans[stack], "mongodbatlas:index/encryptionAtRest:EncryptionAtRest")
    config = encryption["props"]["azureKeyVaultConfig"]
    assert config["keyVaultName"] == f"smartbuild-{stack}"
    assert config["requirePrivateNetworking"] is True
    assert config["secret"] == "[secret]"
    assert of_type(plans[stack], "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList") == []
    for schedule in of_type(plans[stack], "mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule"):
        assert "copySettings" not in schedule["props"], "no snapshot copies to other regions"


@pytest.mark.parametrize("stack", CLOUD)
def test_aks_is_private_with_workload_identity(plans, stack):
    (cluster,) = of_type(plans[stack], "azure-native:containerservice:ManagedCluster")
    props = cluster["props"]
    assert props["oidcIssuerProfile"] == {"enabled": True}
    assert props["securityProfile"]["workloadIdentity"] == {"enabled": True}
    assert props["apiServerAccessProfile"]["enablePrivateCluster"] is True
    assert props["disableLocalAccounts"] is True


@pytest.mark.parametrize("stack", CLOUD)
def test_every_azure_resource_with_tags_names_zone_and_owner(plans, stack):
    zone = "eu" if stack == "prod-eu" else "us"
    tagged = [r for r in plans[stack]["resources"] if "tags" in r["props"]
              and r["type"].startswith("azure-native:")]
    assert len(tagged) > 20
    for resource in tagged:
        tags = resource["props"]["tags"]
        assert tags["data-zone"] == zone, resource["urn"]
        assert {"environment", "region", "owner", "data-classification"} <= set(tags)


@pytest.mark.parametrize("stack", CLOUD + ["local"])
def test_every_resource_has_a_component_parent(plans, stack):
    by_urn = {r["urn"]: r for r in plans[stack]["resources"]}
    for resource in by_urn.values():
        if resource["type"] in ("pulumi:pulumi:Stack", "pulumi:pulumi:StackReference"):
            continue
        parent = by_urn[resource["parent"]]
        if resource["type"].startswith("dataspace:"):
            assert parent["type"] == "pulumi:pulumi:Stack", resource["urn"]
        else:
            assert parent["type"].startswith("dataspace:"), resource["urn"]


def test_workers_scale_from_the_guide_floor_in_prod_and_one_in_dev(plans):
    def floors(stack):
        return {s["props"]["metadata"]["name"]: (s["props"]["spec"]["minReplicaCount"],
                                                 s["props"]["spec"]["maxReplicaCount"])
                for s in of_type(plans[stack], "kubernetes:keda.sh/v1alpha1:ScaledObject")}
    assert floors("prod-eu") == {"ingest": (4, 200), "alerts": (8, 50), "events": (2, 25),
                                 "notify": (3, 12)}
    assert floors("dev") == {"ingest": (1, 6), "alerts": (1, 6), "events": (1, 6),
                             "notify": (1, 4)}


def test_migration_job_is_named_by_the_schema_hash_and_runs_before_workers(plans):
    plan = plans["prod-eu"]
    (job,) = of_type(plan, "kubernetes:batch/v1:Job")
    (schema,) = [c for c in of_type(plan, "kubernetes:core/v1:ConfigMap")
                 if c["props"]["metadata"]["name"].startswith("schema-")]
    digest = schema["props"]["metadata"]["name"].removeprefix("schema-")
    assert job["props"]["metadata"]["name"] == f"migrate-{digest}"
    assert plan["outputs"]["migration_job"] == f"migrate-{digest}"
    pod = job["props"]["spec"]["template"]["spec"]
    assert pod["serviceAccountName"] == "schema-migrator"
    assert pod["containers"][0]["args"][:3] == ["migrate", "all", "--target"]
