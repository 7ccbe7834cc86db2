"""Regional network: resource group, VNet, subnets (one delegated to SQL MI), private DNS."""

import ipaddress
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import network, privatedns, resources

# Private DNS zones for the private endpoints the platform creates.
# https://learn.microsoft.com/azure/private-link/private-endpoint-dns
PRIVATE_DNS_ZONES = {
    "vault": "privatelink.vaultcore.azure.net",
    "redis": "privatelink.redis.cache.windows.net",
    "atlas": "privatelink.mongodb.net",
}


@dataclass(frozen=True)
class NetworkArgs:
    """Where the network lives and which address space it takes."""

    location: str
    cidr: str
    tags: dict[str, str]


class Network(pulumi.ComponentResource):
    """Resource group, VNet with AKS, SQL MI and private-endpoint subnets, private DNS zones.

    Limitations: no peering between regions; each region is reachable only from itself.
    """

    resource_group_name: pulumi.Output[str]
    vnet_id: pulumi.Output[str]
    aks_subnet_id: pulumi.Output[str]
    sql_subnet_id: pulumi.Output[str]
    endpoint_subnet_id: pulumi.Output[str]

    def __init__(self, name: str, args: NetworkArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:network:Network", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        aks_cidr, sql_cidr, endpoint_cidr = _subnets(args.cidr)

        group = resources.ResourceGroup(
            f"{name}-rg",
            resource_group_name=f"rg-{name}",
            location=args.location,
            tags=args.tags,
            opts=child,
        )
        rg = group.name

        vnet = network.VirtualNetwork(
            f"{name}-vnet",
            resource_group_name=rg,
            location=args.location,
            address_space=network.AddressSpaceArgs(address_prefixes=[args.cidr]),
            tags=args.tags,
            opts=child,
        )

        aks = network.Subnet(
            f"{name}-aks",
            resource_group_name=rg,
            virtual_network_name=vnet.name,
            address_prefix=aks_cidr,
            default_outbound_access=False,
            opts=child,
        )

        # SQL MI requires a dedicated subnet delegated to it, with an NSG and a route table.
        # https://learn.microsoft.com/azure/azure-sql/managed-instance/vnet-subnet-determine-size
        nsg = network.NetworkSecurityGroup(
            f"{name}-sqlmi-nsg", resource_group_name=rg, location=args.location,
            tags=args.tags, opts=child,
        )
        routes = network.RouteTable(
            f"{name}-sqlmi-routes", resource_group_name=rg, location=args.location,
            disable_bgp_route_propagation=False, tags=args.tags, opts=child,
        )
        sql = network.Subnet(
            f"{name}-sqlmi",
            resource_group_name=rg,
            virtual_network_name=vnet.name,
            address_prefix=sql_cidr,
            network_security_group=network.NetworkSecurityGroupArgs(id=nsg.id),
            route_table=network.RouteTableArgs(id=routes.id),
            delegations=[
                network.DelegationArgs(
                    name="sqlmi", service_name="Microsoft.Sql/managedInstances"
                )
            ],
            default_outbound_access=False,
            opts=pulumi.ResourceOptions(parent=self, depends_on=[aks]),
        )

        endpoints = network.Subnet(
            f"{name}-endpoints",
            resource_group_name=rg,
            virtual_network_name=vnet.name,
            address_prefix=endpoint_cidr,
            private_endpoint_network_policies="Enabled",
            default_outbound_access=False,
            opts=pulumi.ResourceOptions(parent=self, depends_on=[sql]),
        )

        self.dns_zone_ids: dict[str, pulumi.Output[str]] = {}
        for key, zone_name in PRIVATE_DNS_ZONES.items():
            zone = privatedns.PrivateZone(
                f"{name}-dns-{key}",
                resource_group_name=rg,
                private_zone_name=zone_name,
                location="global",
                tags=args.tags,
                opts=child,
            )
            privatedns.VirtualNetworkLink(
                f"{name}-dns-{key}-link",
                resource_group_name=rg,
                private_zone_name=zone.name,
                location="global",
                registration_enabled=False,
                virtual_network=privatedns.SubResourceArgs(id=vnet.id),
                tags=args.tags,
                opts=child,
            )
            self.dns_zone_ids[key] = zone.id

        self.resource_group_name = rg
        self.vnet_id = vnet.id
        self.aks_subnet_id = aks.id
        self.sql_subnet_id = sql.id
        self.endpoint_subnet_id = endpoints.id
        self.register_outputs(
            {
                "resource_group_name": rg,
                "vnet_id": vnet.id,
                "aks_subnet_id": aks.id,
                "sql_subnet_id": sql.id,
                "endpoint_subnet_id": endpoints.id,
            }
        )


def _subnets(cidr: str) -> tuple[str, str, str]:
    """AKS takes a /20, SQL MI a /24 and private endpoints a /24 of the region's space."""
    space = ipaddress.ip_network(cidr)
    aks = next(space.subnets(new_prefix=20))
    rest = list(space.subnets(new_prefix=24))
    return str(aks), str(rest[16]), str(rest[17])
