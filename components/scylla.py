"""Scylla Operator (with cert-manager) and one ScyllaCluster per region.

The operator has no keyspace resource: keyspaces and tables come from the CQL
migrations the migration Job applies (see components/workers.py).
"""

from dataclasses import dataclass

import pulumi
import pulumi_kubernetes as k8s

from components import charts

SCYLLA_VERSION = "6.2.2"
AGENT_VERSION = "3.4.0"
NAMESPACE = "scylla"


@dataclass(frozen=True)
class ScyllaArgs:
    """Datacenter name and size of the region's cluster."""

    provider: k8s.Provider
    datacenter: str
    members: int
    storage_gi: int
    production: bool


class Scylla(pulumi.ComponentResource):
    """A one-datacenter ScyllaCluster of ``members`` nodes on premium SSDs.

    Client TLS comes from the operator's automatic TLS certificates.
    Limitations: Scylla Manager (repairs, backups to blob storage) is not declared yet.
    """

    def __init__(self, name: str, args: ScyllaArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:scylla:Scylla", name, None, opts)
        child = pulumi.ResourceOptions(parent=self, provider=args.provider)

        cert_manager = charts.install(
            f"{name}-cert-manager", charts.CERT_MANAGER, "cert-manager",
            {"crds": {"enabled": True}}, child,
        )
        operator = charts.install(
            f"{name}-operator", charts.SCYLLA_OPERATOR, "scylla-operator", {},
            pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[cert_manager])),
        )

        namespace = k8s.core.v1.Namespace(
            f"{name}-ns", metadata={"name": NAMESPACE}, opts=child
        )
        cpu, memory = ("4", "16Gi") if args.production else ("1", "4Gi")
        self.cluster = k8s.apiextensions.CustomResource(
            f"{name}-cluster",
            api_version="scylla.scylladb.com/v1",
            kind="ScyllaCluster",
            metadata={"name": name, "namespace": namespace.metadata["name"]},
            spec={
                "version": SCYLLA_VERSION,
                "agentVersion": AGENT_VERSION,
                "developerMode": not args.production,
                "automaticOrphanedNodeCleanup": True,
                "datacenter": {
                    "name": args.datacenter,
                    "racks": [
                        {
                            "name": f"{args.datacenter}-rack1",
                            "members": args.members,
                            "storage": {
                                "capacity": f"{args.storage_gi}Gi",
                                "storageClassName": "managed-csi-premium",
                            },
                            "resources": {
                                "requests": {"cpu": cpu, "memory": memory},
                                "limits": {"cpu": cpu, "memory": memory},
                            },
                        }
                    ],
                },
            },
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(
                depends_on=[operator])),
        )
        self.hosts = f"{name}-client.{NAMESPACE}.svc"
        self.register_outputs({"datacenter": args.datacenter, "hosts": self.hosts})

