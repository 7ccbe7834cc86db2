"""Regional AKS cluster with OIDC issuer and workload identity, and a Kubernetes provider for it."""

import base64
from dataclasses import dataclass

import pulumi
import pulumi_kubernetes as k8s
from pulumi_azure_native import containerservice as aks


@dataclass(frozen=True)
class AksArgs:
    """Cluster placement and size."""

    resource_group_name: pulumi.Input[str]
    location: str
    subnet_id: pulumi.Input[str]
    vm_size: str
    node_count: int
    tags: dict[str, str]


class Aks(pulumi.ComponentResource):
    """A private AKS cluster (Entra RBAC, no local accounts) whose pods use workload identity.

    Limitations: one system node pool; workloads share it with the operators.
    """

    oidc_issuer_url: pulumi.Output[str]
    provider: k8s.Provider

    def __init__(self, name: str, args: AksArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:aks:Aks", name, None, opts)

        cluster = aks.ManagedCluster(
            f"{name}-cluster",
            resource_group_name=args.resource_group_name,
            location=args.location,
            dns_prefix=name,
            identity=aks.ManagedClusterIdentityArgs(type=aks.ResourceIdentityType.SYSTEM_ASSIGNED),
            agent_pool_profiles=[
                aks.ManagedClusterAgentPoolProfileArgs(
                    name="system",
                    mode="System",
                    vm_size=args.vm_size,
                    count=args.node_count,
                    min_count=args.node_count,
                    max_count=args.node_count * 2,
                    enable_auto_scaling=True,
                    os_type="Linux",
                    vnet_subnet_id=args.subnet_id,
                    enable_node_public_ip=False,
                    enable_encryption_at_host=True,
                )
            ],
            network_profile=aks.ContainerServiceNetworkProfileArgs(
                network_plugin="azure",
                network_plugin_mode="overlay",
                network_policy="cilium",
                network_dataplane="cilium",
                load_balancer_sku="standard",
                outbound_type="loadBalancer",
            ),
            api_server_access_profile=aks.ManagedClusterAPIServerAccessProfileArgs(
                enable_private_cluster=True,
            ),
            aad_profile=aks.ManagedClusterAADProfileArgs(managed=True, enable_azure_rbac=True),
            disable_local_accounts=True,
            enable_rbac=True,
            oidc_issuer_profile=aks.ManagedClusterOIDCIssuerProfileArgs(enabled=True),
            security_profile=aks.ManagedClusterSecurityProfileArgs(
                workload_identity=aks.ManagedClusterSecurityProfileWorkloadIdentityArgs(
                    enabled=True
                ),
            ),
            tags=args.tags,
            opts=pulumi.ResourceOptions(parent=self),
        )

        creds = aks.list_managed_cluster_user_credentials_output(
            resource_group_name=args.resource_group_name,
            resource_name=cluster.name,
            format="exec",
        )
        kubeconfig = pulumi.Output.secret(
            creds.kubeconfigs[0].value.apply(lambda v: base64.b64decode(v).decode())
        )
        self.provider = k8s.Provider(
            f"{name}-k8s",
            kubeconfig=kubeconfig,
            enable_server_side_apply=True,
            opts=pulumi.ResourceOptions(parent=self),
        )

        self.cluster_name = cluster.name
        self.oidc_issuer_url = cluster.oidc_issuer_profile.apply(
            lambda p: p.issuer_url if p else ""
        )
        self.register_outputs(
            {"cluster_name": cluster.name, "oidc_issuer_url": self.oidc_issuer_url}
        )
