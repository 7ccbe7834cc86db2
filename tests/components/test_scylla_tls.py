"""The migration Job reaches Scylla the way the operator serves CQL over TLS: on 9142, trusting
the cluster's CA bundle and presenting its client certificate, from the cluster's namespace."""

import pytest

from stacks import CLOUD_STACKS
from tests.conftest import of_type

# Every cloud stack sets tls (stacks/defaults.py), dev included.
TLS_STACKS = CLOUD_STACKS


def _cluster(plan: dict) -> dict:
    (cluster,) = of_type(plan, "kubernetes:scylla.scylladb.com/v1:ScyllaCluster")
    return cluster["props"]["metadata"]


def _job(plan: dict) -> dict:
    (job,) = of_type(plan, "kubernetes:batch/v1:Job")
    return job["props"]


def _env(job: dict) -> dict[str, str]:
    (container,) = job["spec"]["template"]["spec"]["containers"]
    return {e["name"]: e["value"] for e in container["env"]}


def _mounted_file(job: dict, path: str) -> tuple[dict, str]:
    """The volume a file path in the container lies on, and the key projected there."""
    pod = job["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    (mount,) = [m for m in container["volumeMounts"]
                if path.startswith(m["mountPath"].rstrip("/") + "/")]
    (volume,) = [v for v in pod["volumes"] if v["name"] == mount["name"]]
    source = volume.get("configMap") or volume.get("secret")
    (key,) = [i["key"] for i in source["items"]
              if f"{mount['mountPath']}/{i['path']}" == path]
    return volume, key


@pytest.mark.parametrize("stack", TLS_STACKS)
def test_the_job_its_account_and_schema_live_in_the_scylla_clusters_namespace(plans, stack):
    plan = plans[stack]
    namespace = _cluster(plan)["namespace"]
    job = _job(plan)
    (schema,) = of_type(plan, "kubernetes:core/v1:ConfigMap")
    (account,) = [a for a in of_type(plan, "kubernetes:core/v1:ServiceAccount")
                  if a["props"]["metadata"]["name"] == job["spec"]["template"]["spec"][
                      "serviceAccountName"]]

    assert job["metadata"]["namespace"] == namespace
    assert schema["props"]["metadata"]["namespace"] == namespace
    assert account["props"]["metadata"]["namespace"] == namespace


@pytest.mark.parametrize("stack", TLS_STACKS)
def test_the_job_mounts_the_ca_bundle_configmap_and_the_client_secret_read_only(plans, stack):
    plan = plans[stack]
    cluster = _cluster(plan)["name"]
    job = _job(plan)
    pod = job["spec"]["template"]["spec"]
    (container,) = pod["containers"]

    secrets = {v["secret"]["secretName"] for v in pod["volumes"] if "secret" in v}
    config_maps = {v["configMap"]["name"] for v in pod["volumes"] if "configMap" in v}
    assert secrets == {f"{cluster}-local-user-admin"}  # never the CA's Secret (its key)
    assert f"{cluster}-local-serving-ca" in config_maps
    assert all(m.get("readOnly") for m in container["volumeMounts"])


@pytest.mark.parametrize("stack", TLS_STACKS)
def test_the_jobs_tls_variables_point_at_port_9142_and_the_mounted_files(plans, stack):
    plan = plans[stack]
    cluster = _cluster(plan)["name"]
    job = _job(plan)
    env = _env(job)

    assert env["DATASPACE_SCYLLA_PORT"] == "9142"
    ca, ca_key = _mounted_file(job, env["DATASPACE_SCYLLA_CA_FILE"])
    cert, cert_key = _mounted_file(job, env["DATASPACE_SCYLLA_CERT_FILE"])
    key, key_key = _mounted_file(job, env["DATASPACE_SCYLLA_KEY_FILE"])
    assert (ca["configMap"]["name"], ca_key) == (f"{cluster}-local-serving-ca", "ca-bundle.crt")
    assert (cert["secret"]["secretName"], cert_key) == (f"{cluster}-local-user-admin", "tls.crt")
    assert (key["secret"]["secretName"], key_key) == (f"{cluster}-local-user-admin", "tls.key")


@pytest.mark.parametrize("stack", TLS_STACKS)
def test_the_client_key_is_readable_by_the_jobs_group_only(plans, stack):
    pod = _job(plans[stack])["spec"]["template"]["spec"]
    (client,) = [v["secret"] for v in pod["volumes"] if "secret" in v]

    assert client["defaultMode"] == 0o440
    assert pod["securityContext"]["fsGroup"] == pod["securityContext"]["runAsUser"]


@pytest.mark.parametrize("stack", TLS_STACKS)
def test_the_migrators_federated_credential_names_its_account_in_the_clusters_namespace(
        plans, stack):
    plan = plans[stack]
    namespace = _cluster(plan)["namespace"]
    subjects = {f["props"]["federatedIdentityCredentialResourceName"]: f["props"]["subject"]
                for f in of_type(plan, "azure-native:managedidentity:FederatedIdentityCredential")}

    assert subjects["aks-schema-migrator"] == f"system:serviceaccount:{namespace}:schema-migrator"
    assert subjects["aks-analytics-ingestion"] == (
        "system:serviceaccount:dataspace:analytics-ingestion")  # the workers stay put
