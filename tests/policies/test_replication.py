"""Replication stays in its zone: failover, Atlas copies, keyspaces, bridges, mirrors, links."""

from tests.policies.edits import added, edited, edited_all, findings, named, one, setter

CONFIG_MAP = "kubernetes:core/v1:ConfigMap"
BROKER = "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis"
KEYSPACES = "cql__0001_keyspaces.cql"


def test_sql_failover_from_us_east_to_us_west_passes(plans):
    assert named(plans["prod-useast"], "gdpr-sql-failover-in-zone") == set()


def test_sql_failover_to_an_eu_region_is_reported(plans):
    plan, name = edited(plans["prod-useast"], "azure-native:sql:InstanceFailoverGroup",
                        setter("partnerRegions", 0, "location", value="westeurope"))
    assert named(plan, "gdpr-sql-failover-in-zone") == {name}


def test_atlas_replicas_and_backups_of_prod_eu_stay_in_the_eu(plans):
    assert named(plans["prod-eu"], "gdpr-atlas-copies-in-zone") == set()


def test_atlas_backup_copy_to_a_us_region_is_reported(plans):
    copies = [{"cloudProvider": "AZURE", "regionName": "US_EAST_2", "frequencies": ["DAILY"]}]
    plan, name = edited(plans["prod-eu"],
                        "mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule",
                        setter("copySettings", value=copies))
    assert named(plan, "gdpr-atlas-copies-in-zone") == {name}


def test_us_atlas_cluster_replicating_to_europe_is_reported(plans):
    plan, name = edited(plans["prod-useast"], "mongodbatlas:index/advancedCluster:AdvancedCluster",
                        setter("replicationSpecs", 0, "regionConfigs", 0, "regionName",
                               value="EUROPE_WEST"))
    assert named(plan, "gdpr-atlas-copies-in-zone") == {name}


def test_keyspaces_replicate_inside_their_zone(plans):
    for stack in ("prod-eu", "prod-useast"):
        assert named(plans[stack], "gdpr-scylla-replication-in-zone") == set(), stack


def test_eu_keyspace_replicated_to_a_us_datacenter_is_reported(plans):
    def add_us(props):
        props["data"][KEYSPACES] = props["data"][KEYSPACES].replace(
            "'eu': 3}", "'eu': 3, 'us-east': 3}", 1)

    plan, name = edited(plans["prod-eu"], CONFIG_MAP, add_us)
    found = named(plan, "gdpr-scylla-replication-in-zone")
    assert found == {name}


def test_simple_strategy_keyspace_is_reported(plans):
    def simple(props):
        props["data"][KEYSPACES] = props["data"][KEYSPACES].replace(
            "'class': 'NetworkTopologyStrategy', 'eu': 3",
            "'class': 'SimpleStrategy', 'replication_factor': 3", 1)

    plan, name = edited(plans["prod-eu"], CONFIG_MAP, simple)
    assert named(plan, "gdpr-scylla-replication-in-zone") == {name}


def test_us_west_bridge_to_us_east_passes(plans):
    assert named(plans["prod-uswest"], "gdpr-artemis-bridges-in-zone") == set()


def test_bridge_to_an_eu_broker_is_reported_on_both_brokers(plans):
    def to_eu(props):
        props["spec"]["brokerProperties"] = [
            line.replace("params.host=prod-useast-", "params.host=prod-eu-")
            for line in props["spec"]["brokerProperties"]]

    plan, names = edited_all(plans["prod-uswest"], BROKER, to_eu)
    found = findings(plan, "gdpr-artemis-bridges-in-zone")
    assert {v.name for v in found} == names
    assert all("prod-eu-artemis-live-hdls-svc" in v.message for v in found)


def test_bridge_naming_an_undeclared_connector_is_reported(plans):
    def dangling(props):
        props["spec"]["brokerProperties"] = [
            line.replace("staticConnectors=us-east", "staticConnectors=somewhere")
            for line in props["spec"]["brokerProperties"]]

    plan, name = edited(plans["prod-uswest"], BROKER, dangling, "prod-uswest-artemis-live")
    assert named(plan, "gdpr-artemis-bridges-in-zone") == {name}


# The program declares no mirror and no geo link; each case adds one, and its passing and
# failing forms differ in one property.

def _mirror(plans, target: str) -> dict:
    eu = "kafka-eu.prod.smartbuild.internal:9093"
    return added(plans["prod-eu"], one(plans["prod-eu"], "dataspace:kafka:KafkaTopics"),
                 "kubernetes:kafka.strimzi.io/v1beta2:KafkaMirrorMaker2", "prod-eu-mirror", {
                     "metadata": {"name": "mirror", "namespace": "kafka"},
                     "spec": {"connectCluster": "target", "clusters": [
                         {"alias": "source", "bootstrapServers": eu},
                         {"alias": "target", "bootstrapServers": target}]}})


def test_mirroring_between_eu_clusters_passes(plans):
    plan = _mirror(plans, "kafka-eu-dr.prod.smartbuild.internal:9093")
    assert named(plan, "gdpr-kafka-mirroring-in-zone") == set()


def test_mirroring_to_a_us_cluster_is_reported(plans):
    plan = _mirror(plans, "kafka-us-east.prod.smartbuild.internal:9093")
    assert named(plan, "gdpr-kafka-mirroring-in-zone") == {"prod-eu-mirror"}


def _geo_link(plans, location: str) -> dict:
    cache = one(plans["prod-eu"], "azure-native:redis:Redis")
    return added(plans["prod-eu"], one(plans["prod-eu"], "dataspace:redis:RedisCache"),
                 "azure-native:redis:LinkedServer", "prod-eu-redis-link", {
                     "name": cache["props"]["name"],
                     "resourceGroupName": cache["props"]["resourceGroupName"],
                     "linkedRedisCacheId": cache["urn"],
                     "linkedRedisCacheLocation": location, "serverRole": "Secondary"})


def test_redis_geo_link_inside_the_eu_passes(plans):
    assert named(_geo_link(plans, "northeurope"), "gdpr-redis-geo-links-in-zone") == set()


def test_redis_geo_link_to_a_us_location_is_reported(plans):
    plan = _geo_link(plans, "eastus")
    assert named(plan, "gdpr-redis-geo-links-in-zone") == {"prod-eu-redis-link"}
