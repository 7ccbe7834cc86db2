"""EU data stays in the EU; the US regions pair only with each other."""

import pytest

from tests.conftest import of_type

EU_LOCATIONS = {"westeurope", "global"}


def locations(plan):
    return {r["urn"]: r["props"]["location"] for r in plan["resources"] if "location" in r["props"]}


def atlas_regions(plan):
    return [
        rc["regionName"]
        for c in of_type(plan, "mongodbatlas:index/advancedCluster:AdvancedCluster")
        for spec in c["props"]["replicationSpecs"]
        for rc in spec["regionConfigs"]
    ]


def test_every_prod_eu_location_is_in_the_eu(plans):
    found = locations(plans["prod-eu"])
    assert found, "prod-eu declares no located resource"
    outside = {urn: loc for urn, loc in found.items() if loc not in EU_LOCATIONS}
    assert not outside, f"prod-eu resources outside the EU: {outside}"


def test_prod_eu_atlas_cluster_and_endpoint_are_in_an_eu_region(plans):
    eu = plans["prod-eu"]
    assert atlas_regions(eu) == ["EUROPE_WEST"]
    links = of_type(eu, "mongodbatlas:index/privateLinkEndpoint:PrivateLinkEndpoint")
    assert [link["props"]["region"] for link in links] == ["EUROPE_WEST"]


def test_prod_eu_has_its_own_atlas_project(plans):
    names = {s: [p["props"]["name"] for p in of_type(plan, "mongodbatlas:index/project:Project")]
             for s, plan in plans.items() if s != "local"}
    assert names["prod-eu"] == ["smartbuild-prod-eu"]
    others = {n for s, ns in names.items() if s != "prod-eu" for n in ns}
    assert "smartbuild-prod-eu" not in others


def test_prod_eu_has_no_failover_reference_or_bridge(plans):
    eu = plans["prod-eu"]
    assert of_type(eu, "azure-native:sql:InstanceFailoverGroup") == []
    assert of_type(eu, "pulumi:pulumi:StackReference") == []
    for broker in of_type(eu, "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis"):
        lines = broker["props"]["spec"]["brokerProperties"]
        assert not [line for line in lines if line.startswith("bridgeConfigurations.")]


def test_prod_eu_keyspaces_replicate_only_to_the_eu_datacenter(plans):
    schema = [c for c in of_type(plans["prod-eu"], "kubernetes:core/v1:ConfigMap")
              if c["props"]["metadata"]["name"].startswith("schema-")]
    assert len(schema) == 1
    cql = schema[0]["props"]["data"]["cql__0001_keyspaces.cql"]
    assert cql.count("{'class': 'NetworkTopologyStrategy', 'eu': 3}") == 2
    assert "us_" not in cql


def test_prod_useast_fails_over_to_prod_uswest(plans):
    groups = of_type(plans["prod-useast"], "azure-native:sql:InstanceFailoverGroup")
    assert len(groups) == 1
    group = groups[0]["props"]
    assert group["partnerRegions"] == [{"location": "westus2"}]
    pair = group["managedInstancePairs"][0]
    assert "rg-prod-uswest" in pair["partnerManagedInstanceId"]
    assert group["readWriteEndpoint"]["failoverPolicy"] == "Automatic"
    refs = of_type(plans["prod-useast"], "pulumi:pulumi:StackReference")
    assert [r["props"]["name"] for r in refs] == ["organization/dataspace/prod-uswest"]


def test_prod_uswest_is_the_dns_zone_partner_of_prod_useast(plans):
    (instance,) = of_type(plans["prod-uswest"], "azure-native:sql:ManagedInstance")
    assert "rg-prod-useast" in instance["props"]["dnsZonePartner"]
    assert of_type(plans["prod-uswest"], "azure-native:sql:InstanceFailoverGroup") == []


def test_prod_uswest_bridges_critical_alerts_to_us_east_only(plans):
    (live,) = [b for b in of_type(plans["prod-uswest"],
                                  "kubernetes:broker.amq.io/v1beta1:ActiveMQArtemis")
               if b["name"].endswith("-live")]
    lines = live["props"]["spec"]["brokerProperties"]
    assert "bridgeConfigurations.us-west-to-us-east.queueName=alerts.critical" in lines
    hosts = [line for line in lines if ".params.host=" in line]
    assert hosts == [("connectorConfigurations.us-east.params.host="
                     "prod-useast-artemis-live-hdls-svc.messaging.svc.cluster.local")]


@pytest.mark.parametrize("stack,location,atlas", [
    ("dev", "eastus", "US_EAST_2"), ("staging", "eastus", "US_EAST_2"),
    ("prod-useast", "eastus", "US_EAST_2"), ("prod-uswest", "westus2", "US_WEST_2"),
])
def test_us_stacks_stay_in_their_region(plans, stack, location, atlas):
    assert set(locations(plans[stack]).values()) <= {location, "global"}
    assert atlas_regions(plans[stack]) == [atlas]
