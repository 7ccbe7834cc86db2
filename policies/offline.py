"""The pack's policies run over an offline plan, as ``pulumi preview`` would run them.

A plan (the JSON contract of ``dataspace plan``, see docs/plan-format.md) records each
resource's inputs as the engine receives them, except that secrets read ``"[secret]"``,
unknowns ``"[unknown]"`` and numbers may be integers. ``evaluate`` turns each resource back
into what the pack's analyzer hands a validator (secrets as ``pulumi_policy.Secret``,
unknowns as the engine's sentinels behind the SDK's unknown-checking proxy, numbers as
floats, as gRPC carries them) and calls the very policy objects ``policies/__main__.py``
serves, with their default config.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Secret,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, unknown_checking_proxy

from policies.pack import POLICIES

SECRET = "[secret]"
UNKNOWN = "[unknown]"


@dataclass(frozen=True)
class Violation:
    """One finding: the policy, its enforcement level (``mandatory`` or ``advisory``), the
    resource (``urn`` and ``name`` are None for a finding about the whole stack) and what to
    change."""

    policy: str
    enforcement: str
    urn: str | None
    name: str | None
    message: str


def evaluate(plan: dict) -> list[Violation]:
    """Every violation the pack finds in one plan, mandatory ones first, then by policy,
    resource URN and message."""
    return evaluate_with(plan, POLICIES)


def evaluate_with(plan: dict, policies: Iterable[Policy]) -> list[Violation]:
    """The violations some of the pack's policies find in one plan, ordered as by
    ``evaluate``."""
    records = plan["resources"]
    names = {record["urn"]: record["name"] for record in records}
    resources = [_resource(record) for record in records]
    by_urn = {resource.urn: resource for resource in resources}
    for resource in resources:
        resource.parent = by_urn.get(resource.opts.parent)

    found: list[Violation] = []
    for policy in policies:
        if isinstance(policy, ResourceValidationPolicy):
            for resource in resources:
                args = ResourceValidationArgs(resource.resource_type, resource.props,
                                              resource.urn, resource.name, resource.opts, None)
                policy.validate(args, _reporter(found, policy, names, resource.urn))
        elif isinstance(policy, StackValidationPolicy):
            policy.validate(StackValidationArgs(resources), _reporter(found, policy, names))
    return sorted(found, key=lambda v: (v.enforcement != "mandatory", v.policy, v.urn or "",
                                        v.message))


def _reporter(found: list[Violation], policy: Policy, names: dict[str, str],
              resource_urn: str | None = None) -> Callable[..., None]:
    """The report_violation callback of one policy run. As in the engine, a resource
    policy's finding is about the resource it validated, whatever URN it names."""
    level = (policy.enforcement_level or EnforcementLevel.ADVISORY).value

    def report(message: str, urn: str | None = None) -> None:
        target = resource_urn or urn or None
        name = names.get(target, target.rsplit("::", 1)[-1]) if target else None
        found.append(Violation(policy.name, level, target, name, message))

    return report


def _resource(record: dict) -> PolicyResource:
    props = unknown_checking_proxy(_wire(record.get("props") or {}))
    opts = PolicyResourceOptions(False, [], None, [], PolicyCustomTimeouts(0, 0, 0), [],
                                 record.get("parent"))
    return PolicyResource(record["type"], props, record["urn"], record["name"], opts, None,
                          None, [], {})


def _wire(value: Any) -> Any:
    """A plan value as the analyzer's deserializer leaves it."""
    if isinstance(value, dict):
        return {key: _wire(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_wire(item) for item in value]
    if value == SECRET:
        return Secret(SECRET)
    if value == UNKNOWN:
        return UNKNOWN_STRING_VALUE
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
