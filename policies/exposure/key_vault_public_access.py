"""sec-key-vault-no-public-access: a Key Vault is reached through its private endpoint only.

``properties.publicNetworkAccess`` must be ``Disabled``; Azure enables it when it is not
set, and then the vault's firewall is all that stands between the internet and the keys.
Staging and prod by default.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, types
from policies.support.props import dig, known, shown, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("staging", "prod"))


def sec_key_vault_no_public_access_validator(args: ResourceValidationArgs,
                                             report_violation: ReportViolation) -> None:
    """Report a vault whose public network access is not disabled."""
    if rule_for(args, types.KEY_VAULT, CONFIG) is None:
        return
    value = dig(view(args.props), "properties", "publicNetworkAccess")
    if not known(value) or str(value).lower() == "disabled":
        return
    report_violation(
        f"{args.name}: properties.publicNetworkAccess is {shown(value)}, so the vault "
        f"answers on the internet; set properties.publicNetworkAccess to 'Disabled' and "
        f"reach it through its private endpoint.")


sec_key_vault_no_public_access = ResourceValidationPolicy(
    name="sec-key-vault-no-public-access",
    description="Key Vaults disable public network access.",
    validate=sec_key_vault_no_public_access_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
