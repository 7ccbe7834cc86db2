"""sec-required-tags: every taggable Azure resource says whose it is and what it holds.

Each ``azure-native`` resource, except the types Azure cannot tag (``untaggableTypes``:
role assignments, subnets, ...), carries the ``requiredTags`` (environment, region,
data-zone, owner, data-classification) with non-empty values; ``environment`` and
``data-zone`` must also match the stack's environment and residency zone, since cost
reports and data-protection reviews group resources by them. Every environment.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings
from policies.support.props import known, view
from policies.support.rules import scope

CONFIG = settings.schema(
    requiredTags={
        "type": "array", "items": {"type": "string"},
        "default": ["environment", "region", "data-zone", "owner", "data-classification"],
        "description": "Tags every taggable Azure resource carries.",
    },
    untaggableTypes={
        "type": "array", "items": {"type": "string"},
        "default": [
            "azure-native:authorization:RoleAssignment",
            "azure-native:authorization:RoleDefinition",
            "azure-native:managedidentity:FederatedIdentityCredential",
            "azure-native:network:PrivateDnsZoneGroup",
            "azure-native:network:Subnet",
            "azure-native:redis:LinkedServer",
            "azure-native:sql:InstanceFailoverGroup",
            "azure-native:sql:ManagedInstanceLongTermRetentionPolicy",
        ],
        "description": "Azure resource types that take no tags.",
    },
)

_AZURE = "azure-native:"


def sec_required_tags_validator(args: ResourceValidationArgs,
                                report_violation: ReportViolation) -> None:
    """Report missing or empty required tags, and environment or zone tags that do not
    match the stack."""
    if not args.resource_type.startswith(_AZURE):
        return
    rule = scope(args.urn, args.get_config(), CONFIG)
    if args.resource_type in rule.get("untaggableTypes"):
        return
    tags = view(args.props).get("tags")
    if not known(tags):
        return
    tags = tags if isinstance(tags, dict) else {}
    missing = [key for key in rule.get("requiredTags")
               if known(tags.get(key)) and not str(tags.get(key) or "").strip()]
    if missing:
        report_violation(f"{args.name}: tags lack {', '.join(missing)}; add them with the "
                         f"stack's values.")
    expected = {"environment": rule.stack.environment, "data-zone": rule.stack.zone}
    for key, value in expected.items():
        given = tags.get(key)
        if isinstance(given, str) and given.strip() and given != value:
            report_violation(f"{args.name}: tag {key} is {given!r} but stack "
                             f"{rule.stack.name} is {value!r}; set tag {key} to {value!r}.")


sec_required_tags = ResourceValidationPolicy(
    name="sec-required-tags",
    description="Taggable Azure resources carry the environment, region, data-zone, owner "
                "and data-classification tags.",
    validate=sec_required_tags_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
