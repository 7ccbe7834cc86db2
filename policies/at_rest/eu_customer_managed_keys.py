"""gdpr-eu-customer-managed-keys: EU data is encrypted at rest with keys the platform holds.

In an EU stack, Atlas clusters encrypt with a Key Vault key of the same region and SQL
Managed Instances use TDE with a customer-managed key (see
``policies.at_rest.customer_keys``). Mandatory; other zones get the advisory
``sec-customer-managed-keys``.
"""

from pulumi_policy import EnforcementLevel, StackValidationPolicy

from policies.at_rest.customer_keys import validator
from policies.support import settings

CONFIG = settings.schema()

gdpr_eu_customer_managed_keys_validator = validator(in_eu=True, config=CONFIG)

gdpr_eu_customer_managed_keys = StackValidationPolicy(
    name="gdpr-eu-customer-managed-keys",
    description="In an EU stack, Atlas and SQL Managed Instance data is encrypted at rest "
                "with customer-managed keys in the same region.",
    validate=gdpr_eu_customer_managed_keys_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
