"""gdpr-redis-geo-links-in-zone: a Redis cache is geo-replicated only inside its zone.

A geo-replication link (``LinkedServer``) copies every key to the linked cache; its
``linkedRedisCacheLocation`` must be in the stack's residency zone. The platform declares
no link today; the rule keeps one from appearing across zones.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings
from policies.support.props import dig, known, view
from policies.support.rules import rule_for

CONFIG = settings.schema()

_LINKS = ("azure-native:redis:LinkedServer", "azure-native:cache:LinkedServer")


def gdpr_redis_geo_links_in_zone_validator(args: ResourceValidationArgs,
                                           report_violation: ReportViolation) -> None:
    """Report a geo-replication link to a cache outside the stack's zone."""
    rule = rule_for(args, _LINKS, CONFIG)
    if rule is None:
        return
    zone = rule.stack.zone
    location = dig(view(args.props), "linkedRedisCacheLocation")
    if not known(location):
        return
    found = rule.zones.location(location)
    if found == zone:
        return
    where = f"in the {found.upper()} zone" if found else "in no known zone"
    report_violation(
        f"{args.name}: linkedRedisCacheLocation {location!r} is {where}, but stack "
        f"{rule.stack.name} is in the {zone.upper()} zone; link only to a cache in a "
        f"{zone.upper()} location, or remove the link.")


gdpr_redis_geo_links_in_zone = ResourceValidationPolicy(
    name="gdpr-redis-geo-links-in-zone",
    description="Redis geo-replication links stay in the stack's residency zone.",
    validate=gdpr_redis_geo_links_in_zone_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
