"""Encryption in transit (TLS 1.2+) and at rest (customer-managed keys)."""

import pytest

from tests.policies.edits import edited, edited_all, findings, named, setter

SQL_MI = "azure-native:sql:ManagedInstance"
REDIS = "azure-native:redis:Redis"
ATLAS = "mongodbatlas:index/advancedCluster:AdvancedCluster"
BROKER = "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis"
KAFKA_PROVIDER = "pulumi:providers:kafka"
SCALER = "kubernetes:keda.sh/v1alpha1:ScaledObject"

TRANSIT = ["sec-sql-mi-tls", "sec-redis-tls", "sec-atlas-tls", "sec-artemis-tls",
           "sec-kafka-client-tls"]


@pytest.mark.parametrize("stack", ["staging", "prod-eu"])
@pytest.mark.parametrize("policy", TRANSIT)
def test_staging_and_prod_speak_tls_1_2(plans, policy, stack):
    assert named(plans[stack], policy) == set()


@pytest.mark.parametrize(("policy", "type_", "edit", "says"), [
    ("sec-sql-mi-tls", SQL_MI, setter("minimalTlsVersion", value="1.0"), "minimalTlsVersion"),
    ("sec-sql-mi-tls", SQL_MI, setter("minimalTlsVersion", value="None"), "'None'"),
    ("sec-redis-tls", REDIS, setter("minimumTlsVersion", value="1.0"), "minimumTlsVersion"),
    ("sec-redis-tls", REDIS, setter("enableNonSslPort", value=True), "enableNonSslPort"),
    ("sec-atlas-tls", ATLAS, setter("advancedConfiguration", "minimumEnabledTlsProtocol",
                                    value="TLS1_0"), "minimumEnabledTlsProtocol"),
    ("sec-kafka-client-tls", KAFKA_PROVIDER, setter("skipTlsVerify", value="true"),
     "skipTlsVerify"),
    ("sec-kafka-client-tls", KAFKA_PROVIDER, setter("tlsEnabled", value="false"),
     "tlsEnabled"),
])
def test_an_old_or_missing_tls_setting_is_reported(plans, policy, type_, edit, says):
    plan, name = edited(plans["prod-eu"], type_, edit)
    found = findings(plan, policy)
    assert {v.name for v in found} == {name}
    assert says in found[0].message


def test_artemis_acceptor_without_tls_is_reported_on_every_broker(plans):
    plan, names = edited_all(plans["staging"], BROKER,
                             setter("spec", "acceptors", 0, "sslEnabled", value=False))
    found = findings(plan, "sec-artemis-tls")
    assert {v.name for v in found} == names
    assert "acceptor amqp" in found[0].message


def test_artemis_bridge_connector_offering_tls_1_0_is_reported(plans):
    def old_protocols(props):
        props["spec"]["brokerProperties"] = [
            line.replace("enabledProtocols=TLSv1.2,TLSv1.3", "enabledProtocols=TLSv1,TLSv1.2")
            for line in props["spec"]["brokerProperties"]]

    plan, name = edited(plans["prod-uswest"], BROKER, old_protocols, "prod-uswest-artemis-live")
    assert named(plan, "sec-artemis-tls") == {name}


def test_dev_is_not_held_to_the_tls_rules(plans):
    plan, _ = edited(plans["dev"], SQL_MI, setter("minimalTlsVersion", value="1.0"))
    assert named(plan, "sec-sql-mi-tls") == set()


@pytest.mark.parametrize("stack", ["staging", "prod-useast", "prod-eu"])
def test_kafka_scalers_reach_the_brokers_over_tls(plans, stack):
    assert named(plans[stack], "sec-kafka-scaler-tls") == set()


def test_kafka_scalers_without_tls_are_reported(plans):
    def plaintext(props):
        for trigger in props["spec"]["triggers"]:
            trigger["metadata"]["tls"] = "disable"

    plan, names = edited_all(plans["prod-eu"], SCALER, plaintext)
    found = findings(plan, "sec-kafka-scaler-tls")
    kafka_scalers = {s["name"] for s in plan["resources"] if s["type"] == SCALER
                     and any(t["type"] == "kafka" for t in s["props"]["spec"]["triggers"])}
    assert {v.name for v in found} == kafka_scalers and kafka_scalers < names
    assert {v.enforcement for v in found} == {"mandatory"}


def test_eu_data_is_encrypted_with_keys_the_platform_holds(plans):
    assert named(plans["prod-eu"], "gdpr-eu-customer-managed-keys") == set()


@pytest.mark.parametrize(("type_", "edit"), [
    (SQL_MI, setter("keyId", value="")),
    (ATLAS, setter("encryptionAtRestProvider", value="NONE")),
])
def test_eu_data_under_service_managed_keys_is_reported(plans, type_, edit):
    plan, name = edited(plans["prod-eu"], type_, edit)
    found = findings(plan, "gdpr-eu-customer-managed-keys")
    assert {(v.name, v.enforcement) for v in found} == {(name, "mandatory")}


def test_eu_atlas_key_in_a_vault_of_another_region_is_reported(plans):
    plan, _ = edited(plans["prod-eu"], "azure-native:keyvault:Vault",
                     setter("location", value="northeurope"))
    assert named(plan, "gdpr-eu-customer-managed-keys") == {"prod-eu-atlas-encryption"}


def test_us_west_keys_sit_beside_their_data(plans):
    assert named(plans["prod-uswest"], "sec-customer-managed-keys") == set()


def test_us_sql_mi_without_a_customer_key_is_advised_against(plans):
    plan, name = edited(plans["prod-uswest"], SQL_MI, setter("keyId", value=""))
    found = findings(plan, "sec-customer-managed-keys")
    assert {(v.name, v.enforcement) for v in found} == {(name, "advisory")}
