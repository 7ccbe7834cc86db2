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
TLS_PORT = 9142


@dataclass(frozen=True)
class ScyllaArgs:
    """Datacenter name and size of the region's cluster."""

    provider: k8s.Provider
    datacenter: str
    members: int
    storage_gi: int
    production: bool


@dataclass(frozen=True)
class ScyllaClient:
    """What a pod in the cluster's namespace mounts to speak CQL over TLS on ``TLS_PORT``."""

    namespace: str
    ca_bundle: str  # ConfigMap, key ca-bundle.crt (never the Secret of the same name)
    client_certificate: str  # Secret, keys tls.crt and tls.key
    cluster: pulumi.Resource  # the ScyllaCluster, whose operator creates both


class Scylla(pulumi.ComponentResource):
    """A one-datacenter ScyllaCluster of ``members`` nodes on premium SSDs.

    The operator's AutomaticTLSCertificates feature gate (on by default since v1.11; the
    chart's values leave it on) serves CQL over TLS on ``TLS_PORT`` (9142), beside plaintext
    9042, and requires a client certificate there. A client trusts the CA bundle in the
    ConfigMap ``client.ca_bundle`` (key ``ca-bundle.crt``; the Secret of the same name holds
    the CA's private key and must not be mounted) and presents the admin certificate in the
    Secret ``client.client_certificate`` (``tls.crt``, ``tls.key``), both in ``scylla``. A
    pod mounts its own namespace's objects only, so the migration Job runs in ``scylla``
    (components/workers.py) and mounts both, following the operator's rotation.

    The serving certificate names each member Service's ClusterIP (and names under
    ``spec.dnsDomains``, unset here), not the ``<name>-client`` Service, so ``hosts`` lists
    the member Services: the driver resolves them and checks the certificate for that IP.

    Limitations: authentication is off: no ``scyllaConfig`` sets PasswordAuthenticator and
    nothing creates the migrator's role or gives the cluster the generated
    ``analytics-ingestion--scylladb--password``, so the password a client sends is not
    checked (the client certificate is checked, on 9142 only). Scylla Manager (repairs, backups to blob storage) is not declared yet. See
    scylladb/scylla-operator docs/source/resources/scyllaclusters/clients/cql.md and
    pkg/controller/scyllacluster/sync_certs.go (the serving certificate's names).
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
        rack = f"{args.datacenter}-rack1"
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
                            "name": rack,
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
        self.client = ScyllaClient(
            NAMESPACE, f"{name}-local-serving-ca", f"{name}-local-user-admin", self.cluster)
        # Member Services are named <cluster>-<datacenter>-<rack>-<ordinal>.
        self.hosts = ",".join(
            f"{name}-{args.datacenter}-{rack}-{i}.{NAMESPACE}.svc" for i in range(args.members))
        self.register_outputs({"datacenter": args.datacenter, "hosts": self.hosts})

