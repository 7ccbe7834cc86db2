"""Where ``dataspace migrate`` connects: the local servers, or a cloud stack's stores.

``local`` reads the loopback endpoints from :mod:`runtime.local`. A cloud stack reads its
sizing from ``stacks/Pulumi.<stack>.yaml`` and each connection detail from the environment
first, else from the stack's Key Vault (``AZURE_KEYVAULT_URL``, see :mod:`runtime.secrets`).
The migration Job sets what the vault does not hold (see components/workers.py, README.md).
"""

import os
import ssl
from dataclasses import dataclass, field
from functools import cached_property

import yaml
from pydantic import ValidationError

from runtime.errors import ConfigError
from runtime.migrations.artemis import ArtemisSettings
from runtime.migrations.cql import CqlSettings
from runtime.migrations.cql_tls import PemFile, client_context
from runtime.migrations.kafka import KafkaSettings
from runtime.migrations.mongo import MongoSettings
from runtime.migrations.sql import SqlSettings, odbc_url
from runtime.schema_render import SchemaContext
from runtime.secrets import SecretSource
from stacks import ALL_STACKS, access, stack_file
from stacks.model import NAMESPACE, StackConfig
from stacks.schema import schema_context


@dataclass(frozen=True)
class Variable:
    """A setting a cloud target needs, and the vault secret that holds it, where one does."""

    holds: str
    secret: str | None = None  # `{service}--{category}--{name}` in the stack's vault


# Environment variable -> what it holds and where the vault keeps it; the only such table.
VARIABLES: dict[str, Variable] = {
    "DATASPACE_SCYLLA_HOSTS": Variable("Scylla contact points, comma separated",
                                       access.SCYLLA_HOSTS),
    "DATASPACE_SCYLLA_PASSWORD": Variable("Scylla password", access.SCYLLA_PASSWORD),
    "DATASPACE_MONGO_URI": Variable("Atlas connection string", access.MONGO),
    "DATASPACE_SQL_CONNECTION": Variable("SQL MI ODBC connection string", access.SQL),
    "KAFKA_BOOTSTRAP_SERVERS": Variable("Kafka bootstrap servers, comma separated"),
    "DATASPACE_KAFKA_PASSWORD": Variable("Kafka SASL password", access.KAFKA),
    "DATASPACE_ARTEMIS_MANAGEMENT_URL": Variable(
        "the broker's Jolokia URL, http://HOST:8161/console/jolokia/"),
    "DATASPACE_ARTEMIS_PASSWORD": Variable("the broker's management password",
                                           access.ARTEMIS_ADMIN),
}
# Optional variables -> their default.
DEFAULTS = {
    "DATASPACE_SCYLLA_PORT": "9042",
    "DATASPACE_SCYLLA_USERNAME": "dataspace",
    # PEM files for CQL over TLS; unset, TLS trusts the system CA store and shows no
    # client certificate. The migration Job mounts the operator's (components/workers.py).
    "DATASPACE_SCYLLA_CA_FILE": "",
    "DATASPACE_SCYLLA_CERT_FILE": "",
    "DATASPACE_SCYLLA_KEY_FILE": "",
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
    secrets: SecretSource = field(
        default_factory=lambda: SecretSource(service=access.SCHEMA_MIGRATOR),
        compare=False, repr=False)

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
        hosts = tuple(
            h.strip() for h in self._required("DATASPACE_SCYLLA_HOSTS").split(",") if h.strip()
        )
        return CqlSettings(
            hosts,
            _port("DATASPACE_SCYLLA_PORT"),
            ctx.datacenter,
            ctx.replication,
            username=_optional("DATASPACE_SCYLLA_USERNAME"),
            password=self._required("DATASPACE_SCYLLA_PASSWORD"),
            ssl_context=_scylla_tls() if self.config.sizing.tls else None,
        )

    def mongo(self) -> MongoSettings:
        """Where the Atlas (locally FerretDB) database is."""
        if self.local:
            return MongoSettings(_local("ferretdb").url, stand_in=True)
        return MongoSettings(
            self._required("DATASPACE_MONGO_URI"),
            database=_optional("DATASPACE_MONGO_DATABASE"),
        )

    def sql(self) -> SqlSettings:
        """Where SQL MI (locally PostgreSQL) is."""
        if self.local:
            url = _local("postgres").url
            return SqlSettings(url.replace("postgresql://", "postgresql+psycopg://", 1))
        return SqlSettings(odbc_url(self._required("DATASPACE_SQL_CONNECTION")))

    def kafka(self) -> KafkaSettings:
        """Where the Kafka cluster is, and the stack's topic sizing."""
        sizing = self.config.sizing
        if self.local:
            client = {"bootstrap.servers": _local("kafka").url}
        else:
            client = {
                "bootstrap.servers": self._required("KAFKA_BOOTSTRAP_SERVERS"),
                "security.protocol": "SASL_SSL" if sizing.tls else "SASL_PLAINTEXT",
                "sasl.mechanism": "SCRAM-SHA-512",
                "sasl.username": _optional("DATASPACE_KAFKA_USERNAME"),
                "sasl.password": self._required("DATASPACE_KAFKA_PASSWORD"),
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
            self._required("DATASPACE_ARTEMIS_MANAGEMENT_URL"),
            _optional("DATASPACE_ARTEMIS_BROKER"),
            _optional("DATASPACE_ARTEMIS_USERNAME"),
            self._required("DATASPACE_ARTEMIS_PASSWORD"),
        )


    def _required(self, name: str) -> str:
        variable = VARIABLES[name]
        return self.secrets.get(name, variable.holds, variable.secret)


def target(name: str) -> Target:
    """The target called ``name``: ``local`` or a cloud stack."""
    return Target(name, load_stack(name))


def _local(server: str):
    from runtime.local import endpoint

    return endpoint(server)


def _scylla_tls() -> ssl.SSLContext:
    return client_context(_pem("DATASPACE_SCYLLA_CA_FILE"), _pem("DATASPACE_SCYLLA_CERT_FILE"),
                          _pem("DATASPACE_SCYLLA_KEY_FILE"))


def _pem(name: str) -> PemFile | None:
    path = _optional(name)
    return PemFile(name, path) if path else None


def _optional(name: str) -> str:
    return os.environ.get(name, "").strip() or DEFAULTS[name]


def _port(name: str) -> int:
    value = _optional(name)
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError(f"environment variable {name}={value!r}: expected a port number")
    return int(value)
