"""Provider type tokens the rules match on, named once (as the engine sends them)."""

SQL_INSTANCE = "azure-native:sql:ManagedInstance"
KEY_VAULT = "azure-native:keyvault:Vault"
REDIS_CACHES = ("azure-native:redis:Redis", "azure-native:cache:Redis")
KAFKA_TOPIC = "kafka:index/topic:Topic"
ATLAS_CLUSTERS = ("mongodbatlas:index/advancedCluster:AdvancedCluster",
                  "mongodbatlas:index/cluster:Cluster")
ARTEMIS_BROKER = "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis"
SCYLLA_CLUSTER = "kubernetes:scylla.scylladb.com/v1:ScyllaCluster"
