"""sec-k8s-no-public-load-balancer: no Kubernetes service gets a public load balancer.

On AKS a Service of type ``LoadBalancer`` gets a public IP unless it carries the
``service.beta.kubernetes.io/azure-load-balancer-internal: "true"`` annotation. The rule
reads Services and the per-node Services a ScyllaCluster asks its operator for
(``spec.exposeOptions.nodeService``). Staging and prod by default.
"""

from collections.abc import Iterator

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, types
from policies.support.props import as_bool, dig, known, view
from policies.support.rules import scope

CONFIG = settings.schema(environments=("staging", "prod"))

_SERVICE = "kubernetes:core/v1:Service"
INTERNAL = "service.beta.kubernetes.io/azure-load-balancer-internal"


def _load_balancers(resource_type: str, props: dict) -> Iterator[tuple[str, object, object]]:
    """(where, service type, annotations) of each service the resource declares."""
    if resource_type == _SERVICE:
        yield "spec.type", dig(props, "spec", "type"), dig(props, "metadata", "annotations")
    elif resource_type == types.SCYLLA_CLUSTER:
        node_service = dig(props, "spec", "exposeOptions", "nodeService")
        yield ("spec.exposeOptions.nodeService.type", dig(node_service, "type"),
               dig(node_service, "annotations"))


def sec_k8s_no_public_load_balancer_validator(args: ResourceValidationArgs,
                                              report_violation: ReportViolation) -> None:
    """Report a LoadBalancer service without the internal-load-balancer annotation."""
    if args.resource_type not in (_SERVICE, types.SCYLLA_CLUSTER):
        return
    if not scope(args.urn, args.get_config(), CONFIG).applies:
        return
    for where, kind, annotations in _load_balancers(args.resource_type, view(args.props)):
        if kind != "LoadBalancer" or not known(annotations):
            continue
        if as_bool(dig(annotations, INTERNAL)) is True:
            continue
        report_violation(
            f"{args.name}: {where} is LoadBalancer without the {INTERNAL}: \"true\" "
            f"annotation, so AKS gives it a public IP; annotate it as internal or use "
            f"ClusterIP.")


sec_k8s_no_public_load_balancer = ResourceValidationPolicy(
    name="sec-k8s-no-public-load-balancer",
    description="Kubernetes LoadBalancer services are internal.",
    validate=sec_k8s_no_public_load_balancer_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
