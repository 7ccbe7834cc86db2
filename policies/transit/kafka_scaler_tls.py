"""sec-kafka-scaler-tls: KEDA's Kafka lag scalers connect over TLS.

A ScaledObject's ``kafka`` trigger is a Kafka client too: it reads consumer-group lag
from the brokers. Without ``tls: enable`` in its metadata (and a TriggerAuthentication
carrying the CA and SASL credentials) it talks plaintext, or, against a TLS listener,
fails and stops scaling. Staging and prod by default, mandatory like the other Kafka
clients' TLS (the workers' scalers carry ``tls: enable`` and a TriggerAuthentication).
"""

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.support import settings
from policies.support.props import dig, items, known, view
from policies.support.rules import rule_for

CONFIG = settings.schema(environments=("staging", "prod"))

_SCALED_OBJECT = "kubernetes:keda.sh/v1alpha1:ScaledObject"


def sec_kafka_scaler_tls_validator(args: ResourceValidationArgs,
                                   report_violation: ReportViolation) -> None:
    """Report each kafka trigger of a ScaledObject without ``tls: enable``."""
    if rule_for(args, _SCALED_OBJECT, CONFIG) is None:
        return
    for i, trigger in enumerate(items(view(args.props), "spec", "triggers")):
        if dig(trigger, "type") != "kafka":
            continue
        tls_setting = dig(trigger, "metadata", "tls")
        if not known(tls_setting) or tls_setting == "enable":
            continue
        report_violation(
            f"{args.name}: kafka trigger {i} (topic {dig(trigger, 'metadata', 'topic')}) "
            f"has no TLS; set metadata.tls to 'enable' and reference a TriggerAuthentication "
            f"with the brokers' CA and SASL credentials.")


sec_kafka_scaler_tls = ResourceValidationPolicy(
    name="sec-kafka-scaler-tls",
    description="KEDA Kafka scalers connect to the brokers over TLS.",
    validate=sec_kafka_scaler_tls_validator,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=CONFIG,
)
