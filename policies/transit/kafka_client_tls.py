"""sec-kafka-client-tls: Pulumi's own Kafka client talks to the brokers over verified TLS.

The Kafka provider is the client that creates topics and credentials; its
``tlsEnabled`` must not be false and ``skipTlsVerify`` must not be true (a client that
skips verification talks TLS to whoever answers). Provider config arrives as strings.
Staging and prod by default. The worker clients take TLS from the runtime's settings,
which the engine does not see; KEDA's lag scalers are ``sec-kafka-scaler-tls``.
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings
from policies.support.props import as_bool, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("staging", "prod"))

_PROVIDER = "pulumi:providers:kafka"


def sec_kafka_client_tls_validator(args: ResourceValidationArgs,
                                   report_violation: ReportViolation) -> None:
    """Report a Kafka provider with TLS off or certificate verification skipped."""
    if rule_for(args, _PROVIDER, CONFIG) is None:
        return
    props = view(args.props)
    if as_bool(props.get("tlsEnabled")) is False:
        report_violation(f"{args.name}: tlsEnabled is false; set tlsEnabled to true and "
                         f"point bootstrapServers at the brokers' TLS listener.")
    if as_bool(props.get("skipTlsVerify")) is True:
        report_violation(f"{args.name}: skipTlsVerify is true; set it to false and give the "
                         f"provider the brokers' CA (caCert).")


sec_kafka_client_tls = ResourceValidationPolicy(
    name="sec-kafka-client-tls",
    description="Kafka clients declared in the stack use TLS and verify the brokers.",
    validate=sec_kafka_client_tls_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
