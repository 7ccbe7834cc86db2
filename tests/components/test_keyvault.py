"""The vault is locked down and the access matrix is get-only, secret by secret."""

import re

import pytest

from stacks.access import ACCESS
from tests.conftest import of_type

CLOUD = ["dev", "staging", "prod-useast", "prod-uswest", "prod-eu"]
# From the guide's access matrix, by secret name.
GUIDE_SECRETS = {
    "api-gateway--jwt--secret", "device-service--mongodb--connection-string",
    "user-service--azuresql--connection-string", "notification-service--twilio--api-key",
    "notification-service--sendgrid--api-key", "analytics-ingestion--scylladb--password",
    "kafka--cluster--sasl-password", "redis--cluster--auth-token",
    "agentic-ai--google--gemini-api-key", "prometheus--basic--auth-password",
}
# Not in the guide, which has no broker credentials: the Artemis admin password, generated
# per stack, which the schema migrator reads to reconcile addresses over Jolokia and KEDA's
# operator to read queue depths there.
PLATFORM_SECRETS = {"artemis--management--password"}


@pytest.mark.parametrize("stack", CLOUD)
def test_vault_has_soft_delete_purge_protection_rbac_and_no_public_access(plans, stack):
    (vault,) = of_type(plans[stack], "azure-native:keyvault:Vault")
    props = vault["props"]["properties"]
    assert props["enableSoftDelete"] is True
    assert props["softDeleteRetentionInDays"] == 90
    assert props["enablePurgeProtection"] is True
    assert props["enableRbacAuthorization"] is True
    assert props["publicNetworkAccess"] == "Disabled"
    assert props["networkAcls"]["defaultAction"] == "Deny"


@pytest.mark.parametrize("stack", CLOUD)
def test_secrets_follow_the_naming_convention_and_are_never_plain(plans, stack):
    secrets = of_type(plans[stack], "azure-native:keyvault:Secret")
    names = {s["props"]["secretName"] for s in secrets}
    expected = GUIDE_SECRETS | PLATFORM_SECRETS
    assert expected <= names, expected - names
    for secret in secrets:
        assert re.fullmatch(r"[a-z0-9-]+--[a-z0-9-]+--[a-z0-9-]+", secret["props"]["secretName"])
        assert secret["props"]["properties"]["value"] == "[secret]", secret["urn"]


def test_only_the_eu_vault_holds_the_gdpr_audit_key(plans):
    for stack in CLOUD:
        keys = {k["props"]["keyName"] for k in of_type(plans[stack], "azure-native:keyvault:Key")}
        assert ("gdpr--audit--encryption-key" in keys) == (stack == "prod-eu"), stack


@pytest.mark.parametrize("stack", ["prod-eu", "dev"])
def test_each_grant_of_the_matrix_is_one_get_only_assignment(plans, stack):
    plan = plans[stack]
    getter = next(d for d in of_type(plan, "azure-native:authorization:RoleDefinition")
              if d["name"].endswith("secret-getter"))
    assert getter["props"]["permissions"] == [
        {"dataActions": ["Microsoft.KeyVault/vaults/secrets/getSecret/action"]}]
    secret_ids = {s["props"]["secretName"]: f"/subscriptions/00000000-0000-0000-0000-000000000000"
                  f"/resourceGroups/rg-{stack}/providers/keyvault/{s['name']}"
                  for s in of_type(plan, "azure-native:keyvault:Secret")}
    assignments = {a["name"]: a["props"] for a in
                   of_type(plan, "azure-native:authorization:RoleAssignment")}
    for service, grants in ACCESS.items():
        for secret in grants.secrets:
            props = assignments[f"{stack}-secrets-{service}-{secret}"]
            assert props["scope"] == secret_ids[secret]
            assert props["principalType"] == "ServicePrincipal"
    granted = sum(len(g.secrets) + len(g.keys) for g in ACCESS.values())
    matrix = [n for n in assignments if n.startswith(f"{stack}-secrets-")]
    assert len(matrix) == granted


@pytest.mark.parametrize("stack", CLOUD)
def test_only_the_migrator_and_keda_may_get_the_artemis_admin_password(plans, stack):
    readers = {a["props"]["description"].split(" may use ")[0]
               for a in of_type(plans[stack], "azure-native:authorization:RoleAssignment")
               if a["props"].get("description", "").endswith(" may use artemis--management--password")}
    assert readers == {"schema-migrator", "keda-operator"}
