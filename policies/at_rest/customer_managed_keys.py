"""sec-customer-managed-keys (advisory): encryption at rest with customer-managed keys
outside the EU.

The same requirements as ``gdpr-eu-customer-managed-keys`` (see
``policies.at_rest.customer_keys``), reported as advice in stacks of other zones, where
service-managed keys are acceptable but not preferred.
"""

from pulumi_policy import EnforcementLevel, StackValidationPolicy

from policies.at_rest.customer_keys import validator
from policies.support import settings

CONFIG = settings.schema()

sec_customer_managed_keys_validator = validator(in_eu=False, config=CONFIG)

sec_customer_managed_keys = StackValidationPolicy(
    name="sec-customer-managed-keys",
    description="Outside the EU, Atlas and SQL Managed Instance data should be encrypted at "
                "rest with customer-managed keys in the same region.",
    validate=sec_customer_managed_keys_validator,
    enforcement_level=EnforcementLevel.ADVISORY,
    config_schema=CONFIG,
)
