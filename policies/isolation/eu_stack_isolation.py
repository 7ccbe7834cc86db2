"""gdpr-eu-stack-isolation: an EU stack depends on nothing outside the EU.

Two ways a stack reaches across zones without declaring a resource there: a
StackReference (reading another stack's outputs, which couples deployments and invites
data to flow), and a provider configured for another place (an ``azure-native`` provider
with a US ``location``, a Kafka provider whose bootstrap servers are US brokers). In an
EU stack, every referenced stack must be an EU stack and every provider's location,
region and broker hosts must be EU. Provider values the engine does not know yet, and
the Kubernetes provider's kubeconfig (a secret), are not read.
"""

from collections.abc import Iterator

from pulumi_policy import (
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from policies.support import settings, zones
from policies.support.context import context_of, referenced_stack
from policies.support.props import as_list, known, view
from policies.support.rules import Scope, first_urn, scope

CONFIG = settings.schema()

_REFERENCE = "pulumi:pulumi:StackReference"
_PLACE_KEYS = ("location", "region", "regionName")
_HOST_KEYS = ("bootstrapServers", "brokers", "host", "endpoint", "server")


def _provider_places(rule: Scope, props: dict) -> Iterator[tuple[str, str, str | None]]:
    """(key, value, zone) for every place or host a provider is configured with."""
    for key in _PLACE_KEYS:
        value = props.get(key)
        if isinstance(value, str) and known(value):
            yield key, value, rule.zones.region(value)
    for key in _HOST_KEYS:
        for host in as_list(props.get(key)):
            if isinstance(host, str) and host:
                yield key, host, rule.zones.host(host)


def _check_reference(rule: Scope, resource: PolicyResource, report: ReportViolation) -> None:
    name = view(resource.props).get("name", resource.name)
    if not isinstance(name, str) or not known(name):
        return
    target = context_of(referenced_stack(name), rule.zones)
    if target.is_eu:
        return
    report(f"{resource.name}: EU stack {rule.stack.name} references stack {target.name} "
           f"in the {target.zone.upper()} zone; remove the StackReference, or pass what it "
           f"reads as config of this stack.", resource.urn)


def _check_provider(rule: Scope, resource: PolicyResource, report: ReportViolation) -> None:
    for key, value, zone in _provider_places(rule, view(resource.props)):
        if zone in (zones.EU, "global"):
            continue
        where = f"in the {zone.upper()} zone" if zone else "not known to be in the EU"
        report(f"{resource.name}: provider {key} {value!r} is {where}; a provider of EU "
               f"stack {rule.stack.name} is configured for the EU only: set {key} to an "
               f"EU value.", resource.urn)


def gdpr_eu_stack_isolation_validator(args: StackValidationArgs,
                                      report_violation: ReportViolation) -> None:
    """Report every reference to a non-EU stack and every non-EU provider of an EU stack."""
    urn = first_urn(args.resources)
    if urn is None:
        return
    rule = scope(urn, args.get_config(), CONFIG)
    if not rule.stack.is_eu:
        return
    for resource in args.resources:
        if resource.resource_type == _REFERENCE:
            _check_reference(rule, resource, report_violation)
        elif resource.resource_type.startswith("pulumi:providers:"):
            _check_provider(rule, resource, report_violation)


gdpr_eu_stack_isolation = StackValidationPolicy(
    name="gdpr-eu-stack-isolation",
    description="An EU stack references no non-EU stack and no provider configured for a "
                "non-EU location.",
    validate=gdpr_eu_stack_isolation_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
