"""sec-customer-managed-keys (advisory): encryption at rest with customer-managed keys
outside the EU.

The same requirements as ``gdpr-eu-customer-managed-keys`` (see
``policies.at_rest.customer_keys``), reported as advice in stacks of other zones, where
service-managed keys are acceptable but not preferred.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from policies.at_rest.customer_keys import findings
from policies.support import settings
from policies.support.rules import first_urn, scope

CONFIG = settings.schema()


def sec_customer_managed_keys_validator(args: StackValidationArgs,
                                        report_violation: ReportViolation) -> None:
    """Report every shortfall of customer-managed encryption at rest outside the EU."""
    urn = first_urn(args.resources)
    if urn is None:
        return
    rule = scope(urn, args.get_config(), CONFIG)
    if rule.stack.is_eu:
        return
    for finding in findings(rule, args.resources):
        report_violation(finding.message, finding.urn)


sec_customer_managed_keys = StackValidationPolicy(
    name="sec-customer-managed-keys",
    description="Outside the EU, Atlas and SQL Managed Instance data should be encrypted at "
                "rest with customer-managed keys in the same region.",
    validate=sec_customer_managed_keys_validator,
    enforcement_level=EnforcementLevel.ADVISORY,
    config_schema=CONFIG,
)
