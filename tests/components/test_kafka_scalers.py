"""KEDA's Kafka scalers log in to the brokers as the workers do, with the vault's password."""

import pytest

from components.kafka import APP_USER
from stacks.access import KAFKA
from tests.conftest import of_type

SCALER = "kubernetes:keda.sh/v1alpha1:ScaledObject"
AUTH = "kubernetes:keda.sh/v1alpha1:TriggerAuthentication"


def _kafka_auth(plan: dict) -> dict:
    (auth,) = [a for a in of_type(plan, AUTH) if a["props"]["metadata"]["name"] == "kafka"]
    return auth


def _kafka_triggers(plan: dict) -> list[dict]:
    return [t for s in of_type(plan, SCALER) for t in s["props"]["spec"]["triggers"]
            if t["type"] == "kafka"]


@pytest.mark.parametrize("stack", ["dev", "staging", "prod-useast", "prod-uswest", "prod-eu"])
def test_every_kafka_trigger_uses_sasl_and_tls_as_the_platform_does(plans, stack):
    (provider,) = of_type(plans[stack], "pulumi:providers:kafka")
    tls = "enable" if provider["props"]["tlsEnabled"] == "true" else "disable"
    triggers = _kafka_triggers(plans[stack])
    assert triggers
    for trigger in triggers:
        assert trigger["authenticationRef"] == {"name": "kafka"}
        assert (trigger["metadata"]["sasl"], trigger["metadata"]["tls"]) == ("scram_sha512", tls)


@pytest.mark.parametrize("stack", ["staging", "prod-eu"])
def test_trigger_authentication_reads_the_password_from_the_vault_as_keda(plans, stack):
    plan = plans[stack]
    auth = _kafka_auth(plan)
    assert auth["props"]["metadata"] == {"name": "kafka", "namespace": "dataspace"}
    vault = auth["props"]["spec"]["azureKeyVault"]
    assert vault["vaultUri"] == f"https://smartbuild-{stack}.vault.azure.net/"
    assert vault["secrets"] == [{"parameter": "password", "name": KAFKA}]
    assert vault["podIdentity"]["provider"] == "azure-workload"

    # The identity is KEDA's own, federated with the chart's operator account.
    (keda,) = [r for r in of_type(plan, "kubernetes:helm.sh/v3:Release")
               if r["props"]["chart"] == "keda"]
    workload = keda["props"]["values"]["podIdentity"]["azureWorkload"]
    assert workload == {"enabled": True, "clientId": vault["podIdentity"]["identityId"]}
    (federation,) = [f for f in of_type(plan,
                                        "azure-native:managedidentity:FederatedIdentityCredential")
                     if f["props"]["resourceName"] == f"id-{stack}-ids-keda-operator"]
    assert federation["props"]["subject"] == "system:serviceaccount:keda:keda-operator"
    worker_ids = {sa["props"]["metadata"]["annotations"]["azure.workload.identity/client-id"]
                  for sa in of_type(plan, "kubernetes:core/v1:ServiceAccount")}
    assert workload["clientId"] not in worker_ids


def test_the_username_the_scalers_read_is_the_workers_kafka_user(plans):
    auth = _kafka_auth(plans["prod-eu"])
    (env,) = auth["props"]["spec"]["env"]
    assert env["parameter"] == "username"
    for deployment in of_type(plans["prod-eu"], "kubernetes:apps/v1:Deployment"):
        (container,) = deployment["props"]["spec"]["template"]["spec"]["containers"]
        values = {e["name"]: e.get("value") for e in container["env"]}
        assert values[env["name"]] == APP_USER, deployment["name"]
