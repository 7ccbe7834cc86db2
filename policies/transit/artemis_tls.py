"""sec-artemis-tls: every Artemis acceptor and outgoing connector uses TLS 1.2 or newer.

Each ``spec.acceptors[]`` entry needs ``sslEnabled: true`` and ``enabledProtocols``
naming only TLSv1.2/TLSv1.3; each connector declared in ``brokerProperties`` (bridges
use them) needs ``params.sslEnabled=true`` and, likewise, modern ``enabledProtocols``.
Staging and prod by default.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import artemis, settings, tls, types
from policies.support.props import as_bool, dig, items, known, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("staging", "prod"))


def _problems(ssl: object, protocols: object) -> list[str]:
    found = []
    if known(ssl) and as_bool(ssl) is not True:
        found.append("set sslEnabled to true")
    if known(protocols) and not tls.protocols_modern(protocols):
        found.append("set enabledProtocols to 'TLSv1.2,TLSv1.3'")
    return found


def sec_artemis_tls_validator(args: ResourceValidationArgs,
                              report_violation: ReportViolation) -> None:
    """Report each acceptor or connector without TLS 1.2 or newer."""
    if rule_for(args, types.ARTEMIS_BROKER, CONFIG) is None:
        return
    props = view(args.props)
    for acceptor in items(props, "spec", "acceptors"):
        fixes = _problems(dig(acceptor, "sslEnabled"), dig(acceptor, "enabledProtocols"))
        if fixes:
            report_violation(f"{args.name}: acceptor {dig(acceptor, 'name')} is not limited "
                             f"to TLS 1.2+; {' and '.join(fixes)}.")
    parsed = artemis.parse(dig(props, "spec", "brokerProperties"))
    for name, params in parsed.connectors.items():
        fixes = _problems(params.get("sslEnabled"), params.get("enabledProtocols"))
        if fixes:
            report_violation(f"{args.name}: connector {name} is not limited to TLS 1.2+; "
                             f"in connectorConfigurations.{name}.params "
                             f"{' and '.join(fixes)}.")


sec_artemis_tls = ResourceValidationPolicy(
    name="sec-artemis-tls",
    description="Artemis acceptors and connectors require TLS 1.2 or newer.",
    validate=sec_artemis_tls_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
