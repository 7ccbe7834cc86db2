"""gdpr-artemis-bridges-in-zone: Artemis forwards messages only to brokers of its zone.

A bridge (or any connection the broker opens: connectors, AMQP broker connections) goes
to a host; the host's zone comes from the stack name it starts with or a zone word in it
(``prod-useast-artemis-...``, ``broker-eu...``). A host that names no zone is refused
unless it is an in-cluster service name, and a bridge naming an undeclared connector is
refused, since where it goes cannot be told.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import artemis, settings, types
from policies.support.props import dig, items, view
from policies.support.rules import Scope, rule_for
from policies.support.settings import is_cluster_local

CONFIG = settings.schema()


def _zone_of(rule: Scope, host: str) -> str | None:
    found = rule.zones.host(host)
    if found is None and is_cluster_local(host):
        return rule.stack.zone
    return found


def _targets(props: dict) -> tuple[list[tuple[str, str]], list[str]]:
    """(what, host) pairs the broker connects to, and bridges naming missing connectors."""
    parsed = artemis.parse(dig(props, "spec", "brokerProperties"))
    targets = [(f"connector {name}", params.get("host", ""))
               for name, params in parsed.connectors.items()]
    declared = set(parsed.connectors)
    for connector in items(props, "spec", "connectors"):
        declared.add(str(dig(connector, "name")))
        targets.append((f"connector {dig(connector, 'name')}", str(dig(connector, "host", ""))))
    targets += [(f"AMQP connection {name}", uri)
                for name, uri in parsed.amqp_connections.items()]
    dangling = [f"bridge {bridge} names connector {name}"
                for bridge, settings_ in parsed.bridges.items()
                for name in artemis.connector_names(settings_.get("staticConnectors"))
                if name not in declared]
    return targets, dangling


def gdpr_artemis_bridges_in_zone_validator(args: ResourceValidationArgs,
                                           report_violation: ReportViolation) -> None:
    """Report each broker connection to a host outside the stack's zone."""
    rule = rule_for(args, types.ARTEMIS_BROKER, CONFIG)
    if rule is None:
        return
    zone = rule.stack.zone
    targets, dangling = _targets(view(args.props))
    for what, host in targets:
        found = _zone_of(rule, host)
        if found == zone:
            continue
        where = f"in the {found.upper()} zone" if found else "in no zone this pack can tell"
        report_violation(
            f"{args.name}: {what} goes to {host!r}, {where}, but stack {rule.stack.name} "
            f"is in the {zone.upper()} zone; bridge only to {zone.upper()} brokers, "
            f"named with their stack or region.")
    for text in dangling:
        report_violation(
            f"{args.name}: {text}, which is not declared, so its zone cannot be told; "
            f"declare the connector with its host in connectorConfigurations.")


gdpr_artemis_bridges_in_zone = ResourceValidationPolicy(
    name="gdpr-artemis-bridges-in-zone",
    description="Artemis bridges and broker connections stay in the stack's residency zone.",
    validate=gdpr_artemis_bridges_in_zone_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
