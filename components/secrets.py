"""Key Vault secrets named ``{service}--{category}--{name}`` and the access matrix as RBAC.

Services get secrets one by one through a custom role that allows ``getSecret`` and
nothing else: no list, no write. Key users may encrypt/decrypt with their keys only.
"""

import uuid
from dataclasses import dataclass

import pulumi
import pulumi_random as random
from pulumi_azure_native import authorization, keyvault

from components.identity import ServiceIdentity
from stacks.access import ServiceAccess

SECRET_GET = "Microsoft.KeyVault/vaults/secrets/getSecret/action"
KEY_USE = [
    "Microsoft.KeyVault/vaults/keys/read",
    "Microsoft.KeyVault/vaults/keys/encrypt/action",
    "Microsoft.KeyVault/vaults/keys/decrypt/action",
]


@dataclass(frozen=True)
class SecretValue:
    """A secret's value (always a Pulumi secret) and its content type."""

    value: pulumi.Input[str]
    content_type: str


@dataclass(frozen=True)
class VaultSecretsArgs:
    """The vault, the values to put in it, and who may read what."""

    stack: str
    resource_group_name: pulumi.Input[str]
    vault_name: pulumi.Input[str]
    vault_id: pulumi.Input[str]
    key_ids: dict[str, pulumi.Input[str]]
    values: dict[str, SecretValue]
    access: dict[str, ServiceAccess]
    identities: dict[str, ServiceIdentity]
    tags: dict[str, str]


class VaultSecrets(pulumi.ComponentResource):
    """Secrets in one vault and per-secret, get-only role assignments for each service."""

    def __init__(self, name: str, args: VaultSecretsArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:keyvault:VaultSecrets", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        _check_matrix(args)

        secret_ids: dict[str, pulumi.Output[str]] = {}
        for secret_name, secret in sorted(args.values.items()):
            created = keyvault.Secret(
                f"{name}-{secret_name}",
                resource_group_name=args.resource_group_name,
                vault_name=args.vault_name,
                secret_name=secret_name,
                properties=keyvault.SecretPropertiesArgs(
                    value=pulumi.Output.secret(secret.value), content_type=secret.content_type
                ),
                tags={**args.tags, "service": secret_name.split("--")[0]},
                opts=pulumi.ResourceOptions(parent=self, additional_secret_outputs=["properties"]),
            )
            secret_ids[secret_name] = created.id

        reader = authorization.RoleDefinition(
            f"{name}-secret-getter",
            role_definition_id=_guid(args.stack, "secret-getter"),
            role_name=f"dataspace secret getter ({args.stack})",
            description="Get one secret's value; no list, no write.",
            scope=args.vault_id,
            assignable_scopes=[args.vault_id],
            permissions=[authorization.PermissionArgs(data_actions=[SECRET_GET])],
            opts=child,
        )
        key_user = authorization.RoleDefinition(
            f"{name}-key-user",
            role_definition_id=_guid(args.stack, "key-user"),
            role_name=f"dataspace key user ({args.stack})",
            description="Encrypt and decrypt with one key; no key management.",
            scope=args.vault_id,
            assignable_scopes=[args.vault_id],
            permissions=[authorization.PermissionArgs(data_actions=KEY_USE)],
            opts=child,
        )

        for service, grants in sorted(args.access.items()):
            principal = args.identities[service].principal_id
            for secret_name in grants.secrets:
                self._assign(name, args.stack, service, secret_name, secret_ids[secret_name],
                             reader.id, principal)
            for key_name in grants.keys:
                self._assign(name, args.stack, service, key_name, args.key_ids[key_name],
                             key_user.id, principal)

        self.secret_names = sorted(secret_ids)
        self.register_outputs({"secret_names": self.secret_names})

    def _assign(self, name, stack, service, target, scope, role_id, principal) -> None:
        authorization.RoleAssignment(
            f"{name}-{service}-{target}",
            role_assignment_name=_guid(stack, service, target),
            scope=scope,
            role_definition_id=role_id,
            principal_id=principal,
            principal_type="ServicePrincipal",
            description=f"{service} may use {target}",
            opts=pulumi.ResourceOptions(parent=self),
        )


def _guid(*parts: str) -> str:
    """Role definitions and assignments are named by GUID; derive a stable one."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "dataspace/" + "/".join(parts)))


def _check_matrix(args: VaultSecretsArgs) -> None:
    for service, grants in args.access.items():
        unknown = [s for s in grants.secrets if s not in args.values]
        unknown += [k for k in grants.keys if k not in args.key_ids]
        if unknown:
            raise ValueError(f"access matrix: {service} is granted {unknown}, which the vault lacks")


@dataclass(frozen=True)
class PasswordsArgs:
    """Which passwords to generate, and how long each is."""

    lengths: dict[str, int]


class Passwords(pulumi.ComponentResource):
    """Generated passwords; they live only in encrypted Pulumi state and in the vault."""

    def __init__(self, name: str, args: PasswordsArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:keyvault:Passwords", name, None, opts)
        self.values: dict[str, pulumi.Output[str]] = {
            key: random.RandomPassword(
                f"{name}-{key}", length=length, special=False,
                opts=pulumi.ResourceOptions(parent=self),
            ).result
            for key, length in sorted(args.lengths.items())
        }
        self.register_outputs({"names": sorted(self.values)})
