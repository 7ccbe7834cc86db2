"""One passing and one failing case for every policy of the pack.

A case names a real plan (a stack's, or a stack's with one resource the program does not
declare added in its passing form), the policy finds nothing in it; then one property of
one resource changes and the policy must report exactly ``reported``. The module-level
test in test_every_policy.py requires a case for each policy in ``POLICIES``, so a new
policy cannot land without one.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.policies.edits import added, dropper, one, setter

Plans = dict[str, dict]

SQL_MI = "azure-native:sql:ManagedInstance"
REDIS = "azure-native:redis:Redis"
VAULT = "azure-native:keyvault:Vault"
STORAGE = "azure-native:storage:StorageAccount"
ATLAS = "mongodbatlas:index/advancedCluster:AdvancedCluster"
ATLAS_BACKUP = "mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule"
ATLAS_USER = "mongodbatlas:index/databaseUser:DatabaseUser"
ACCESS_LIST = "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList"
BROKER = "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis"
SCYLLA = "kubernetes:scylla.scylladb.com/v1:ScyllaCluster"
CONFIG_MAP = "kubernetes:core/v1:ConfigMap"
SCALER = "kubernetes:keda.sh/v1alpha1:ScaledObject"
TOPIC = "kafka:index/topic:Topic"
KAFKA_PROVIDER = "pulumi:providers:kafka"
MIRROR = "kubernetes:kafka.strimzi.io/v1beta2:KafkaMirrorMaker2"
GEO_LINK = "azure-native:redis:LinkedServer"
FAILOVER = "azure-native:sql:InstanceFailoverGroup"

KEYSPACES = "cql__0001_keyspaces.cql"
TELEMETRY = "cql__0002_telemetry.cql"
NINETY_DAYS = "7776000"
# Stands for the edited resource's name where the program derives it (the schema
# ConfigMap's carries the schema hash).
EDITED = "(edited)"


@dataclass(frozen=True)
class Case:
    """A policy, the plan it passes, and the one change that makes it fail."""

    id: str
    policy: str
    base: str | Callable[[Plans], dict]
    type_: str
    edit: Callable[[dict], object]
    reported: frozenset[str]
    name: str | None = None

    def plan(self, plans: Plans) -> dict:
        """The passing plan."""
        return plans[self.base] if isinstance(self.base, str) else self.base(plans)


def text_edit(key: str, old: str, new: str) -> Callable[[dict], None]:
    """An edit of one rendered schema file in the schema ConfigMap: ``old`` -> ``new``,
    which must occur."""
    def edit(props: dict) -> None:
        text = props["data"][key]
        assert old in text, f"{old!r} not in {key}"
        props["data"][key] = text.replace(old, new)
    return edit


def _with_mirror(plans: Plans) -> dict:
    """prod-eu mirroring its topics to another EU cluster (the program declares none)."""
    plan = plans["prod-eu"]
    return added(plan, one(plan, "dataspace:kafka:KafkaTopics"), MIRROR, "prod-eu-mirror", {
        "metadata": {"name": "mirror", "namespace": "kafka"},
        "spec": {"connectCluster": "target", "clusters": [
            {"alias": "source", "bootstrapServers": "kafka-eu.prod.smartbuild.internal:9093"},
            {"alias": "target",
             "bootstrapServers": "kafka-eu-dr.prod.smartbuild.internal:9093"}]}})


def _with_geo_link(plans: Plans) -> dict:
    """prod-eu's cache geo-linked to a cache in another EU location."""
    plan = plans["prod-eu"]
    cache = one(plan, REDIS)
    return added(plan, one(plan, "dataspace:redis:RedisCache"), GEO_LINK, "prod-eu-redis-link", {
        "name": cache["props"]["name"], "resourceGroupName": cache["props"]["resourceGroupName"],
        "linkedRedisCacheId": cache["urn"], "linkedRedisCacheLocation": "northeurope",
        "serverRole": "Secondary"})


def _with_access_list(plans: Plans) -> dict:
    """staging's Atlas project admitting its own VNet's range."""
    plan = plans["staging"]
    project = one(plan, "mongodbatlas:index/project:Project")
    return added(plan, one(plan, "dataspace:atlas:AtlasCluster"), ACCESS_LIST,
                 "staging-atlas-vnet", {"projectId": project["urn"], "cidrBlock": "10.20.0.0/16",
                                        "comment": "staging VNet"})


def _cases() -> list[Case]:
    def case(id_, policy, base, type_, edit, reported, name=None):
        return Case(id_, policy, base, type_, edit, frozenset(reported), name)

    return [
        # GDPR: residency, replication, isolation, keys, personal data.
        case("sql-mi-in-us", "gdpr-eu-residency", "prod-eu", SQL_MI,
             setter("location", value="eastus"), {"prod-eu-sql-mi"}),
        case("failover-to-eu", "gdpr-sql-failover-in-zone", "prod-useast", FAILOVER,
             setter("partnerRegions", 0, "location", value="westeurope"),
             {"prod-useast-sql-failover"}),
        case("backup-copy-to-us", "gdpr-atlas-copies-in-zone", "prod-eu", ATLAS_BACKUP,
             setter("copySettings", value=[{"cloudProvider": "AZURE", "regionName": "US_EAST_2",
                                            "frequencies": ["DAILY"]}]),
             {"prod-eu-atlas-backup"}),
        case("keyspace-in-us-dc", "gdpr-scylla-replication-in-zone", "prod-eu", CONFIG_MAP,
             text_edit(KEYSPACES, "'eu': 3}", "'eu': 3, 'us-east': 3}"),
             {EDITED}),
        case("bridge-to-eu", "gdpr-artemis-bridges-in-zone", "prod-uswest", BROKER,
             lambda props: props["spec"].update(brokerProperties=[
                 line.replace("params.host=prod-useast-", "params.host=prod-eu-")
                 for line in props["spec"]["brokerProperties"]]),
             {"prod-uswest-artemis-live"}, "prod-uswest-artemis-live"),
        case("mirror-to-us", "gdpr-kafka-mirroring-in-zone", _with_mirror, MIRROR,
             setter("spec", "clusters", 1, "bootstrapServers",
                    value="kafka-us-east.prod.smartbuild.internal:9093"),
             {"prod-eu-mirror"}),
        case("geo-link-to-us", "gdpr-redis-geo-links-in-zone", _with_geo_link, GEO_LINK,
             setter("linkedRedisCacheLocation", value="eastus"), {"prod-eu-redis-link"}),
        case("us-kafka-provider", "gdpr-eu-stack-isolation", "prod-eu", KAFKA_PROVIDER,
             setter("bootstrapServers", value='["kafka-us-east.prod.smartbuild.internal:9093"]'),
             {"prod-eu-kafka-provider"}),
        case("sql-service-key", "gdpr-eu-customer-managed-keys", "prod-eu", SQL_MI,
             setter("keyId", value=""), {"prod-eu-sql-mi"}),
        case("access-topic-kept-a-year", "gdpr-eu-personal-data-retention", "prod-eu", TOPIC,
             setter("config", "retention.ms", value=str(365 * 86_400_000)),
             {"prod-eu-kafka-access-events"}, "prod-eu-kafka-access-events"),
        case("access-table-kept-forever", "gdpr-eu-personal-data-retention", "prod-eu",
             CONFIG_MAP, text_edit("cql__0005_access_events.cql",
                                   f"default_time_to_live = {NINETY_DAYS}",
                                   "default_time_to_live = 0"),
             {EDITED}),
        case("device-events-kept-7-years", "gdpr-eu-personal-data-retention", "prod-eu",
             CONFIG_MAP, text_edit("cql__0004_device_events.cql",
                                   f"default_time_to_live = {NINETY_DAYS}",
                                   "default_time_to_live = 220752000"),
             {EDITED}),
        # Encryption in transit and at rest.
        case("sql-mi-tls-1.0", "sec-sql-mi-tls", "staging", SQL_MI,
             setter("minimalTlsVersion", value="1.0"), {"staging-sql-mi"}),
        case("redis-tls-1.0", "sec-redis-tls", "prod-eu", REDIS,
             setter("minimumTlsVersion", value="1.0"), {"prod-eu-redis-cache"}),
        case("atlas-tls-1.0", "sec-atlas-tls", "prod-uswest", ATLAS,
             setter("advancedConfiguration", "minimumEnabledTlsProtocol", value="TLS1_0"),
             {"prod-uswest-atlas-cluster"}),
        case("acceptor-without-tls", "sec-artemis-tls", "staging", BROKER,
             setter("spec", "acceptors", 0, "sslEnabled", value=False),
             {"staging-artemis-live"}, "staging-artemis-live"),
        case("kafka-provider-plaintext", "sec-kafka-client-tls", "prod-useast", KAFKA_PROVIDER,
             setter("tlsEnabled", value="false"), {"prod-useast-kafka-provider"}),
        case("scaler-plaintext", "sec-kafka-scaler-tls", "prod-eu", SCALER,
             setter("spec", "triggers", 0, "metadata", "tls", value="disable"),
             {"prod-eu-workers-ingest-scaler"}, "prod-eu-workers-ingest-scaler"),
        case("us-sql-service-key", "sec-customer-managed-keys", "prod-uswest", SQL_MI,
             setter("keyId", value=""), {"prod-uswest-sql-mi"}),
        # No public network access.
        case("sql-mi-public-endpoint", "sec-sql-mi-no-public-endpoint", "staging", SQL_MI,
             setter("publicDataEndpointEnabled", value=True), {"staging-sql-mi"}),
        case("vault-public", "sec-key-vault-no-public-access", "prod-eu", VAULT,
             setter("properties", "publicNetworkAccess", value="Enabled"), {"prod-eu-kv-vault"}),
        case("redis-public", "sec-redis-no-public-access", "prod-useast", REDIS,
             setter("publicNetworkAccess", value="Enabled"), {"prod-useast-redis-cache"}),
        case("anonymous-blobs", "sec-storage-no-public-access", "prod-eu", STORAGE,
             setter("allowBlobPublicAccess", value=True), {"prod-eu-redis-snapshots"}),
        case("atlas-open-to-all", "sec-atlas-no-open-access-list", _with_access_list,
             ACCESS_LIST, setter("cidrBlock", value="0.0.0.0/0"), {"staging-atlas-vnet"}),
        case("scylla-public-nodes", "sec-k8s-no-public-load-balancer", "prod-eu", SCYLLA,
             setter("spec", "exposeOptions", "nodeService", "type", value="LoadBalancer"),
             {"prod-eu-scylla-cluster"}),
        # Recoverability and durability.
        case("vault-purgeable", "sec-key-vault-recoverable", "prod-eu", VAULT,
             setter("properties", "enablePurgeProtection", value=False), {"prod-eu-kv-vault"}),
        case("vault-short-soft-delete", "sec-key-vault-recoverable", "dev", VAULT,
             setter("properties", "softDeleteRetentionInDays", value=7), {"dev-kv-vault"}),
        case("sql-backups-local", "sec-sql-mi-backups", "prod-useast", SQL_MI,
             setter("requestedBackupStorageRedundancy", value="Local"), {"prod-useast-sql-mi"}),
        case("atlas-no-pitr", "sec-atlas-backups", "prod-eu", ATLAS,
             setter("pitEnabled", value=False), {"prod-eu-atlas-cluster"}),
        case("topic-rf-1", "sec-kafka-topic-durability", "prod-uswest", TOPIC,
             setter("replicationFactor", value=1), {"prod-uswest-kafka-device-events"},
             "prod-uswest-kafka-device-events"),
        case("topic-min-isr-1", "sec-kafka-topic-durability", "prod-eu", TOPIC,
             setter("config", "min.insync.replicas", value="1"), {"prod-eu-kafka-notifications"},
             "prod-eu-kafka-notifications"),
        case("keyspace-2-replicas", "sec-scylla-replication-factor", "prod-useast", CONFIG_MAP,
             text_edit(KEYSPACES, "'us-east': 3}", "'us-east': 2}"),
             {EDITED}),
        case("broker-without-journal", "sec-artemis-persistence", "prod-eu", BROKER,
             setter("spec", "deploymentPlan", "persistenceEnabled", value=False),
             {"prod-eu-artemis-live"}, "prod-eu-artemis-live"),
        # Retention, tags, credentials.
        case("telemetry-topic-forever", "sec-kafka-retention", "dev", TOPIC,
             setter("config", "retention.ms", value="-1"), {"dev-kafka-device-telemetry"},
             "dev-kafka-device-telemetry"),
        case("telemetry-table-forever", "sec-telemetry-retention", "staging", CONFIG_MAP,
             text_edit(TELEMETRY, f"default_time_to_live = {NINETY_DAYS};",
                       "default_time_to_live = 0;"),
             {EDITED}),
        case("redis-without-owner", "sec-required-tags", "prod-eu", REDIS,
             dropper("tags", "owner"), {"prod-eu-redis-cache"}),
        case("vault-tagged-us", "sec-required-tags", "prod-eu", VAULT,
             setter("tags", "data-zone", value="us"), {"prod-eu-kv-vault"}),
        case("plain-atlas-password", "sec-no-plain-secrets", "prod-eu", ATLAS_USER,
             setter("password", value="not-a-secret"), {"prod-eu-atlas-app-user"}),
    ]


CASES = _cases()
