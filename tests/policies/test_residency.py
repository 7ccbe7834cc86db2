"""gdpr-eu-residency and gdpr-eu-stack-isolation over real plans, one property changed."""

import copy

import pytest

from tests.policies.edits import added, edited, named, one, setter

RESIDENCY = "gdpr-eu-residency"
ISOLATION = "gdpr-eu-stack-isolation"


def test_every_resource_of_prod_eu_is_in_the_eu(plans):
    assert named(plans["prod-eu"], RESIDENCY) == set()


@pytest.mark.parametrize(("type_", "edit"), [
    ("azure-native:sql:ManagedInstance", setter("location", value="eastus")),
    ("azure-native:containerservice:ManagedCluster", setter("location", value="westus2")),
    ("mongodbatlas:index/advancedCluster:AdvancedCluster",
     setter("replicationSpecs", 0, "regionConfigs", 0, "regionName", value="US_EAST_2")),
    ("mongodbatlas:index/privateLinkEndpoint:PrivateLinkEndpoint",
     setter("region", value="US_EAST_2")),
    ("kubernetes:scylla.scylladb.com/v1:ScyllaCluster",
     setter("spec", "datacenter", "name", value="us-east")),
    # The UK left the EU: an adequacy decision is not residency.
    ("azure-native:keyvault:Vault", setter("location", value="uksouth")),
])
def test_a_place_outside_the_eu_is_reported_on_its_resource(plans, type_, edit):
    plan, name = edited(plans["prod-eu"], type_, edit, None)
    assert named(plan, RESIDENCY) == {name}


def test_private_endpoint_in_a_us_location_is_reported(plans):
    plan, name = edited(plans["prod-eu"], "azure-native:network:PrivateEndpoint",
                        setter("location", value="eastus"), "prod-eu-kv-endpoint")
    assert named(plan, RESIDENCY) == {name}


def test_us_stacks_are_not_held_to_eu_residency(plans):
    plan, _ = edited(plans["prod-useast"], "azure-native:sql:ManagedInstance",
                     setter("location", value="westeurope"))
    assert named(plan, RESIDENCY) == set()


def test_eu_stack_references_no_stack_and_no_us_provider(plans):
    assert named(plans["prod-eu"], ISOLATION) == set()


def test_eu_kafka_provider_pointed_at_us_brokers_is_reported(plans):
    us = '["kafka-us-east.prod.smartbuild.internal:9093"]'
    plan, name = edited(plans["prod-eu"], "pulumi:providers:kafka",
                        setter("bootstrapServers", value=us))
    assert named(plan, ISOLATION) == {name}


def test_eu_stack_reading_a_us_stack_is_reported(plans):
    # prod-eu reads no stack; give it the reference prod-uswest makes to prod-useast.
    reference = one(plans["prod-uswest"], "pulumi:pulumi:StackReference")
    stack = one(plans["prod-eu"], "pulumi:pulumi:Stack")
    plan = added(plans["prod-eu"], stack, reference["type"], reference["name"],
                 copy.deepcopy(reference["props"]))
    assert named(plan, ISOLATION) == {"organization/dataspace/prod-useast"}


def test_us_stack_may_reference_a_us_stack(plans):
    assert named(plans["prod-uswest"], ISOLATION) == set()
