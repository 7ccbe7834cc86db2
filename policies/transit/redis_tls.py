"""sec-redis-tls: Azure Cache for Redis speaks TLS 1.2 or newer only.

The non-TLS port (6379) must stay closed (``enableNonSslPort`` not true) and
``minimumTlsVersion`` must be set to 1.2 or newer. Staging and prod by default.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, tls, types
from policies.support.props import as_bool, known, shown, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("staging", "prod"))


def sec_redis_tls_validator(args: ResourceValidationArgs,
                            report_violation: ReportViolation) -> None:
    """Report an open non-TLS port or a minimum TLS version below 1.2."""
    if rule_for(args, types.REDIS_CACHES, CONFIG) is None:
        return
    props = view(args.props)
    if as_bool(props.get("enableNonSslPort")):
        report_violation(
            f"{args.name}: enableNonSslPort is true, which opens port 6379 without TLS; "
            f"set enableNonSslPort to false.")
    version = props.get("minimumTlsVersion")
    if known(version) and not tls.modern(version):
        report_violation(
            f"{args.name}: minimumTlsVersion is {shown(version)}; set minimumTlsVersion to '1.2'.")


sec_redis_tls = ResourceValidationPolicy(
    name="sec-redis-tls",
    description="Redis caches close the non-TLS port and require TLS 1.2 or newer.",
    validate=sec_redis_tls_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
