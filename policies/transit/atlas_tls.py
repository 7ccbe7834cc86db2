"""sec-atlas-tls: an Atlas cluster accepts TLS 1.2 or newer only.

``advancedConfiguration.minimumEnabledTlsProtocol`` must be set to TLS1_2 or TLS1_3.
Staging and prod by default.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, tls, types
from policies.support.props import dig, known, shown, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("staging", "prod"))


def sec_atlas_tls_validator(args: ResourceValidationArgs,
                            report_violation: ReportViolation) -> None:
    """Report a cluster whose minimum TLS protocol is missing or below 1.2."""
    if rule_for(args, types.ATLAS_CLUSTERS, CONFIG) is None:
        return
    value = dig(view(args.props), "advancedConfiguration", "minimumEnabledTlsProtocol")
    if not known(value) or tls.modern(value):
        return
    report_violation(
        f"{args.name}: advancedConfiguration.minimumEnabledTlsProtocol is {shown(value)}; set it "
        f"to 'TLS1_2'.")


sec_atlas_tls = ResourceValidationPolicy(
    name="sec-atlas-tls",
    description="Atlas clusters require TLS 1.2 or newer.",
    validate=sec_atlas_tls_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
