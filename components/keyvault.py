"""Regional Key Vault: RBAC only, soft delete 90 days, purge protection, private endpoint, keys."""

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import keyvault, network

from stacks.access import KeySpec

SOFT_DELETE_DAYS = 90


@dataclass(frozen=True)
class KeyVaultArgs:
    """Vault placement, its keys and the private endpoint it is reached through."""

    vault_name: str
    resource_group_name: pulumi.Input[str]
    location: str
    tenant_id: pulumi.Input[str]
    endpoint_subnet_id: pulumi.Input[str]
    dns_zone_id: pulumi.Input[str]
    keys: dict[str, KeySpec]
    premium: bool
    tags: dict[str, str]


class KeyVault(pulumi.ComponentResource):
    """A Key Vault no one reaches from the internet, and the platform's encryption keys.

    Keys rotate yearly and expire after two years; in a premium vault they are HSM-backed.
    """

    vault_id: pulumi.Output[str]
    vault_name: pulumi.Output[str]
    vault_uri: pulumi.Output[str]

    def __init__(self, name: str, args: KeyVaultArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:keyvault:KeyVault", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        vault = keyvault.Vault(
            f"{name}-vault",
            vault_name=args.vault_name,
            resource_group_name=args.resource_group_name,
            location=args.location,
            properties=keyvault.VaultPropertiesArgs(
                tenant_id=args.tenant_id,
                sku=keyvault.SkuArgs(family="A", name="premium" if args.premium else "standard"),
                enable_rbac_authorization=True,
                enable_soft_delete=True,
                soft_delete_retention_in_days=SOFT_DELETE_DAYS,
                enable_purge_protection=True,
                public_network_access="Disabled",
                network_acls=keyvault.NetworkRuleSetArgs(default_action="Deny", bypass="None"),
            ),
            tags=args.tags,
            opts=child,
        )

        endpoint = network.PrivateEndpoint(
            f"{name}-endpoint",
            resource_group_name=args.resource_group_name,
            location=args.location,
            subnet=network.SubnetArgs(id=args.endpoint_subnet_id),
            private_link_service_connections=[
                network.PrivateLinkServiceConnectionArgs(
                    name="vault", private_link_service_id=vault.id, group_ids=["vault"]
                )
            ],
            tags=args.tags,
            opts=child,
        )
        network.PrivateDnsZoneGroup(
            f"{name}-endpoint-dns",
            resource_group_name=args.resource_group_name,
            private_endpoint_name=endpoint.name,
            private_dns_zone_configs=[
                network.PrivateDnsZoneConfigArgs(name="vault", private_dns_zone_id=args.dns_zone_id)
            ],
            opts=child,
        )

        self.key_uris: dict[str, pulumi.Output[str]] = {}
        self.key_ids: dict[str, pulumi.Output[str]] = {}
        for key_name, spec in args.keys.items():
            key = keyvault.Key(
                f"{name}-{key_name}",
                resource_group_name=args.resource_group_name,
                vault_name=vault.name,
                key_name=key_name,
                properties=keyvault.KeyPropertiesArgs(
                    kty="RSA-HSM" if args.premium else "RSA",
                    key_size=spec.size,
                    key_ops=list(spec.ops),
                    rotation_policy=keyvault.RotationPolicyArgs(
                        attributes=keyvault.KeyRotationPolicyAttributesArgs(expiry_time="P2Y"),
                        lifetime_actions=[
                            keyvault.LifetimeActionArgs(
                                action=keyvault.ActionArgs(type="rotate"),
                                trigger=keyvault.TriggerArgs(time_after_create="P1Y"),
                            ),
                            keyvault.LifetimeActionArgs(
                                action=keyvault.ActionArgs(type="notify"),
                                trigger=keyvault.TriggerArgs(time_before_expiry="P30D"),
                            ),
                        ],
                    ),
                ),
                tags=args.tags,
                opts=child,
            )
            self.key_uris[key_name] = key.key_uri_with_version
            self.key_ids[key_name] = key.id

        self.vault_id = vault.id
        self.vault_name = vault.name
        self.vault_uri = vault.properties.apply(lambda p: p.vault_uri)
        self.register_outputs(
            {"vault_id": vault.id, "vault_name": vault.name, "vault_uri": self.vault_uri}
        )
