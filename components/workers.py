"""Worker Deployments and KEDA autoscaling in one namespace; the schema migration Job in Scylla's.

The rendered schema travels in a ConfigMap named by its hash, and the migration Job
carries the same hash, so a schema change creates a new Job that runs before the
workers roll (they depend on it).

KEDA scales the Kafka workers on consumer lag and the Artemis workers on queue depth; its
operator reads each scaler's password from Key Vault with its own workload identity
(``keda_client_id``), so no Kubernetes Secret holds one (see components/scalers.py).

The migration Job reads its secrets from Key Vault as the ``schema-migrator`` identity
(runtime/secrets.py); its environment carries only what the vault does not hold: where
Kafka and the broker's management API are, who the ledger says ran it and, where the stack
sets tls, the Scylla TLS port and the PEM files it mounts. It runs in the Scylla cluster's
namespace because the operator's CA bundle and client certificate live there and a pod can
mount only its own namespace's (see components/scylla.py); its service account, and the
schema ConfigMap it mounts, live there too.
"""

from dataclasses import dataclass

import pulumi
import pulumi_kubernetes as k8s

from components import charts
from components.artemis import ADMIN_USER, CONSOLE_PORT
from components.scalers import (
    ARTEMIS_AUTH,
    KAFKA_AUTH,
    KAFKA_USER_ENV,
    artemis_trigger,
    kafka_triggers,
    trigger_authentication,
)
from components.scylla import TLS_PORT, ScyllaClient
from stacks.workers import WorkerSpec

NAMESPACE = "dataspace"
METRICS_PORT = 9100
RUN_AS = 10001  # uid (and, for the migration Job, fsGroup) of every pod here
MIGRATOR = "schema-migrator"
SCYLLA_TLS_DIR = "/etc/scylla-tls"


@dataclass(frozen=True)
class WorkersArgs:
    """What runs, where it finds its secrets and how far it may scale."""

    provider: k8s.Provider
    stack: str
    image: str
    vault_uri: pulumi.Input[str]
    kafka_bootstrap: str
    kafka_tls: bool
    kafka_user: str
    kafka_password_secret: str
    keda_client_id: pulumi.Input[str]
    artemis_host: str
    artemis_password_secret: str
    client_ids: dict[str, pulumi.Input[str]]
    workers: tuple[WorkerSpec, ...]
    floors: dict[str, int]
    ceilings: dict[str, int]
    schema: dict[str, str]
    schema_hash: str
    scylla: ScyllaClient
    scylla_tls: bool  # CQL over TLS on TLS_PORT with the operator's certificates, else 9042


class Workers(pulumi.ComponentResource):
    """Service accounts with workload identity, Deployments, ScaledObjects, migration Job."""

    def __init__(self, name: str, args: WorkersArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:workers:Workers", name, None, opts)
        child = pulumi.ResourceOptions(parent=self, provider=args.provider)

        # Workload identity for the operator, so TriggerAuthentications can read Key Vault.
        keda = charts.install(f"{name}-keda", charts.KEDA, "keda", {
            "podIdentity": {"azureWorkload": {"enabled": True,
                                              "clientId": args.keda_client_id}}}, child)
        ns = k8s.core.v1.Namespace(
            f"{name}-ns",
            metadata={"name": NAMESPACE, "labels": {
                "pod-security.kubernetes.io/enforce": "restricted"}},
            opts=child,
        )
        in_ns = pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[ns]))

        for service in sorted({w.service for w in args.workers}):
            _service_account(name, args, service, NAMESPACE, in_ns)

        in_scylla = pulumi.ResourceOptions.merge(
            child, pulumi.ResourceOptions(depends_on=[args.scylla.cluster]))
        migrator = _service_account(name, args, MIGRATOR, args.scylla.namespace, in_scylla)
        migration = self._migration(name, args, pulumi.ResourceOptions.merge(
            in_scylla, pulumi.ResourceOptions(depends_on=[migrator])))
        auths = self._scaler_auths(name, args, pulumi.ResourceOptions.merge(
            in_ns, pulumi.ResourceOptions(depends_on=[keda])))
        after_migration = pulumi.ResourceOptions.merge(
            in_ns, pulumi.ResourceOptions(depends_on=[migration, keda, *auths])
        )
        for worker in args.workers:
            self._worker(name, args, worker, after_migration)

        self.migration_job = f"migrate-{args.schema_hash}"
        self.register_outputs({"migration_job": self.migration_job})

    def _migration(self, name, args: WorkersArgs, opts) -> k8s.batch.v1.Job:
        job = f"migrate-{args.schema_hash}"
        env = [
            {"name": "DATASPACE_ARTEMIS_MANAGEMENT_URL", "value": jolokia_url(args.artemis_host)},
            {"name": "DATASPACE_ARTEMIS_USERNAME", "value": ADMIN_USER},
            # The ledger's applied_by: which Job (so which schema) applied a migration.
            {"name": "DATASPACE_MIGRATOR", "value": job},
        ]
        namespace = args.scylla.namespace
        config_map = k8s.core.v1.ConfigMap(
            f"{name}-schema-{args.schema_hash}",
            metadata={"name": f"schema-{args.schema_hash}", "namespace": namespace},
            data={key.replace("/", "__"): text for key, text in args.schema.items()},
            immutable=True,
            opts=opts,
        )
        mounts = [{"name": "schema", "mountPath": "/schema", "readOnly": True}]
        volumes = [{"name": "schema", "configMap": {"name": config_map.metadata["name"]}}]
        if args.scylla_tls:
            env += _scylla_tls_env()
            tls_mounts, tls_volumes = _scylla_tls_volumes(args.scylla)
            mounts += tls_mounts
            volumes += tls_volumes
        return k8s.batch.v1.Job(
            f"{name}-migrate-{args.schema_hash}",
            metadata={"name": job, "namespace": namespace},
            spec={
                "backoffLimit": 2,
                "ttlSecondsAfterFinished": 86_400,
                "template": {
                    "metadata": {"labels": {"azure.workload.identity/use": "true",
                                            "app": "schema-migrator"}},
                    "spec": {
                        "serviceAccountName": MIGRATOR,
                        "restartPolicy": "Never",
                        # fsGroup: the client key is group-readable only (see _scylla_tls_volumes).
                        "securityContext": {**_pod_security(), "fsGroup": RUN_AS},
                        "containers": [{
                            **_container("migrate", args, ["migrate", "all", "--target", args.stack,
                                                           "--schema-dir", "/schema"], env),
                            "volumeMounts": mounts,
                        }],
                        "volumes": volumes,
                    },
                },
            },
            opts=opts,
        )

    def _scaler_auths(self, name, args: WorkersArgs, opts) -> list:
        kafka = trigger_authentication(
            f"{name}-kafka-auth", KAFKA_AUTH, NAMESPACE, args.vault_uri, args.keda_client_id,
            args.kafka_password_secret, opts,
            env=({"parameter": "username", "name": KAFKA_USER_ENV},))
        artemis = trigger_authentication(
            f"{name}-artemis-auth", ARTEMIS_AUTH, NAMESPACE, args.vault_uri, args.keda_client_id,
            args.artemis_password_secret, opts)
        return [kafka, artemis]

    def _worker(self, name, args: WorkersArgs, worker: WorkerSpec, opts) -> None:
        labels = {"app": worker.name, "azure.workload.identity/use": "true"}
        env = [{"name": "WORKER_GROUP", "value": worker.group or ""},
               {"name": "WORKER_TOPICS", "value": ",".join(worker.topics)}]
        container = _container(worker.name, args, ["worker", worker.name], env)
        container |= {
            "ports": [{"name": "metrics", "containerPort": METRICS_PORT}],
            "readinessProbe": {"httpGet": {"path": "/metrics", "port": "metrics"}},
            "livenessProbe": {"httpGet": {"path": "/metrics", "port": "metrics"},
                              "periodSeconds": 30},
        }
        deployment = k8s.apps.v1.Deployment(
            f"{name}-{worker.name}",
            metadata={"name": worker.name, "namespace": NAMESPACE, "labels": labels},
            spec={
                "replicas": args.floors[worker.name],
                "selector": {"matchLabels": {"app": worker.name}},
                "strategy": {"rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
                "template": {
                    "metadata": {"labels": labels},
                    "spec": {
                        "serviceAccountName": worker.service,
                        "securityContext": _pod_security(),
                        "terminationGracePeriodSeconds": 60,
                        "containers": [container],
                    },
                },
            },
            opts=opts,
        )
        k8s.apiextensions.CustomResource(
            f"{name}-{worker.name}-scaler",
            api_version="keda.sh/v1alpha1",
            kind="ScaledObject",
            metadata={"name": worker.name, "namespace": NAMESPACE},
            spec={
                "scaleTargetRef": {"name": deployment.metadata["name"]},
                "minReplicaCount": args.floors[worker.name],
                "maxReplicaCount": args.ceilings[worker.name],
                "triggers": _triggers(args, worker),
            },
            opts=opts,
        )


def _triggers(args: WorkersArgs, worker: WorkerSpec) -> list[dict]:
    if worker.queue:
        return [artemis_trigger(worker, args.artemis_host)]
    return kafka_triggers(worker, args.kafka_bootstrap, args.kafka_tls)


def jolokia_url(artemis_host: str) -> str:
    """The broker's management API inside the cluster (the console is plain HTTP everywhere)."""
    return f"http://{artemis_host}:{CONSOLE_PORT}/console/jolokia/"


def _container(name: str, args: WorkersArgs, command: list[str], env=()) -> dict:
    return {
        "name": name,
        "image": args.image,
        "args": command,
        "env": [
            {"name": "DATASPACE_STACK", "value": args.stack},
            {"name": "AZURE_KEYVAULT_URL", "value": args.vault_uri},
            {"name": "KAFKA_BOOTSTRAP_SERVERS", "value": args.kafka_bootstrap},
            {"name": KAFKA_USER_ENV, "value": args.kafka_user},
            *env,
        ],
        "resources": {"requests": {"cpu": "250m", "memory": "256Mi"},
                      "limits": {"memory": "512Mi"}},
        "securityContext": {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                            "capabilities": {"drop": ["ALL"]}},
    }


def _pod_security() -> dict:
    return {"runAsNonRoot": True, "runAsUser": RUN_AS, "seccompProfile": {"type": "RuntimeDefault"}}


def _service_account(name, args: WorkersArgs, service: str, namespace: str, opts):
    return k8s.core.v1.ServiceAccount(
        f"{name}-sa-{service}",
        metadata={
            "name": service,
            "namespace": namespace,
            "annotations": {"azure.workload.identity/client-id": args.client_ids[service]},
        },
        opts=opts,
    )


def _scylla_tls_env() -> list[dict]:
    """What runtime/migrations/targets.py reads to speak CQL over TLS to the operator's port."""
    return [
        {"name": "DATASPACE_SCYLLA_PORT", "value": str(TLS_PORT)},
        {"name": "DATASPACE_SCYLLA_CA_FILE", "value": f"{SCYLLA_TLS_DIR}/ca/ca-bundle.crt"},
        {"name": "DATASPACE_SCYLLA_CERT_FILE", "value": f"{SCYLLA_TLS_DIR}/client/tls.crt"},
        {"name": "DATASPACE_SCYLLA_KEY_FILE", "value": f"{SCYLLA_TLS_DIR}/client/tls.key"},
    ]


def _scylla_tls_volumes(scylla: ScyllaClient) -> tuple[list[dict], list[dict]]:
    """Mounts and volumes for the operator's CA bundle (ConfigMap) and client certificate.

    Only the named keys are projected; the CA's Secret (its private key) is never mounted.
    Volumes follow the operator's rotation; the Job reads them once, at start.
    """
    mounts = [
        {"name": "scylla-ca", "mountPath": f"{SCYLLA_TLS_DIR}/ca", "readOnly": True},
        {"name": "scylla-client", "mountPath": f"{SCYLLA_TLS_DIR}/client", "readOnly": True},
    ]
    volumes = [
        {"name": "scylla-ca", "configMap": {
            "name": scylla.ca_bundle,
            "items": [{"key": "ca-bundle.crt", "path": "ca-bundle.crt"}]}},
        {"name": "scylla-client", "secret": {
            "secretName": scylla.client_certificate,
            "defaultMode": 0o440,
            "items": [{"key": "tls.crt", "path": "tls.crt"},
                      {"key": "tls.key", "path": "tls.key"}]}},
    ]
    return mounts, volumes
