"""MongoDB Atlas: a project per stack, a replica set on Azure with backups, customer-key
encryption at rest and a private endpoint into the region's VNet."""

from dataclasses import dataclass

import pulumi
import pulumi_mongodbatlas as atlas
from pulumi_azure_native import network

DATABASE = "smartbuild"


@dataclass(frozen=True)
class AtlasArgs:
    """Project, cluster size and the Azure side (key, subnet) of one region."""

    org_id: str
    project_name: str
    atlas_region: str
    instance_size: str
    electable_nodes: int
    backup: bool
    point_in_time: bool
    snapshot_retention_days: int
    termination_protection: bool
    # Encryption at rest: the Key Vault key of the same region, reached by an app registration.
    kms_client_id: str
    kms_client_secret: pulumi.Input[str]
    tenant_id: pulumi.Input[str]
    subscription_id: pulumi.Input[str]
    key_vault_resource_group: pulumi.Input[str]
    key_vault_name: pulumi.Input[str]
    key_identifier: pulumi.Input[str]
    # Private endpoint on the Azure side.
    resource_group_name: pulumi.Input[str]
    location: str
    endpoint_subnet_id: pulumi.Input[str]
    app_user: str
    app_password: pulumi.Input[str]
    tags: dict[str, str]


class AtlasCluster(pulumi.ComponentResource):
    """An Atlas project and replica set reachable only through a private endpoint.

    Backups stay in the cluster's own region: no snapshot copy to another region.
    Limitations: global-cluster zone sharding across US regions is not declared; each
    region runs its own replica set.
    """

    project_id: pulumi.Output[str]
    connection_string: pulumi.Output[str]

    def __init__(self, name: str, args: AtlasArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:atlas:AtlasCluster", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        project = atlas.Project(
            f"{name}-project",
            name=args.project_name,
            org_id=args.org_id,
            with_default_alerts_settings=True,
            tags=args.tags,
            opts=child,
        )

        encryption = atlas.EncryptionAtRest(
            f"{name}-encryption",
            project_id=project.id,
            azure_key_vault_config=atlas.EncryptionAtRestAzureKeyVaultConfigArgs(
                enabled=True,
                azure_environment="AZURE",
                client_id=args.kms_client_id,
                secret=args.kms_client_secret,
                tenant_id=args.tenant_id,
                subscription_id=args.subscription_id,
                resource_group_name=args.key_vault_resource_group,
                key_vault_name=args.key_vault_name,
                key_identifier=args.key_identifier,
                require_private_networking=True,
            ),
            opts=child,
        )

        cluster = atlas.AdvancedCluster(
            f"{name}-cluster",
            project_id=project.id,
            name=f"{args.project_name}-main",
            cluster_type="REPLICASET",
            mongo_db_major_version="8.0",
            backup_enabled=args.backup,
            pit_enabled=args.point_in_time,
            encryption_at_rest_provider="AZURE",
            termination_protection_enabled=args.termination_protection,
            replication_specs=[
                atlas.AdvancedClusterReplicationSpecArgs(
                    region_configs=[
                        atlas.AdvancedClusterReplicationSpecRegionConfigArgs(
                            provider_name="AZURE",
                            region_name=args.atlas_region,
                            priority=7,
                            electable_specs=atlas.AdvancedClusterReplicationSpecRegionConfigElectableSpecsArgs(
                                instance_size=args.instance_size,
                                node_count=args.electable_nodes,
                            ),
                        )
                    ]
                )
            ],
            advanced_configuration=atlas.AdvancedClusterAdvancedConfigurationArgs(
                minimum_enabled_tls_protocol="TLS1_2",
                javascript_enabled=False,
                default_write_concern="majority",
                oplog_min_retention_hours=24,
            ),
            tags=args.tags,
            opts=pulumi.ResourceOptions(parent=self, depends_on=[encryption]),
        )

        if args.backup:
            keep = args.snapshot_retention_days
            atlas.CloudBackupSchedule(
                f"{name}-backup",
                project_id=project.id,
                cluster_name=cluster.name,
                reference_hour_of_day=2,
                reference_minute_of_hour=0,
                restore_window_days=min(keep, 7),
                policy_item_daily=atlas.CloudBackupSchedulePolicyItemDailyArgs(
                    frequency_interval=1, retention_unit="days", retention_value=keep
                ),
                opts=child,
            )

        self._private_endpoint(name, args, project)

        atlas.DatabaseUser(
            f"{name}-app-user",
            project_id=project.id,
            username=args.app_user,
            password=args.app_password,
            auth_database_name="admin",
            roles=[atlas.DatabaseUserRoleArgs(role_name="readWrite", database_name=DATABASE)],
            scopes=[atlas.DatabaseUserScopeArgs(name=cluster.name, type="CLUSTER")],
            opts=child,
        )

        self.project_id = project.id
        self.cluster_name = cluster.name
        self.connection_string = cluster.connection_strings.apply(_private_srv)
        self.register_outputs(
            {"project_id": project.id, "cluster_name": cluster.name}
        )

    def _private_endpoint(self, name: str, args: AtlasArgs, project: atlas.Project) -> None:
        child = pulumi.ResourceOptions(parent=self)
        service = atlas.PrivateLinkEndpoint(
            f"{name}-privatelink",
            project_id=project.id,
            provider_name="AZURE",
            region=args.atlas_region,
            opts=child,
        )
        endpoint = network.PrivateEndpoint(
            f"{name}-endpoint",
            resource_group_name=args.resource_group_name,
            location=args.location,
            subnet=network.SubnetArgs(id=args.endpoint_subnet_id),
            manual_private_link_service_connections=[
                network.PrivateLinkServiceConnectionArgs(
                    name="atlas",
                    private_link_service_id=service.private_link_service_resource_id,
                )
            ],
            tags=args.tags,
            opts=child,
        )
        atlas.PrivateLinkEndpointService(
            f"{name}-privatelink-service",
            project_id=project.id,
            private_link_id=service.private_link_id,
            endpoint_service_id=endpoint.id,
            private_endpoint_ip_address=endpoint.custom_dns_configs.apply(
                lambda cfgs: cfgs[0].ip_addresses[0] if cfgs else ""
            ),
            provider_name="AZURE",
            opts=child,
        )


def _private_srv(strings) -> str:
    """The private-endpoint SRV string; empty until the endpoint is connected."""
    if not strings:
        return ""
    first = strings[0] if isinstance(strings, list) else strings
    endpoints = getattr(first, "private_endpoints", None) or []
    if endpoints and endpoints[0].srv_connection_string:
        return endpoints[0].srv_connection_string
    return getattr(first, "standard_srv", None) or ""
