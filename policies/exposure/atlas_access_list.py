"""sec-atlas-no-open-access-list: no Atlas project admits the whole internet.

Clusters are reached through their private endpoint; an IP access list entry for
``0.0.0.0/0`` (or any public range wider than a /8, which amounts to the same) opens
every cluster of the project to connection attempts from anywhere. Staging and prod by
default.
"""

import ipaddress

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings
from policies.support.props import known, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("staging", "prod"))

_ACCESS_LIST = "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList"
_WIDEST_PREFIX = 8


def _open(block: str) -> bool:
    try:
        network = ipaddress.ip_network(block.strip(), strict=False)
    except ValueError:
        return False
    return network.prefixlen < _WIDEST_PREFIX and not network.is_private


def sec_atlas_no_open_access_list_validator(args: ResourceValidationArgs,
                                            report_violation: ReportViolation) -> None:
    """Report an access list entry that admits the internet."""
    if rule_for(args, _ACCESS_LIST, CONFIG) is None:
        return
    block = view(args.props).get("cidrBlock")
    if not isinstance(block, str) or not known(block) or not _open(block):
        return
    report_violation(
        f"{args.name}: cidrBlock {block!r} admits the whole internet to the project's "
        f"clusters; list only the addresses that must connect, or remove the entry and use "
        f"the private endpoint.")


sec_atlas_no_open_access_list = ResourceValidationPolicy(
    name="sec-atlas-no-open-access-list",
    description="Atlas IP access lists do not admit the whole internet.",
    validate=sec_atlas_no_open_access_list_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
