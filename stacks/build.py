"""build(): compose one stack's components from its validated config."""

import pulumi
from pulumi_azure_native import authorization

from components.aks import Aks, AksArgs
from components.artemis import Artemis, ArtemisArgs, BridgeTarget
from components.atlas import AtlasArgs, AtlasCluster
from components.identity import Identities, IdentityArgs
from components.kafka import APP_USER, KafkaArgs, KafkaTopics, partitions
from components.keyvault import KeyVault, KeyVaultArgs
from components.network import Network, NetworkArgs
from components.redis import RedisArgs, RedisCache
from components.scylla import NAMESPACE as SCYLLA_NAMESPACE
from components.scylla import Scylla, ScyllaArgs
from components.secrets import (
    Passwords,
    PasswordsArgs,
    SecretValue,
    VaultSecrets,
    VaultSecretsArgs,
)
from components.sql import FailoverPartner, SqlArgs, SqlManagedInstance
from components.workers import MIGRATOR, NAMESPACE, Workers, WorkersArgs
from runtime.catalog import topics
from runtime.schema_render import bundle_hash, render
from stacks import access
from stacks import secrets as values
from stacks.access import ACCESS, ACCOUNTS, EU_KEYS, KEDA_OPERATOR, KEYS, SCHEMA_MIGRATOR
from stacks.model import StackConfig
from stacks.regions import ALERT_BRIDGE_TARGET, SQL_FAILOVER_PARTNER, Zone, region
from stacks.schema import schema_context
from stacks.workers import WORKERS

IMAGE = "smartbuild.azurecr.io/dataspace:0.1.0"
ATLAS_APP_USER = "device-service"


def stack_name(environment: str, region_key: str) -> str:
    """The stack that runs ``environment`` in ``region_key`` (prod-useast, staging...)."""
    return f"{environment}-{region_key.replace('-', '')}" if environment == "prod" else environment


def kafka_bootstrap(config: StackConfig) -> str:
    if config.kafka_bootstrap_servers:
        return config.kafka_bootstrap_servers
    if config.is_local:
        return "127.0.0.1:19092"
    return f"kafka-{config.region}.{config.environment}.smartbuild.internal:9093"


def build(config: StackConfig) -> dict[str, pulumi.Input]:
    """Declare every resource of the stack and return its outputs."""
    if config.is_local:
        return _build_local(config)
    return _build_cloud(config)


def _kafka(config: StackConfig, admin_password, app_password) -> KafkaTopics:
    sizing = config.sizing
    return KafkaTopics(
        f"{config.stack}-kafka",
        KafkaArgs(
            bootstrap_servers=kafka_bootstrap(config).split(","),
            tls=sizing.tls,
            admin_user=None if config.is_local else "dataspace-admin",
            admin_password=admin_password,
            topics=topics(),
            partitions_cap=sizing.kafka_partitions_cap,
            replication=sizing.kafka_replication,
            min_insync=sizing.kafka_min_insync,
            app_password=app_password,
        ),
    )


def _build_local(config: StackConfig) -> dict[str, pulumi.Input]:
    kafka = _kafka(config, None, None)
    return {"kafka_bootstrap": kafka_bootstrap(config), "topics": kafka.topic_names}


def _build_cloud(config: StackConfig) -> dict[str, pulumi.Input]:
    name, place, sizing, tags = config.stack, config.place, config.sizing, config.tags
    client = authorization.get_client_config_output()
    subscription = pulumi.Output.concat("/subscriptions/", client.subscription_id)

    net = Network(name, NetworkArgs(place.azure_location, place.cidr, tags))
    rg = net.resource_group_name

    cluster = Aks(f"{name}-aks", AksArgs(
        rg, place.azure_location, net.aks_subnet_id, sizing.aks_vm_size,
        sizing.aks_node_count, tags))

    # The migration Job runs beside the Scylla cluster, whose certificates it mounts.
    accounts = ACCOUNTS | {SCHEMA_MIGRATOR: f"{SCYLLA_NAMESPACE}:{MIGRATOR}"}
    ids = Identities(f"{name}-ids", IdentityArgs(
        rg, place.azure_location, cluster.oidc_issuer_url, NAMESPACE, tuple(ACCESS), tags,
        accounts))

    vault = KeyVault(f"{name}-kv", KeyVaultArgs(
        vault_name=f"smartbuild-{name}", resource_group_name=rg, location=place.azure_location,
        tenant_id=client.tenant_id, endpoint_subnet_id=net.endpoint_subnet_id,
        dns_zone_id=net.dns_zone_ids["vault"],
        keys=KEYS | (EU_KEYS if place.zone is Zone.EU else {}),
        premium=config.is_prod, tags=tags))

    sql = SqlManagedInstance(f"{name}-sql", _sql_args(config, net, vault, ids, client, subscription))

    passwords = Passwords(f"{name}-passwords", PasswordsArgs(values.GENERATED)).values
    atlas_password = passwords["atlas-app"]
    external = config.external_secrets
    atlas = AtlasCluster(f"{name}-atlas", AtlasArgs(
        org_id=config.atlas_org_id, project_name=f"smartbuild-{name}",
        atlas_region=place.atlas_region, instance_size=sizing.atlas_instance_size,
        electable_nodes=sizing.atlas_electable_nodes, backup=sizing.atlas_backup,
        point_in_time=sizing.atlas_backup and config.environment != "dev",
        snapshot_retention_days=sizing.atlas_snapshot_retention_days,
        termination_protection=config.is_prod,
        kms_client_id=config.atlas_kms_client_id,
        kms_client_secret=pulumi.Output.secret(
            external["atlas--kms--client-secret"].get_secret_value()),
        tenant_id=client.tenant_id, subscription_id=client.subscription_id,
        key_vault_resource_group=rg, key_vault_name=vault.vault_name,
        key_identifier=vault.key_uris["atlas--encryption--cmk"],
        resource_group_name=rg, location=place.azure_location,
        endpoint_subnet_id=net.endpoint_subnet_id, app_user=ATLAS_APP_USER,
        app_password=atlas_password, tags=tags))

    redis = RedisCache(f"{name}-redis", RedisArgs(
        cache_name=f"smartbuild-{name}", resource_group_name=rg, location=place.azure_location,
        subscription_scope=subscription, sku=sizing.redis_sku, family=sizing.redis_family,
        capacity=sizing.redis_capacity, persistence=sizing.redis_persistence,
        endpoint_subnet_id=net.endpoint_subnet_id, dns_zone_id=net.dns_zone_ids["redis"],
        tags=tags))

    kafka_password = passwords["kafka-app"]
    _kafka(config, pulumi.Output.secret(external["kafka--admin--sasl-password"].get_secret_value()),
           kafka_password)

    scylla = Scylla(f"{name}-scylla", ScyllaArgs(
        cluster.provider, place.scylla_datacenter, sizing.scylla_members,
        sizing.scylla_storage_gi, config.is_prod))

    artemis_host = f"{name}-artemis-live-hdls-svc.messaging.svc.cluster.local"
    Artemis(f"{name}-artemis", ArtemisArgs(
        cluster.provider, config.region, sizing.tls, sizing.artemis_backup,
        sizing.artemis_storage_gi, _bridge(config), passwords["artemis-admin"]))

    secret_values: dict[str, SecretValue] = {
        access.JWT: SecretValue(passwords["jwt"], "jwt-secret"),
        access.RATE_LIMITS: values.rate_limits(),
        access.MONGO: SecretValue(
            values.mongo_uri(atlas.connection_string, ATLAS_APP_USER, atlas_password),
            "connection-string"),
        access.SQL: SecretValue(values.sql_connection(sql.fqdn), "connection-string"),
        access.REDIS: SecretValue(redis.primary_key, "auth-token"),
        access.SCYLLA_PASSWORD: SecretValue(passwords["scylla"], "password"),
        access.SCYLLA_HOSTS: SecretValue(scylla.hosts, "text/plain"),
        access.KAFKA: SecretValue(kafka_password, "password"),
        access.NOTIFY_URL: SecretValue(f"amqps://{artemis_host}:5671", "text/plain"),
        access.PROMETHEUS: SecretValue(passwords["prometheus"], "password"),
        access.ARTEMIS_ADMIN: SecretValue(passwords["artemis-admin"], "password"),
        **values.external(external),
    }
    VaultSecrets(f"{name}-secrets", VaultSecretsArgs(
        stack=name, resource_group_name=rg, vault_name=vault.vault_name, vault_id=vault.vault_id,
        key_ids=vault.key_ids, values=secret_values, access=ACCESS,
        identities=ids.by_service, tags=tags))

    schema = render(schema_context(config))
    workers = Workers(f"{name}-workers", WorkersArgs(
        provider=cluster.provider, stack=name, image=IMAGE, vault_uri=vault.vault_uri,
        kafka_bootstrap=kafka_bootstrap(config), kafka_tls=sizing.tls, kafka_user=APP_USER,
        kafka_password_secret=access.KAFKA,
        keda_client_id=ids.by_service[KEDA_OPERATOR].client_id,
        artemis_host=artemis_host, artemis_password_secret=access.ARTEMIS_ADMIN,
        client_ids={s: i.client_id for s, i in ids.by_service.items()},
        workers=WORKERS, floors=_floors(config), ceilings=_ceilings(config),
        schema=schema, schema_hash=bundle_hash(schema),
        scylla=scylla.client, scylla_tls=sizing.tls))

    return {
        "zone": place.zone.value,
        "location": place.azure_location,
        "atlas_region": place.atlas_region,
        "scylla_datacenter": place.scylla_datacenter,
        "vault_uri": vault.vault_uri,
        "sql_managed_instance_id": sql.managed_instance_id,
        "redis_host": redis.host_name,
        "migration_job": workers.migration_job,
    }


def _sql_args(config, net, vault, ids, client, subscription) -> SqlArgs:
    sizing, place = config.sizing, config.place
    partner = dns_partner = None
    if config.is_prod and config.region in SQL_FAILOVER_PARTNER:
        other = region(SQL_FAILOVER_PARTNER[config.region])
        ref = _reference(config, other.key)
        partner = FailoverPartner(ref.get_output("sql_managed_instance_id"), other.azure_location)
    elif config.is_prod:
        primaries = [p for p, s in SQL_FAILOVER_PARTNER.items() if s == config.region]
        if primaries:
            dns_partner = _reference(config, primaries[0]).get_output("sql_managed_instance_id")
    geo = config.is_prod and place.zone is Zone.US and partner is not None
    return SqlArgs(
        resource_group_name=net.resource_group_name, location=place.azure_location,
        subnet_id=net.sql_subnet_id, subscription_scope=subscription, tenant_id=client.tenant_id,
        tde_key_id=vault.key_ids["sql--tde--cmk"], tde_key_uri=vault.key_uris["sql--tde--cmk"],
        admin=ids.by_service["schema-migrator"], sku=sizing.sql_sku, vcores=sizing.sql_vcores,
        storage_gb=sizing.sql_storage_gb, zone_redundant=sizing.sql_zone_redundant,
        backup_redundancy="Geo" if geo else ("Zone" if sizing.sql_zone_redundant else "Local"),
        ltr_weeks=sizing.sql_backup_retention_days // 7 or 1,
        dns_zone_partner_id=dns_partner, failover_partner=partner, tags=config.tags)


def _reference(config: StackConfig, other_region: str) -> pulumi.StackReference:
    other = stack_name(config.environment, other_region)
    org = pulumi.get_organization()
    return pulumi.StackReference(f"{org}/{pulumi.get_project()}/{other}")


def _bridge(config: StackConfig) -> BridgeTarget | None:
    target = ALERT_BRIDGE_TARGET.get(config.region)
    if target is None or not config.is_prod:
        return None
    other = stack_name(config.environment, target)
    return BridgeTarget(target, f"{other}-artemis-live-hdls-svc.messaging.svc.cluster.local")


def _floors(config: StackConfig) -> dict[str, int]:
    return {w.name: w.floor if config.sizing.worker_guide_floor else 1 for w in WORKERS}


def _ceilings(config: StackConfig) -> dict[str, int]:
    """Never more consumers than the smallest topic has partitions; Artemis workers x4."""
    by_name = {t.name: t for t in topics()}
    floors = _floors(config)
    ceilings = {}
    for worker in WORKERS:
        if worker.topics:
            cap = min(partitions(by_name[t], config.sizing.kafka_partitions_cap) for t in worker.topics)
            ceilings[worker.name] = max(floors[worker.name], cap)
        else:
            ceilings[worker.name] = floors[worker.name] * 4
    return ceilings
