"""sec-key-vault-recoverable: a deleted Key Vault, key or secret can be recovered for 90 days.

``properties.enableSoftDelete`` must not be false, ``softDeleteRetentionInDays`` at least
``minRetentionDays`` (90; Azure's default when unset) and ``enablePurgeProtection`` true,
so nobody (a compromised deployer included) can purge what soft delete keeps. Every
environment: a purged key makes the data encrypted with it unreadable.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, types
from policies.support.props import as_bool, as_int, dig, known, shown, view
from policies.support.rules import rule_for

AZURE_DEFAULT_DAYS = 90

CONFIG = settings.schema(minRetentionDays={
    "type": "integer", "minimum": 7, "maximum": 90, "default": 90,
    "description": "Fewest days soft delete keeps a deleted vault, key or secret.",
})


def sec_key_vault_recoverable_validator(args: ResourceValidationArgs,
                                        report_violation: ReportViolation) -> None:
    """Report a vault without soft delete, with a short retention or without purge
    protection."""
    rule = rule_for(args, types.KEY_VAULT, CONFIG)
    if rule is None:
        return
    minimum = as_int(rule.get("minRetentionDays"))
    props = dig(view(args.props), "properties", default={})
    if as_bool(dig(props, "enableSoftDelete")) is False:
        report_violation(f"{args.name}: properties.enableSoftDelete is false; set it to true "
                         f"so deleted keys and secrets can be recovered.")
    days = dig(props, "softDeleteRetentionInDays")
    kept = AZURE_DEFAULT_DAYS if days is None else as_int(days)
    if known(days) and (kept is None or kept < minimum):
        report_violation(f"{args.name}: properties.softDeleteRetentionInDays is {shown(days)}; "
                         f"set it to {minimum} or more.")
    purge = dig(props, "enablePurgeProtection")
    if known(purge) and as_bool(purge) is not True:
        report_violation(f"{args.name}: properties.enablePurgeProtection is {shown(purge)}; "
                         f"set it to true so soft-deleted keys and secrets cannot be purged "
                         f"before their retention ends.")


sec_key_vault_recoverable = ResourceValidationPolicy(
    name="sec-key-vault-recoverable",
    description="Key Vaults keep deleted keys and secrets recoverable: soft delete for 90 "
                "days and purge protection.",
    validate=sec_key_vault_recoverable_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
