"""sec-storage-no-public-access: a storage account is private and serves no anonymous blobs.

The platform's storage accounts hold Redis snapshots, that is copies of cached data.
``publicNetworkAccess`` must be ``Disabled`` (Azure enables it when it is not set) and
``allowBlobPublicAccess`` must not be true. Staging and prod by default.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings
from policies.support.props import as_bool, known, shown, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("staging", "prod"))

_ACCOUNT = "azure-native:storage:StorageAccount"


def sec_storage_no_public_access_validator(args: ResourceValidationArgs,
                                           report_violation: ReportViolation) -> None:
    """Report an account open to the internet or allowing anonymous blob reads."""
    if rule_for(args, _ACCOUNT, CONFIG) is None:
        return
    props = view(args.props)
    value = props.get("publicNetworkAccess")
    if known(value) and str(value).lower() != "disabled":
        report_violation(
            f"{args.name}: publicNetworkAccess is {shown(value)}, so the account answers on "
            f"the internet; set publicNetworkAccess to 'Disabled'.")
    if as_bool(props.get("allowBlobPublicAccess")) is True:
        report_violation(
            f"{args.name}: allowBlobPublicAccess is true, which lets containers serve blobs "
            f"anonymously; set allowBlobPublicAccess to false.")


sec_storage_no_public_access = ResourceValidationPolicy(
    name="sec-storage-no-public-access",
    description="Storage accounts disable public network access and anonymous blob access.",
    validate=sec_storage_no_public_access_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
