"""Environment defaults: the sizes and safety settings a stack file does not repeat."""

from pydantic import BaseModel, ConfigDict, Field


class Sizing(BaseModel):
    """Everything that differs between environments. A stack may override any field."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # AKS
    aks_vm_size: str
    aks_node_count: int = Field(ge=1)
    # SQL Managed Instance
    sql_sku: str
    sql_vcores: int = Field(ge=4)
    sql_storage_gb: int = Field(ge=32)
    sql_backup_retention_days: int = Field(ge=1, le=35)
    sql_zone_redundant: bool
    # MongoDB Atlas
    atlas_instance_size: str
    atlas_electable_nodes: int = Field(ge=3)
    atlas_backup: bool
    atlas_snapshot_retention_days: int = Field(ge=1)
    # Scylla
    scylla_members: int = Field(ge=1)
    scylla_replication: int = Field(ge=1)
    scylla_storage_gi: int = Field(ge=10)
    # Kafka
    kafka_partitions_cap: int | None = Field(default=None, ge=1)
    kafka_replication: int = Field(ge=1)
    kafka_min_insync: int = Field(ge=1)
    # Redis
    redis_sku: str
    redis_family: str
    redis_capacity: int = Field(ge=0)
    redis_persistence: bool
    # Artemis
    artemis_backup: bool
    artemis_storage_gi: int = Field(ge=1)
    # TLS on every listener; off only for the single-machine stack.
    tls: bool
    # Workers: the guide's instance counts are the floor where this is true.
    worker_guide_floor: bool


ENVIRONMENT_DEFAULTS: dict[str, Sizing] = {
    "dev": Sizing(
        aks_vm_size="Standard_D4s_v5", aks_node_count=2,
        sql_sku="GP_Gen5", sql_vcores=4, sql_storage_gb=64, sql_backup_retention_days=7,
        sql_zone_redundant=False,
        atlas_instance_size="M10", atlas_electable_nodes=3, atlas_backup=True,
        atlas_snapshot_retention_days=7,
        scylla_members=1, scylla_replication=1, scylla_storage_gi=50,
        kafka_partitions_cap=6, kafka_replication=1, kafka_min_insync=1,
        redis_sku="Standard", redis_family="C", redis_capacity=1, redis_persistence=False,
        artemis_backup=False, artemis_storage_gi=5,
        tls=True, worker_guide_floor=False,
    ),
    "staging": Sizing(
        aks_vm_size="Standard_D8s_v5", aks_node_count=3,
        sql_sku="GP_Gen5", sql_vcores=8, sql_storage_gb=256, sql_backup_retention_days=14,
        sql_zone_redundant=False,
        atlas_instance_size="M20", atlas_electable_nodes=3, atlas_backup=True,
        atlas_snapshot_retention_days=14,
        scylla_members=3, scylla_replication=3, scylla_storage_gi=200,
        kafka_partitions_cap=24, kafka_replication=3, kafka_min_insync=2,
        redis_sku="Premium", redis_family="P", redis_capacity=1, redis_persistence=True,
        artemis_backup=True, artemis_storage_gi=20,
        tls=True, worker_guide_floor=True,
    ),
    "prod": Sizing(
        aks_vm_size="Standard_D16s_v5", aks_node_count=5,
        sql_sku="BC_Gen5", sql_vcores=16, sql_storage_gb=1024, sql_backup_retention_days=35,
        sql_zone_redundant=True,
        atlas_instance_size="M30", atlas_electable_nodes=3, atlas_backup=True,
        atlas_snapshot_retention_days=35,
        scylla_members=3, scylla_replication=3, scylla_storage_gi=2000,
        kafka_partitions_cap=None, kafka_replication=3, kafka_min_insync=2,
        redis_sku="Premium", redis_family="P", redis_capacity=3, redis_persistence=True,
        artemis_backup=True, artemis_storage_gi=100,
        tls=True, worker_guide_floor=True,
    ),
    # One machine, loopback servers: nothing replicated, nothing encrypted on the wire.
    "local": Sizing(
        aks_vm_size="Standard_B2s", aks_node_count=1,
        sql_sku="GP_Gen5", sql_vcores=4, sql_storage_gb=32, sql_backup_retention_days=1,
        sql_zone_redundant=False,
        atlas_instance_size="M10", atlas_electable_nodes=3, atlas_backup=False,
        atlas_snapshot_retention_days=1,
        scylla_members=1, scylla_replication=1, scylla_storage_gi=10,
        kafka_partitions_cap=3, kafka_replication=1, kafka_min_insync=1,
        redis_sku="Basic", redis_family="C", redis_capacity=0, redis_persistence=False,
        artemis_backup=False, artemis_storage_gi=1,
        tls=False, worker_guide_floor=False,
    ),
}
