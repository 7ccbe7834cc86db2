"""KEDA triggers of the worker Deployments and the TriggerAuthentications they log in with.

Every scaler reads its password from Key Vault as KEDA's own workload identity, so no
Kubernetes Secret holds one:

- Kafka: SASL/SCRAM as the workers' user (read from the Deployment's env), over TLS where
  the workers use TLS.
- Artemis: the broker's management API (Jolokia, plain HTTP inside the cluster) as its admin,
  the only user the broker has; the username is a plain value in the trigger.

https://keda.sh/docs/2.16/scalers/artemis/, https://keda.sh/docs/2.16/scalers/apache-kafka/
"""

import pulumi
import pulumi_kubernetes as k8s

from components.artemis import ADMIN_USER, BROKER_NAME, CONSOLE_PORT
from runtime.catalog import Address, addresses
from runtime.errors import ConfigError
from stacks.workers import WorkerSpec

# The TriggerAuthentications the scalers refer to, by name.
KAFKA_AUTH = "kafka"
ARTEMIS_AUTH = "artemis"
# The workers read their Kafka user from here; the Kafka scalers read it from the Deployment.
KAFKA_USER_ENV = "DATASPACE_KAFKA_USERNAME"
# Messages waiting per replica before KEDA adds one.
QUEUE_LENGTH = 100


def trigger_authentication(
    resource_name: str,
    auth: str,
    namespace: str,
    vault_uri: pulumi.Input[str],
    keda_client_id: pulumi.Input[str],
    password_secret: str,
    opts: pulumi.ResourceOptions,
    env: tuple[dict, ...] = (),
) -> k8s.apiextensions.CustomResource:
    """A TriggerAuthentication whose ``password`` is the vault secret ``password_secret``."""
    # https://keda.sh/docs/2.16/authentication-providers/azure-key-vault/
    spec: dict = {
        "azureKeyVault": {
            "vaultUri": vault_uri,
            "podIdentity": {"provider": "azure-workload", "identityId": keda_client_id},
            "secrets": [{"parameter": "password", "name": password_secret}],
        },
    }
    if env:
        spec["env"] = list(env)
    return k8s.apiextensions.CustomResource(
        resource_name,
        api_version="keda.sh/v1alpha1",
        kind="TriggerAuthentication",
        metadata={"name": auth, "namespace": namespace},
        spec=spec,
        opts=opts,
    )


def kafka_triggers(worker: WorkerSpec, bootstrap: str, tls: bool) -> list[dict]:
    """One consumer-lag trigger per topic the worker reads."""
    return [
        {"type": "kafka", "authenticationRef": {"name": KAFKA_AUTH}, "metadata": {
            "bootstrapServers": bootstrap, "consumerGroup": worker.group,
            "topic": topic, "lagThreshold": str(worker.lag_threshold),
            "offsetResetPolicy": "earliest", "sasl": "scram_sha512",
            "tls": "enable" if tls else "disable"}}
        for topic in worker.topics
    ]


def artemis_trigger(worker: WorkerSpec, broker_host: str) -> dict:
    """A queue-depth trigger on the live broker, for the catalog queue the worker consumes."""
    address = queue_address(worker.queue or "")
    return {"type": "artemis-queue", "authenticationRef": {"name": ARTEMIS_AUTH}, "metadata": {
        "managementEndpoint": f"{broker_host}:{CONSOLE_PORT}", "brokerName": BROKER_NAME,
        "brokerAddress": address.name, "queueName": worker.queue, "username": ADMIN_USER,
        "queueLength": str(QUEUE_LENGTH)}}


def queue_address(queue: str) -> Address:
    """The catalog address that holds ``queue``; KEDA's default query reads anycast queues."""
    for address in addresses():
        if queue in address.queue_names:
            if address.routing != "anycast":
                raise ConfigError(f"worker queue {queue!r} is on multicast address "
                                  f"{address.name!r}; the Artemis scaler reads anycast queues")
            return address
    raise ConfigError(f"worker queue {queue!r}: no address in schema_templates/catalog/"
                      "addresses.yaml holds it; add it there")
