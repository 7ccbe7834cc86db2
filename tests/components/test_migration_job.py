"""The migration Job has what `dataspace migrate --target STACK` reads: every setting a cloud
target needs is in the Job's environment or in a vault secret its identity may get."""

import pytest

from runtime.migrations.targets import DEFAULTS, VARIABLES
from runtime.plan_mocks import SUBSCRIPTION, principal_id
from stacks import CLOUD_STACKS
from tests.conftest import of_type


def _id(stack: str, resource: dict) -> str:
    """The resource id the offline plan's mocks give ``resource``."""
    module = resource["type"].split(":")[1]
    return (f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg-{stack}/providers/"
            f"{module}/{resource['name']}")


def _job(plan: dict) -> dict:
    (job,) = of_type(plan, "kubernetes:batch/v1:Job")
    return job["props"]


def _job_pod(plan: dict) -> dict:
    return _job(plan)["spec"]["template"]["spec"]


def _env(plan: dict) -> dict[str, str]:
    (container,) = _job_pod(plan)["containers"]
    return {e["name"]: e["value"] for e in container["env"]}


def _identity(plan: dict, namespace: str, service_account: str) -> str:
    """The managed identity resource the account's pods sign in as (by federation)."""
    subject = f"system:serviceaccount:{namespace}:{service_account}"
    (federation,) = [f for f in of_type(plan, "azure-native:managedidentity:FederatedIdentityCredential")
                     if f["props"]["subject"] == subject]
    (identity,) = [i for i in of_type(plan, "azure-native:managedidentity:UserAssignedIdentity")
                   if i["props"].get("resourceName") == federation["props"]["resourceName"]]
    return identity["name"]


def _gettable(plan: dict, stack: str, principal: str) -> set[str]:
    """Ids of the vault secrets ``principal`` has the get-only role on."""
    (getter,) = [d for d in of_type(plan, "azure-native:authorization:RoleDefinition")
                 if d["props"]["permissions"] == [
                     {"dataActions": ["Microsoft.KeyVault/vaults/secrets/getSecret/action"]}]]
    return {a["props"]["scope"] for a in of_type(plan, "azure-native:authorization:RoleAssignment")
            if a["props"]["principalId"] == principal
            and a["props"]["roleDefinitionId"] == _id(stack, getter)}


@pytest.mark.parametrize("stack", CLOUD_STACKS)
def test_each_setting_of_a_cloud_target_is_in_the_jobs_env_or_a_vault_secret_it_may_get(
        plans, stack):
    plan = plans[stack]
    env = _env(plan)
    # The Job runs in the Scylla cluster's namespace: federation must name the account there.
    principal = principal_id(_identity(plan, _job(plan)["metadata"]["namespace"],
                                       _job_pod(plan)["serviceAccountName"]))
    gettable = _gettable(plan, stack, principal)
    in_vault = {s["props"]["secretName"]: _id(stack, s)
                for s in of_type(plan, "azure-native:keyvault:Secret")}

    missing = []
    for name, variable in VARIABLES.items():
        if env.get(name):
            continue
        if variable.secret is None:
            missing.append(f"{name}: not in the Job's env and no vault secret holds it")
        elif variable.secret not in in_vault:
            missing.append(f"{name}: the vault has no {variable.secret}")
        elif in_vault[variable.secret] not in gettable:
            missing.append(f"{name}: the Job's identity may not get {variable.secret}")
    assert not missing, f"{stack}: {missing}"
    (vault,) = of_type(plan, "azure-native:keyvault:Vault")
    assert vault["props"]["vaultName"] in env["AZURE_KEYVAULT_URL"]


@pytest.mark.parametrize("stack", CLOUD_STACKS)
def test_the_jobs_env_carries_no_setting_the_vault_holds(plans, stack):
    env = _env(plans[stack])

    assert not [n for n, v in VARIABLES.items() if v.secret and n in env]


@pytest.mark.parametrize("stack", ["dev", "prod-eu"])
def test_the_job_reaches_the_live_brokers_console_as_its_admin_and_names_itself(plans, stack):
    plan = plans[stack]
    env = _env(plan)
    (job,) = of_type(plan, "kubernetes:batch/v1:Job")
    live = next(b for b in of_type(plan, "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis")
                if b["name"].endswith("-live"))
    spec = live["props"]["spec"]

    host = f"{live['props']['metadata']['name']}-hdls-svc.messaging.svc.cluster.local"
    assert "sslEnabled" not in spec["console"]  # the console is plain HTTP in every stack
    assert env["DATASPACE_ARTEMIS_MANAGEMENT_URL"] == f"http://{host}:8161/console/jolokia/"
    username = env.get("DATASPACE_ARTEMIS_USERNAME") or DEFAULTS["DATASPACE_ARTEMIS_USERNAME"]
    assert spec["adminUser"] == username
    assert spec["adminPassword"] == "[secret]"
    assert env["DATASPACE_MIGRATOR"] == job["props"]["metadata"]["name"]
