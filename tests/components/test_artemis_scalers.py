"""KEDA's Artemis scalers read the live broker's queues as its admin, with the vault's password."""

import pytest

from components.artemis import BROKER_NAME
from runtime.catalog import addresses
from runtime.migrations.targets import DEFAULTS
from runtime.plan_mocks import SUBSCRIPTION, client_id, principal_id
from stacks import CLOUD_STACKS
from tests.conftest import of_type

SCALER = "kubernetes:keda.sh/v1alpha1:ScaledObject"
AUTH = "kubernetes:keda.sh/v1alpha1:TriggerAuthentication"
GET_SECRET = [{"dataActions": ["Microsoft.KeyVault/vaults/secrets/getSecret/action"]}]


def _artemis_triggers(plan: dict) -> list[dict]:
    return [t for s in of_type(plan, SCALER) for t in s["props"]["spec"]["triggers"]
            if t["type"] == "artemis-queue"]


def _id(stack: str, resource: dict) -> str:
    """The resource id the offline plan's mocks give ``resource``."""
    module = resource["type"].split(":")[1]
    return (f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg-{stack}/providers/"
            f"{module}/{resource['name']}")


def _keda_identity(plan: dict) -> dict:
    """The managed identity federated with the KEDA chart's operator account."""
    (federation,) = [f for f in of_type(plan,
                                        "azure-native:managedidentity:FederatedIdentityCredential")
                     if f["props"]["subject"] == "system:serviceaccount:keda:keda-operator"]
    (identity,) = [i for i in of_type(plan, "azure-native:managedidentity:UserAssignedIdentity")
                   if i["props"].get("resourceName") == federation["props"]["resourceName"]]
    return identity


def _gettable(plan: dict, stack: str, principal: str) -> set[str]:
    """Ids of the vault secrets ``principal`` has the get-only role on."""
    (getter,) = [d for d in of_type(plan, "azure-native:authorization:RoleDefinition")
                 if d["props"]["permissions"] == GET_SECRET]
    return {a["props"]["scope"] for a in of_type(plan, "azure-native:authorization:RoleAssignment")
            if a["props"]["principalId"] == principal
            and a["props"]["roleDefinitionId"] == _id(stack, getter)}


@pytest.mark.parametrize("stack", CLOUD_STACKS)
def test_each_artemis_trigger_reads_a_vault_secret_kedas_identity_may_get(plans, stack):
    plan = plans[stack]
    auths = {a["props"]["metadata"]["name"]: a["props"] for a in of_type(plan, AUTH)}
    in_vault = {s["props"]["secretName"]: _id(stack, s)
                for s in of_type(plan, "azure-native:keyvault:Secret")}
    (vault,) = of_type(plan, "azure-native:keyvault:Vault")
    keda = _keda_identity(plan)
    gettable = _gettable(plan, stack, principal_id(keda["name"]))

    triggers = _artemis_triggers(plan)
    assert triggers
    for trigger in triggers:
        auth = auths[trigger["authenticationRef"]["name"]]
        assert auth["metadata"]["namespace"] == "dataspace"
        source = auth["spec"]["azureKeyVault"]
        assert source["vaultUri"] == f"https://{vault['props']['vaultName']}.vault.azure.net/"
        assert source["podIdentity"] == {"provider": "azure-workload",
                                         "identityId": client_id(keda["name"])}
        (secret,) = source["secrets"]
        assert secret["parameter"] == "password"
        assert secret["name"] in in_vault, f"{stack}: the vault has no {secret['name']}"
        assert in_vault[secret["name"]] in gettable, f"{stack}: KEDA may not get {secret['name']}"


@pytest.mark.parametrize("stack", ["dev", "prod-uswest"])
def test_artemis_triggers_name_the_live_brokers_console_admin_and_a_catalog_queue(plans, stack):
    plan = plans[stack]
    live = next(b for b in of_type(plan, "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis")
                if b["name"].endswith("-live"))
    host = f"{live['props']['metadata']['name']}-hdls-svc.messaging.svc.cluster.local"
    anycast = {q: a.name for a in addresses() if a.routing == "anycast" for q in a.queue_names}

    for trigger in _artemis_triggers(plan):
        metadata = trigger["metadata"]
        assert metadata["managementEndpoint"] == f"{host}:8161"
        assert metadata["username"] == live["props"]["spec"]["adminUser"]
        assert metadata["brokerName"] == BROKER_NAME
        # KEDA's default Jolokia query reads an anycast queue on its address.
        assert metadata["brokerAddress"] == anycast[metadata["queueName"]]
        assert "password" not in metadata


def test_the_migrator_and_the_scalers_agree_on_the_brokers_name():
    assert DEFAULTS["DATASPACE_ARTEMIS_BROKER"] == BROKER_NAME
