"""Pulumi mocks that stand in for the engine and providers during an offline plan.

They return what the providers would compute (ids, URIs, principal ids) so the program
runs end to end; every value is derived from resource names, so a plan is repeatable.
"""

import base64
import uuid

import pulumi

SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
TENANT = "11111111-1111-1111-1111-111111111111"

KUBECONFIG = """apiVersion: v1
kind: Config
clusters: [{name: aks, cluster: {server: "https://aks.invalid:443"}}]
contexts: [{name: aks, context: {cluster: aks, user: aks}}]
current-context: aks
users: [{name: aks, user: {token: offline-plan}}]
"""


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)))


def principal_id(identity: str) -> str:
    """The principal id the mocks give the managed identity resource named ``identity``."""
    return _uuid(identity, "principal")


def client_id(identity: str) -> str:
    """The client id the mocks give the managed identity resource named ``identity``."""
    return _uuid(identity, "client")


def _computed(typ: str, name: str, inputs: dict, stack: str) -> dict:
    """Outputs the provider would add to a resource's inputs."""
    if typ == "azure-native:managedidentity:UserAssignedIdentity":
        return {"principalId": principal_id(name), "clientId": client_id(name),
                "name": inputs.get("resourceName", name)}
    if typ == "azure-native:containerservice:ManagedCluster":
        return {"oidcIssuerProfile": {"enabled": True,
                                      "issuerUrl": f"https://oidc.invalid/{_uuid(name)}/"}}
    if typ == "azure-native:keyvault:Vault":
        vault = inputs.get("vaultName", name)
        return {"name": vault, "properties": {**inputs.get("properties", {}),
                                              "vaultUri": f"https://{vault}.vault.azure.net/"}}
    if typ == "azure-native:keyvault:Key":
        return {"keyUriWithVersion": f"https://vault.invalid/keys/{inputs.get('keyName')}/v1"}
    if typ == "azure-native:sql:ManagedInstance":
        return {"fullyQualifiedDomainName": f"{name}.{_uuid(name)[:8]}.database.windows.net"}
    if typ == "azure-native:resources:ResourceGroup":
        return {"name": inputs.get("resourceGroupName", name)}
    if typ == "random:index/randomPassword:RandomPassword":
        return {"result": _uuid(name, "password").replace("-", "")}
    if typ == "azure-native:storage:StorageAccount":
        return {"primaryEndpoints": {"blob": f"https://{name.replace('-', '')[:24]}.blob.core.windows.net/"}}
    if typ == "azure-native:redis:Redis":
        return {"hostName": f"{inputs.get('name', name)}.redis.cache.windows.net"}
    if typ == "mongodbatlas:index/advancedCluster:AdvancedCluster":
        return {"connectionStrings": {"standardSrv": f"mongodb+srv://{inputs.get('name')}.mongodb.net"}}
    if typ == "mongodbatlas:index/privateLinkEndpoint:PrivateLinkEndpoint":
        return {"privateLinkId": _uuid(name, "link"),
                "privateLinkServiceResourceId": f"/subscriptions/{SUBSCRIPTION}/pls/{name}"}
    if typ == "pulumi:pulumi:StackReference":
        other = str(inputs.get("name", "")).rsplit("/", 1)[-1]
        return {"outputs": {"sql_managed_instance_id": _arm_id(other, "Microsoft.Sql/managedInstances",
                                                               f"{other}-sql-mi")}}
    return {}


def _identity_output(identity: dict) -> dict:
    """Identity inputs list user-assigned ids; the provider answers with a map of them."""
    ids = identity.get("userAssignedIdentities")
    if isinstance(ids, list):
        return {**identity, "userAssignedIdentities": {i: {} for i in ids if isinstance(i, str)}}
    return identity


def _arm_id(stack: str, provider_type: str, name: str) -> str:
    return (f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg-{stack}/providers/"
            f"{provider_type}/{name}")


class PlanMocks(pulumi.runtime.Mocks):
    """Deterministic stand-ins for provider results."""

    def __init__(self, stack: str):
        self.stack = stack

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        typ = args.typ
        resource_id = _arm_id(self.stack, typ.split(":")[1], args.name)
        state = {**args.inputs, **_computed(typ, args.name, args.inputs, self.stack)}
        if isinstance(state.get("identity"), dict):
            state["identity"] = _identity_output(state["identity"])
        state.setdefault("name", args.name)
        return resource_id, state

    def call(self, args: pulumi.runtime.MockCallArgs):
        if args.token == "azure-native:authorization:getClientConfig":
            return {"clientId": _uuid("deployer"), "objectId": _uuid("deployer", "object"),
                    "subscriptionId": SUBSCRIPTION, "tenantId": TENANT}
        if args.token == "azure-native:containerservice:listManagedClusterUserCredentials":
            value = base64.b64encode(KUBECONFIG.encode()).decode()
            return {"kubeconfigs": [{"name": "clusterUser", "value": value}]}
        if args.token == "azure-native:redis:listRedisKeys":
            return {"primaryKey": "offline-plan-key", "secondaryKey": "offline-plan-key"}
        return {}
