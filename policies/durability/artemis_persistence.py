"""sec-artemis-persistence: prod Artemis brokers keep messages on disk.

``spec.deploymentPlan.persistenceEnabled`` must be true; the operator's default is false,
and a broker without a journal loses every queued alert and notification when its pod
restarts. Prod by default.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, types
from policies.support.props import as_bool, dig, known, shown, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("prod",))


def sec_artemis_persistence_validator(args: ResourceValidationArgs,
                                      report_violation: ReportViolation) -> None:
    """Report a broker without persistence."""
    if rule_for(args, types.ARTEMIS_BROKER, CONFIG) is None:
        return
    value = dig(view(args.props), "spec", "deploymentPlan", "persistenceEnabled")
    if known(value) and as_bool(value) is not True:
        report_violation(f"{args.name}: spec.deploymentPlan.persistenceEnabled is "
                         f"{shown(value)}; set it to true (with a storage size) so queued "
                         f"messages survive a restart.")


sec_artemis_persistence = ResourceValidationPolicy(
    name="sec-artemis-persistence",
    description="In prod, Artemis brokers persist messages.",
    validate=sec_artemis_persistence_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
