"""gdpr-eu-customer-managed-keys: EU data is encrypted at rest with keys the platform holds.

In an EU stack, Atlas clusters encrypt with a Key Vault key of the same region and SQL
Managed Instances use TDE with a customer-managed key (see
``policies.at_rest.customer_keys``). Mandatory; other zones get the advisory
``sec-customer-managed-keys``.
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


def gdpr_eu_customer_managed_keys_validator(args: StackValidationArgs,
                                            report_violation: ReportViolation) -> None:
    """Report every shortfall of customer-managed encryption at rest in an EU stack."""
    urn = first_urn(args.resources)
    if urn is None:
        return
    rule = scope(urn, args.get_config(), CONFIG)
    if not rule.stack.is_eu:
        return
    for finding in findings(rule, args.resources):
        report_violation(finding.message, finding.urn)


gdpr_eu_customer_managed_keys = StackValidationPolicy(
    name="gdpr-eu-customer-managed-keys",
    description="In an EU stack, Atlas and SQL Managed Instance data is encrypted at rest "
                "with customer-managed keys in the same region.",
    validate=gdpr_eu_customer_managed_keys_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
