"""ActiveMQ Artemis through the ArtemisCloud operator: live/backup brokers, acceptors,
catalog addresses and settings as brokerProperties, and the cross-region alert bridge.

The admin user (console and Jolokia, which the migrator uses) gets a password the stack
generates and keeps in Key Vault; left empty, the operator would make one that only a
Kubernetes Secret in the broker's namespace holds.
"""

from dataclasses import dataclass

import pulumi
import pulumi_kubernetes as k8s

from runtime.artemis_config import broker_properties

# The operator's release manifest, pinned; it installs CRDs and the controller.
OPERATOR_MANIFEST = (
    "https://github.com/artemiscloud/activemq-artemis-operator/releases/download/"
    "v1.2.7/activemq-artemis-operator.yaml"
)
NAMESPACE = "messaging"
TLS_PROTOCOLS = "TLSv1.2,TLSv1.3"
BRIDGE_QUEUE = "alerts.critical"
CORE_PORT = 61617
# The web console and its Jolokia endpoint; plain HTTP and not exposed outside the cluster.
CONSOLE_PORT = 8161
ADMIN_USER = "admin"
# The operator names every broker amq-broker (its AMQ_NAME default); Jolokia's MBean names
# carry it. https://github.com/artemiscloud/activemq-artemis-operator pkg/utils/environments
BROKER_NAME = "amq-broker"


@dataclass(frozen=True)
class Acceptor:
    """A protocol listener; port pairs are (plain, TLS) as the guide lists them."""

    name: str
    protocols: str
    plain_port: int
    tls_port: int


ACCEPTORS = (
    Acceptor("amqp", "AMQP", 5672, 5671),
    Acceptor("stomp", "STOMP", 61613, 61614),
    Acceptor("mqtt", "MQTT", 1883, 8883),
    Acceptor("core", "CORE", 61616, CORE_PORT),
)


@dataclass(frozen=True)
class BridgeTarget:
    """Where critical alerts are forwarded: the partner region's core acceptor."""

    region: str
    host: str


@dataclass(frozen=True)
class ArtemisArgs:
    """Broker topology and security for one region."""

    provider: k8s.Provider
    region: str
    tls: bool
    backup: bool
    storage_gi: int
    bridge: BridgeTarget | None
    admin_password: pulumi.Input[str]


class Artemis(pulumi.ComponentResource):
    """The operator plus a live broker and, where ``backup`` is set, its replica.

    Limitations: the bridge needs network reach to the partner region (VNet peering or
    a private link), which this toolkit does not declare. The operator takes the admin
    password in the CR's spec, so whoever may read ActiveMQArtemis resources in the
    ``messaging`` namespace can read it; keep that RBAC as narrow as Key Vault's.
    """

    def __init__(self, name: str, args: ArtemisArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:artemis:Artemis", name, None, opts)
        child = pulumi.ResourceOptions(parent=self, provider=args.provider)

        operator = k8s.yaml.v2.ConfigFile(f"{name}-operator", file=OPERATOR_MANIFEST, opts=child)
        namespace = k8s.core.v1.Namespace(f"{name}-ns", metadata={"name": NAMESPACE}, opts=child)
        after = pulumi.ResourceOptions.merge(
            child, pulumi.ResourceOptions(depends_on=[operator, namespace])
        )

        common = broker_properties(args.region) + _bridge_lines(args)
        roles = [("live", "REPLICATION_PRIMARY_QUORUM_VOTING")]
        if args.backup:
            roles.append(("backup", "REPLICATION_BACKUP_QUORUM_VOTING"))
        self.broker_names = []
        for role, policy in roles:
            ha = [f"HAPolicyConfiguration={policy}"] if args.backup else []
            broker = f"{name}-{role}"
            k8s.apiextensions.CustomResource(
                broker,
                api_version="broker.amq.io/v1beta1",
                kind="ActiveMQArtemis",
                metadata={"name": broker, "namespace": NAMESPACE},
                spec=_spec(args, ha + common),
                opts=after,
            )
            self.broker_names.append(broker)

        self.register_outputs({"broker_names": self.broker_names})


def _spec(args: ArtemisArgs, properties: list[str]) -> dict:
    return {
        "deploymentPlan": {
            "size": 1,
            "persistenceEnabled": True,
            "journalType": "aio",
            "messageMigration": True,
            "requireLogin": True,
            "enableMetricsPlugin": True,
            "storage": {"size": f"{args.storage_gi}Gi", "storageClassName": "managed-csi-premium"},
            "resources": {"requests": {"cpu": "1", "memory": "2Gi"}, "limits": {"memory": "2Gi"}},
        },
        "acceptors": [_acceptor(a, args.tls) for a in ACCEPTORS],
        "adminUser": ADMIN_USER,
        "adminPassword": pulumi.Output.secret(args.admin_password),
        "console": {"expose": False},
        "brokerProperties": properties,
    }


def _acceptor(acceptor: Acceptor, tls: bool) -> dict:
    spec = {
        "name": acceptor.name,
        "protocols": acceptor.protocols,
        "port": acceptor.tls_port if tls else acceptor.plain_port,
        "sslEnabled": tls,
        "expose": False,
    }
    if tls:
        spec |= {"sslSecret": "broker-tls", "enabledProtocols": TLS_PROTOCOLS}
    return spec


def _bridge_lines(args: ArtemisArgs) -> list[str]:
    if args.bridge is None:
        return []
    target = args.bridge
    connector = f"connectorConfigurations.{target.region}"
    bridge = f"bridgeConfigurations.{args.region}-to-{target.region}"
    return [
        (f"{connector}.factoryClassName="
        "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory"),
        f"{connector}.params.host={target.host}",
        f"{connector}.params.port={CORE_PORT}",
        f"{connector}.params.sslEnabled={str(args.tls).lower()}",
        f"{connector}.params.enabledProtocols={TLS_PROTOCOLS}",
        f"{bridge}.queueName={BRIDGE_QUEUE}",
        f"{bridge}.forwardingAddress={BRIDGE_QUEUE}",
        f"{bridge}.staticConnectors={target.region}",
        f"{bridge}.useDuplicateDetection=true",
        f"{bridge}.reconnectAttempts=-1",
    ]
