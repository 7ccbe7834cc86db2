"""Where ``dataspace migrate`` connects: the local servers, or a cloud stack's stores.

``local`` reads the loopback endpoints from :mod:`runtime.local`. A cloud stack reads its
sizing from ``stacks/Pulumi.<stack>.yaml`` and its connection details from the
environment, which the migration Job sets (see components/workers.py and README.md).
"""

import os
from dataclasses import dataclass
from functools import cached_property

import yaml
from pydantic import ValidationError

from runtime.errors import ConfigError
from runtime.migrations.artemis import ArtemisSettings
from runtime.migrations.cql import CqlSettings
from runtime.migrations.kafka import KafkaSettings
from runtime.migrations.mongo import MongoSettings
from runtime.migrations.sql import SqlSettings, odbc_url
from runtime.schema_render import SchemaContext
from stacks import ALL_STACKS, stack_file
from stacks.model import NAMESPACE, StackConfig
from stacks.schema import schema_context

# Environment variable -> what it holds (the vault secret it comes from, where there is one).
VARIABLES = {
    "DATASPACE_SCYLLA_HOSTS": "Scylla contact points, comma separated "
    "(vault: analytics-ingestion--scylladb--hosts)",
    "DATASPACE_SCYLLA_PASSWORD": "Scylla password (vault: analytics-ingestion--scylladb--password)",
    "DATASPACE_MONGO_URI": "Atlas connection string "
    "(vault: device-service--mongodb--connection-string)",
    "DATASPACE_SQL_CONNECTION": "SQL MI ODBC connection string "
    "(vault: user-service--azuresql--connection-string)",
    "KAFKA_BOOTSTRAP_SERVERS": "Kafka bootstrap servers, comma separated",
    "DATASPACE_KAFKA_PASSWORD": "Kafka SASL password (vault: kafka--cluster--sasl-password)",
    "DATASPACE_ARTEMIS_MANAGEMENT_URL": "the broker's Jolokia URL, http://HOST:8161/console/jolokia/",
    "DATASPACE_ARTEMIS_PASSWORD": "the broker's management password",
}
# Optional variables -> their default.
DEFAULTS = {
    "DATASPACE_SCYLLA_PORT": "9042",
    "DATASPACE_SCYLLA_USERNAME": "dataspace",
    "DATASPACE_MONGO_DATABASE": "smartbuild",
    "DATASPACE_KAFKA_USERNAME": "dataspace-app",
    "DATASPACE_ARTEMIS_BROKER": "amq-broker",
    "DATASPACE_ARTEMIS_USERNAME": "admin",
}


def load_stack(stack: str) -> StackConfig:
    """The stack's environment, region and sizing (secrets are not needed to migrate)."""
    if stack not in ALL_STACKS:
        raise ConfigError(f"--target {stack!r}: expected local or one of {', '.join(ALL_STACKS)}")
    path = stack_file(stack)
    try:
        raw = (yaml.safe_load(path.read_text()) or {}).get("config") or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path.name}: cannot read the stack file: {exc}") from None
    wanted = ("environment", "region", "overrides", "kafkaBootstrapServers")
    values = {k: raw[f"{NAMESPACE}:{k}"] for k in wanted if f"{NAMESPACE}:{k}" in raw}
    try:
        config = StackConfig.model_validate({"stack": stack, **values})
        config.sizing  # noqa: B018 - validates the overrides now
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path.name}: {NAMESPACE}:{where}: {first['msg']}") from None
    return config


@dataclass(frozen=True)
class Target:
    """One place to migrate: its schema context and each store's connection settings."""

    name: str
    config: StackConfig

    @property
    def local(self) -> bool:
        """Whether this is the loopback servers (``--target local``)."""
        return self.name == "local"

    @cached_property
    def context(self) -> SchemaContext:
        """What the templates render with for this target's region."""
        return schema_context(self.config)

    def cql(self) -> CqlSettings:
        """Where the Scylla (locally Cassandra) cluster is."""
        ctx = self.context
        if self.local:
            ep = _local("cassandra")
            from runtime.local.cassandra import PROTOCOL_VERSION

            return CqlSettings(
                (ep.host,),
                ep.port,
                ctx.datacenter,
                ctx.replication,
                protocol_version=PROTOCOL_VERSION,
            )
        hosts = tuple(h.strip() for h in _env("DATASPACE_SCYLLA_HOSTS").split(",") if h.strip())
        return CqlSettings(
            hosts,
            _port("DATASPACE_SCYLLA_PORT"),
            ctx.datacenter,
            ctx.replication,
            username=_optional("DATASPACE_SCYLLA_USERNAME"),
            password=_env("DATASPACE_SCYLLA_PASSWORD"),
            tls=self.config.sizing.tls,
        )

    def mongo(self) -> MongoSettings:
        """Where the Atlas (locally FerretDB) database is."""
        if self.local:
            return MongoSettings(_local("ferretdb").url, stand_in=True)
        return MongoSettings(
            _env("DATASPACE_MONGO_URI"),
            database=_optional("DATASPACE_MONGO_DATABASE"),
        )

    def sql(self) -> SqlSettings:
        """Where SQL MI (locally PostgreSQL) is."""
        if self.local:
            url = _local("postgres").url
            return SqlSettings(url.replace("postgresql://", "postgresql+psycopg://", 1))
        return SqlSettings(odbc_url(_env("DATASPACE_SQL_CONNECTION")))

    def kafka(self) -> KafkaSettings:
        """Where the Kafka cluster is, and the stack's topic sizing."""
        sizing = self.config.sizing
        if self.local:
            client = {"bootstrap.servers": _local("kafka").url}
        else:
            client = {
                "bootstrap.servers": _env("KAFKA_BOOTSTRAP_SERVERS"),
                "security.protocol": "SASL_SSL" if sizing.tls else "SASL_PLAINTEXT",
                "sasl.mechanism": "SCRAM-SHA-512",
                "sasl.username": _optional("DATASPACE_KAFKA_USERNAME"),
                "sasl.password": _env("DATASPACE_KAFKA_PASSWORD"),
            }
        return KafkaSettings(
            client, sizing.kafka_replication, sizing.kafka_min_insync, sizing.kafka_partitions_cap
        )

    def artemis(self) -> ArtemisSettings:
        """Where the broker's management API is."""
        if self.local:
            from runtime.local.artemis import BROKER_NAME

            ep = _local("artemis")
            url = f"http://{ep.host}:{ep.ports['artemis_console']}/console/jolokia/"
            return ArtemisSettings(url, BROKER_NAME, ep.username or "", ep.password or "")
        return ArtemisSettings(
            _env("DATASPACE_ARTEMIS_MANAGEMENT_URL"),
            _optional("DATASPACE_ARTEMIS_BROKER"),
            _optional("DATASPACE_ARTEMIS_USERNAME"),
            _env("DATASPACE_ARTEMIS_PASSWORD"),
        )


def target(name: str) -> Target:
    """The target called ``name``: ``local`` or a cloud stack."""
    return Target(name, load_stack(name))


def _local(server: str):
    from runtime.local import endpoint

    return endpoint(server)


def _optional(name: str) -> str:
    return os.environ.get(name, "").strip() or DEFAULTS[name]


def _port(name: str) -> int:
    value = _optional(name)
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError(f"environment variable {name}={value!r}: expected a port number")
    return int(value)


def _env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ConfigError(f"environment variable {name} is not set; it holds {VARIABLES[name]}")
    return value
