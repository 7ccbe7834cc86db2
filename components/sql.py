"""Azure SQL Managed Instance: private, TLS 1.2, Entra-only auth, TDE with a customer key."""

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import authorization, managedidentity, sql

from components.identity import ServiceIdentity

DATABASE = "smartbuild"
# Built-in "Key Vault Crypto Service Encryption User": wrap/unwrap with the TDE key.
CRYPTO_SERVICE_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6"


@dataclass(frozen=True)
class FailoverPartner:
    """The instance this one fails over to, and the partner's Azure location."""

    managed_instance_id: pulumi.Input[str]
    location: str


@dataclass(frozen=True)
class SqlArgs:
    """Instance size, network, keys and (for the primary region) the failover partner."""

    resource_group_name: pulumi.Input[str]
    location: str
    subnet_id: pulumi.Input[str]
    subscription_scope: pulumi.Input[str]
    tenant_id: pulumi.Input[str]
    tde_key_id: pulumi.Input[str]
    tde_key_uri: pulumi.Input[str]
    admin: ServiceIdentity
    sku: str
    vcores: int
    storage_gb: int
    zone_redundant: bool
    backup_redundancy: str
    ltr_weeks: int
    dns_zone_partner_id: pulumi.Input[str] | None
    failover_partner: FailoverPartner | None
    tags: dict[str, str]


class SqlManagedInstance(pulumi.ComponentResource):
    """One SQL Managed Instance with the ``smartbuild`` database.

    The schema migrator's managed identity is the Entra admin; SQL logins are off.
    Limitations: point-in-time restore keeps the service default (7 days); the SDK
    exposes no short-term retention policy for managed databases.
    """

    managed_instance_id: pulumi.Output[str]
    fqdn: pulumi.Output[str]

    def __init__(self, name: str, args: SqlArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:sql:SqlManagedInstance", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        # A user-assigned identity exists before the instance, so the key grant can too.
        identity = managedidentity.UserAssignedIdentity(
            f"{name}-identity",
            resource_group_name=args.resource_group_name,
            location=args.location,
            tags=args.tags,
            opts=child,
        )
        grant = authorization.RoleAssignment(
            f"{name}-tde-key-grant",
            scope=args.tde_key_id,
            role_definition_id=pulumi.Output.concat(
                args.subscription_scope,
                "/providers/Microsoft.Authorization/roleDefinitions/",
                CRYPTO_SERVICE_USER,
            ),
            principal_id=identity.principal_id,
            principal_type="ServicePrincipal",
            opts=child,
        )

        tier = "BusinessCritical" if args.sku.startswith("BC") else "GeneralPurpose"
        instance = sql.ManagedInstance(
            f"{name}-mi",
            resource_group_name=args.resource_group_name,
            location=args.location,
            sku=sql.SkuArgs(name=args.sku, tier=tier, family="Gen5"),
            v_cores=args.vcores,
            storage_size_in_gb=args.storage_gb,
            subnet_id=args.subnet_id,
            license_type="LicenseIncluded",
            minimal_tls_version="1.2",
            public_data_endpoint_enabled=False,
            proxy_override="Redirect",
            zone_redundant=args.zone_redundant,
            requested_backup_storage_redundancy=args.backup_redundancy,
            identity=sql.ResourceIdentityArgs(
                type="UserAssigned", user_assigned_identities=[identity.id]
            ),
            primary_user_assigned_identity_id=identity.id,
            key_id=args.tde_key_uri,
            administrators=sql.ManagedInstanceExternalAdministratorArgs(
                administrator_type="ActiveDirectory",
                principal_type="Application",
                login=args.admin.name,
                sid=args.admin.principal_id,
                tenant_id=args.tenant_id,
                azure_ad_only_authentication=True,
            ),
            dns_zone_partner=args.dns_zone_partner_id,
            tags=args.tags,
            opts=pulumi.ResourceOptions(parent=self, depends_on=[grant]),
        )

        database = sql.ManagedDatabase(
            f"{name}-db",
            resource_group_name=args.resource_group_name,
            managed_instance_name=instance.name,
            database_name=DATABASE,
            location=args.location,
            collation="SQL_Latin1_General_CP1_CI_AS",
            tags=args.tags,
            opts=child,
        )
        sql.ManagedInstanceLongTermRetentionPolicy(
            f"{name}-ltr",
            resource_group_name=args.resource_group_name,
            managed_instance_name=instance.name,
            database_name=database.name,
            policy_name="default",
            weekly_retention=f"P{args.ltr_weeks}W",
            monthly_retention="P12M",
            week_of_year=1,
            yearly_retention="P7Y",
            opts=child,
        )

        if args.failover_partner is not None:
            partner = args.failover_partner
            sql.InstanceFailoverGroup(
                f"{name}-failover",
                resource_group_name=args.resource_group_name,
                location_name=args.location,
                failover_group_name=f"fog-{name}",
                partner_regions=[sql.PartnerRegionInfoArgs(location=partner.location)],
                managed_instance_pairs=[
                    sql.ManagedInstancePairInfoArgs(
                        primary_managed_instance_id=instance.id,
                        partner_managed_instance_id=partner.managed_instance_id,
                    )
                ],
                read_write_endpoint=sql.InstanceFailoverGroupReadWriteEndpointArgs(
                    failover_policy="Automatic",
                    failover_with_data_loss_grace_period_minutes=60,
                ),
                opts=child,
            )

        self.managed_instance_id = instance.id
        self.fqdn = instance.fully_qualified_domain_name
        self.register_outputs({"managed_instance_id": instance.id, "fqdn": self.fqdn})
