"""Pinned Helm charts of the operators the platform runs, and one way to install them."""

from dataclasses import dataclass

import pulumi
import pulumi_kubernetes as k8s


@dataclass(frozen=True)
class Chart:
    """A chart pinned to one version from one repository."""

    name: str
    version: str
    repo: str


CERT_MANAGER = Chart("cert-manager", "v1.16.2", "https://charts.jetstack.io")
SCYLLA_OPERATOR = Chart(
    "scylla-operator", "v1.15.0", "https://scylla-operator-charts.storage.googleapis.com/stable"
)
KEDA = Chart("keda", "2.16.1", "https://kedacore.github.io/charts")


def install(name: str, chart: Chart, namespace: str, values: dict,
            opts: pulumi.ResourceOptions) -> k8s.helm.v3.Release:
    """A Helm release of ``chart`` into its own namespace."""
    return k8s.helm.v3.Release(
        name,
        chart=chart.name,
        version=chart.version,
        namespace=namespace,
        create_namespace=True,
        repository_opts=k8s.helm.v3.RepositoryOptsArgs(repo=chart.repo),
        values=values,
        opts=opts,
    )
