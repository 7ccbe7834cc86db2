"""sec-sql-mi-tls: a SQL Managed Instance accepts TLS 1.2 or newer only.

``minimalTlsVersion`` must be set to 1.2 (or newer); ``None`` or an older version lets
clients connect with TLS 1.0/1.1, and leaving it out leaves the choice to the API's
default of the day. Staging and prod by default.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, tls, types
from policies.support.props import known, shown, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("staging", "prod"))


def sec_sql_mi_tls_validator(args: ResourceValidationArgs,
                             report_violation: ReportViolation) -> None:
    """Report a managed instance whose minimal TLS version is missing or below 1.2."""
    if rule_for(args, types.SQL_INSTANCE, CONFIG) is None:
        return
    value = view(args.props).get("minimalTlsVersion")
    if not known(value) or tls.modern(value):
        return
    report_violation(
        f"{args.name}: minimalTlsVersion is {shown(value)}; set minimalTlsVersion to '1.2' so "
        f"clients cannot fall back to TLS 1.0 or 1.1.")


sec_sql_mi_tls = ResourceValidationPolicy(
    name="sec-sql-mi-tls",
    description="SQL Managed Instances require TLS 1.2 or newer.",
    validate=sec_sql_mi_tls_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
