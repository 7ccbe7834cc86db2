"""The guide's Key Vault access matrix: which service may get which secret and use which key."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceAccess:
    """Secrets a service may get (never list) and keys it may use."""

    secrets: tuple[str, ...]
    keys: tuple[str, ...] = ()


JWT = "api-gateway--jwt--secret"
RATE_LIMITS = "api-gateway--rate-limit--config"
MONGO = "device-service--mongodb--connection-string"
SQL = "user-service--azuresql--connection-string"
REDIS = "redis--cluster--auth-token"
SCYLLA_PASSWORD = "analytics-ingestion--scylladb--password"
SCYLLA_HOSTS = "analytics-ingestion--scylladb--hosts"
KAFKA = "kafka--cluster--sasl-password"
TWILIO = "notification-service--twilio--api-key"
SENDGRID = "notification-service--sendgrid--api-key"
GEMINI = "agentic-ai--google--gemini-api-key"
MODEL_SERVER = "anomaly-detection--model-server--api-key"
NOTIFY_URL = "event-processor--notification-service--url"
PROMETHEUS = "prometheus--basic--auth-password"
# Not in the guide: the Artemis broker's admin (console and Jolokia) password, generated per
# stack, which the migrator needs to reconcile addresses and KEDA to read queue depths.
ARTEMIS_ADMIN = "artemis--management--password"

PII_KEY = "analytics--pii--encryption-key"

SCHEMA_MIGRATOR = "schema-migrator"

ACCESS: dict[str, ServiceAccess] = {
    "api-gateway": ServiceAccess((JWT, RATE_LIMITS)),
    "device-service": ServiceAccess((MONGO, REDIS)),
    "user-service": ServiceAccess((SQL, JWT), (PII_KEY,)),
    "notification-service": ServiceAccess((TWILIO, SENDGRID, REDIS)),
    "analytics-ingestion": ServiceAccess((SCYLLA_PASSWORD, SCYLLA_HOSTS, KAFKA, REDIS)),
    "anomaly-detection": ServiceAccess((SCYLLA_PASSWORD, SCYLLA_HOSTS, KAFKA, MODEL_SERVER), (PII_KEY,)),
    "agentic-ai": ServiceAccess((GEMINI, MONGO)),
    "event-processor": ServiceAccess((KAFKA, NOTIFY_URL, SCYLLA_PASSWORD, SCYLLA_HOSTS)),
    # Runs `dataspace migrate` in the cluster; it is also the SQL MI Entra admin.
    SCHEMA_MIGRATOR: ServiceAccess(
        (SCYLLA_PASSWORD, SCYLLA_HOSTS, MONGO, SQL, KAFKA, ARTEMIS_ADMIN)),
    # KEDA's operator reads the workers' consumer lag from Kafka, logging in as they do, and
    # queue depths from the broker's management API as its admin (the broker's only user).
    "keda-operator": ServiceAccess((KAFKA, ARTEMIS_ADMIN)),
}

KEDA_OPERATOR = "keda-operator"
# Services whose pods are not in the workers' namespace: service -> namespace:account.
# The KEDA chart names its operator's account after the operator.
ACCOUNTS: dict[str, str] = {KEDA_OPERATOR: "keda:keda-operator"}


@dataclass(frozen=True)
class KeySpec:
    """A Key Vault key: RSA size and what it may do."""

    size: int
    ops: tuple[str, ...]


KEYS: dict[str, KeySpec] = {
    "smartbuild--data--encryption-key": KeySpec(4096, ("encrypt", "decrypt", "wrapKey", "unwrapKey")),
    PII_KEY: KeySpec(2048, ("encrypt", "decrypt")),
    "atlas--encryption--cmk": KeySpec(3072, ("wrapKey", "unwrapKey")),
    "sql--tde--cmk": KeySpec(3072, ("wrapKey", "unwrapKey")),
}
# Only the EU vault holds the GDPR audit key.
EU_KEYS: dict[str, KeySpec] = {
    "gdpr--audit--encryption-key": KeySpec(4096, ("encrypt", "decrypt", "wrapKey", "unwrapKey")),
}
