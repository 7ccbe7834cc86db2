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

    The operator's AutomaticTLSCertificates feature gate (on by default since v1.11; the
    chart's values leave it on) serves CQL over TLS on 9142, beside plaintext 9042.

    Limitations: nothing in the cluster can use that TLS port yet. The operator requires
    client certificates there (``require_client_auth: true``): a client trusts the CA
    bundle in the ConfigMap ``<name>-local-serving-ca`` (key ``ca-bundle.crt``; the Secret
    of the same name holds the CA's private key and must not be mounted) and presents the
    certificate in the Secret ``<name>-local-user-admin`` (``tls.crt``, ``tls.key``), both
    in the ``scylla`` namespace. A pod mounts ConfigMaps and Secrets of its own namespace
    only, so the migration Job (namespace ``dataspace``) needs copies of both there, kept in
    step with the operator's rotation (trust-manager for the bundle, a copier for the
    client Secret, or the Job moved to ``scylla``), and runtime/migrations/cql.py needs a CA
    file and a client certificate for its SSL context. Until then the migrator's TLS to 9042
    (every cloud stack sets tls) cannot connect. Authentication is off: no ``scyllaConfig`` sets
    PasswordAuthenticator and nothing creates the migrator's role or gives the cluster the
    generated ``analytics-ingestion--scylladb--password``, so the password a client sends
    is not checked. Scylla Manager (repairs, backups to blob storage) is not declared yet.
    See scylladb/scylla-operator docs/source/resources/scyllaclusters/clients/cql.md.
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

