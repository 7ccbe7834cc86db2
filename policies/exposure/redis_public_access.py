"""sec-redis-no-public-access: Azure Cache for Redis is reached through its private endpoint.

``publicNetworkAccess`` must be ``Disabled``; Azure enables it when it is not set.
Staging and prod by default.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, types
from policies.support.props import known, shown, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("staging", "prod"))


def sec_redis_no_public_access_validator(args: ResourceValidationArgs,
                                         report_violation: ReportViolation) -> None:
    """Report a cache whose public network access is not disabled."""
    if rule_for(args, types.REDIS_CACHES, CONFIG) is None:
        return
    value = view(args.props).get("publicNetworkAccess")
    if not known(value) or str(value).lower() == "disabled":
        return
    report_violation(
        f"{args.name}: publicNetworkAccess is {shown(value)}, so the cache answers on the "
        f"internet; set publicNetworkAccess to 'Disabled' and reach it through its private "
        f"endpoint.")


sec_redis_no_public_access = ResourceValidationPolicy(
    name="sec-redis-no-public-access",
    description="Redis caches disable public network access.",
    validate=sec_redis_no_public_access_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
