"""Policy verdicts that a change turns up or clears, over real plans."""

import copy

from runtime.diff import report
from tests.diff.conftest import resource, side

REDIS = "azure-native:redis:Redis"
SQL_MI = "azure-native:sql:ManagedInstance"


def _eu(plans: list[dict]) -> dict:
    return next(p for p in plans if p["region"] == "eu")


def _moved_to_the_us(cloud: list[dict]) -> tuple[list[dict], dict]:
    head = copy.deepcopy(cloud)
    redis = resource(_eu(head), REDIS)
    redis["props"]["location"] = "eastus"
    return head, redis


def test_moving_an_eu_resource_to_a_us_location_is_a_new_mandatory_violation(cloud):
    head, redis = _moved_to_the_us(cloud)

    result = report.compare(side("base", cloud), side("head", head))

    eu = next(s for s in result.stacks if s.stack == _eu(cloud)["stack"])
    assert [(v.policy, v.urn) for v in eu.verdicts.new_mandatory] == [
        ("gdpr-eu-residency", redis["urn"])]
    assert "eastus" in eu.verdicts.new_mandatory[0].message
    assert eu.verdicts.resolved == []
    assert result.new_mandatory == 1
    assert all(s.verdicts.empty for s in result.stacks if s is not eu)


def test_moving_it_back_resolves_the_violation(cloud):
    head, redis = _moved_to_the_us(cloud)

    result = report.compare(side("base", head), side("head", cloud))

    eu = next(s for s in result.stacks if s.stack == _eu(cloud)["stack"])
    assert [(v.policy, v.urn) for v in eu.verdicts.resolved] == [
        ("gdpr-eu-residency", redis["urn"])]
    assert eu.verdicts.new == []
    assert result.new_mandatory == 0


def test_new_mandatory_violations_come_before_new_advisory_ones(cloud):
    head = copy.deepcopy(cloud)
    west = next(p for p in head if p["region"] == "us-west")
    # A service-managed key in the US is advised against; TLS 1.0 is refused.
    sql = resource(west, SQL_MI)
    sql["props"]["keyId"] = ""
    resource(west, REDIS)["props"]["minimumTlsVersion"] = "1.0"

    result = report.compare(side("base", cloud), side("head", head))

    verdicts = next(s for s in result.stacks if s.stack == west["stack"]).verdicts
    levels = [v.enforcement for v in verdicts.new]
    assert "advisory" in levels and "mandatory" in levels, levels
    assert levels == sorted(levels, key=lambda level: level != "mandatory")
    assert {v.urn for v in verdicts.new_advisory} == {sql["urn"]}
    assert result.new_mandatory == len(verdicts.new_mandatory)
