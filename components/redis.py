"""Azure Cache for Redis: TLS only, private endpoint, allkeys-lru, RDB persistence in prod."""

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import authorization, managedidentity, network, storage
from pulumi_azure_native import redis as azure_redis

# Built-in "Storage Blob Data Contributor", so the cache can write its snapshots.
BLOB_CONTRIBUTOR = "ba92f5b4-2d11-453e-a403-e96b0029c9fe"


@dataclass(frozen=True)
class RedisArgs:
    """Cache size, persistence and network."""

    cache_name: str
    resource_group_name: pulumi.Input[str]
    location: str
    subscription_scope: pulumi.Input[str]
    sku: str
    family: str
    capacity: int
    persistence: bool
    endpoint_subnet_id: pulumi.Input[str]
    dns_zone_id: pulumi.Input[str]
    tags: dict[str, str]


class RedisCache(pulumi.ComponentResource):
    """One cache per region, never linked to a cache in another region.

    Limitations: Entra (AAD) auth is enabled next to access keys, because the workers'
    Redis client still authenticates with the key held in Key Vault.
    """

    host_name: pulumi.Output[str]
    primary_key: pulumi.Output[str]

    def __init__(self, name: str, args: RedisArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:redis:RedisCache", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        identity = managedidentity.UserAssignedIdentity(
            f"{name}-identity",
            resource_group_name=args.resource_group_name,
            location=args.location,
            tags=args.tags,
            opts=child,
        )
        config = azure_redis.RedisCommonPropertiesRedisConfigurationArgs(
            maxmemory_policy="allkeys-lru",
            aad_enabled="true",
        )
        depends = []
        if args.persistence:
            account, grant = self._snapshot_store(name, args, identity)
            depends.append(grant)
            config = azure_redis.RedisCommonPropertiesRedisConfigurationArgs(
                maxmemory_policy="allkeys-lru",
                aad_enabled="true",
                rdb_backup_enabled="true",
                rdb_backup_frequency="60",
                rdb_backup_max_snapshot_count="1",
                preferred_data_persistence_auth_method="ManagedIdentity",
                # No key in it (the cache signs in with its identity), but a connection
                # string is a secret by kind: a later auth method may put one there.
                rdb_storage_connection_string=pulumi.Output.secret(pulumi.Output.concat(
                    "BlobEndpoint=", account.primary_endpoints.blob, ";"
                )),
            )

        cache = azure_redis.Redis(
            f"{name}-cache",
            name=args.cache_name,
            resource_group_name=args.resource_group_name,
            location=args.location,
            sku=azure_redis.SkuArgs(name=args.sku, family=args.family, capacity=args.capacity),
            enable_non_ssl_port=False,
            minimum_tls_version="1.2",
            public_network_access="Disabled",
            redis_version="6",
            redis_configuration=config,
            identity=azure_redis.ManagedServiceIdentityArgs(
                type="UserAssigned", user_assigned_identities=[identity.id]
            ),
            tags=args.tags,
            opts=pulumi.ResourceOptions(parent=self, depends_on=depends),
        )

        endpoint = network.PrivateEndpoint(
            f"{name}-endpoint",
            resource_group_name=args.resource_group_name,
            location=args.location,
            subnet=network.SubnetArgs(id=args.endpoint_subnet_id),
            private_link_service_connections=[
                network.PrivateLinkServiceConnectionArgs(
                    name="redis", private_link_service_id=cache.id, group_ids=["redisCache"]
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
                network.PrivateDnsZoneConfigArgs(name="redis", private_dns_zone_id=args.dns_zone_id)
            ],
            opts=child,
        )

        keys = azure_redis.list_redis_keys_output(
            resource_group_name=args.resource_group_name, name=cache.name
        )
        self.host_name = cache.host_name
        self.primary_key = pulumi.Output.secret(keys.primary_key)
        self.register_outputs({"host_name": cache.host_name})

    def _snapshot_store(self, name, args, identity):
        child = pulumi.ResourceOptions(parent=self)
        account = storage.StorageAccount(
            f"{name}-snapshots",
            resource_group_name=args.resource_group_name,
            location=args.location,
            kind="StorageV2",
            sku=storage.SkuArgs(name="Standard_ZRS"),
            minimum_tls_version="TLS1_2",
            allow_blob_public_access=False,
            allow_shared_key_access=False,
            public_network_access="Disabled",
            enable_https_traffic_only=True,
            network_rule_set=storage.NetworkRuleSetArgs(default_action="Deny", bypass="AzureServices"),
            tags=args.tags,
            opts=child,
        )
        grant = authorization.RoleAssignment(
            f"{name}-snapshots-grant",
            scope=account.id,
            role_definition_id=pulumi.Output.concat(
                args.subscription_scope,
                "/providers/Microsoft.Authorization/roleDefinitions/",
                BLOB_CONTRIBUTOR,
            ),
            principal_id=identity.principal_id,
            principal_type="ServicePrincipal",
            opts=child,
        )
        return account, grant
