"""sec-sql-mi-no-public-endpoint: a SQL Managed Instance has no public data endpoint.

``publicDataEndpointEnabled`` opens port 3342 of the instance to the internet; clients
reach it through its VNet (and the failover partner through VNet peering) instead.
Staging and prod by default.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings, types
from policies.support.props import as_bool, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("staging", "prod"))


def sec_sql_mi_no_public_endpoint_validator(args: ResourceValidationArgs,
                                            report_violation: ReportViolation) -> None:
    """Report a managed instance whose public data endpoint is enabled."""
    if rule_for(args, types.SQL_INSTANCE, CONFIG) is None:
        return
    if as_bool(view(args.props).get("publicDataEndpointEnabled")) is True:
        report_violation(
            f"{args.name}: publicDataEndpointEnabled is true, which opens the instance's data "
            f"endpoint to the internet; set publicDataEndpointEnabled to false and connect "
            f"through the instance's VNet.")


sec_sql_mi_no_public_endpoint = ResourceValidationPolicy(
    name="sec-sql-mi-no-public-endpoint",
    description="SQL Managed Instances have no public data endpoint.",
    validate=sec_sql_mi_no_public_endpoint_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
