"""Diffs of real plans with known edits: which resources change, and how they are shown."""

import copy

import pytest

from runtime.diff import report
from runtime.diff.props import LONGEST, MASK
from tests.diff.conftest import TOPIC, resource, side, topic

REDIS = "azure-native:redis:Redis"
CONFIG_MAP = "kubernetes:core/v1:ConfigMap"


def _by_stack(result: report.Report) -> dict[str, report.StackDiff]:
    return {s.stack: s for s in result.stacks}


def test_the_same_plans_make_an_empty_diff(cloud):
    result = report.compare(side("base", cloud), side("head", copy.deepcopy(cloud)))
    assert not result.changed
    assert [s.stack for s in result.stacks] == [p["stack"] for p in cloud]
    assert all(s.empty for s in result.stacks)


def test_one_topics_retention_is_one_property_change_in_each_stack_with_the_topic(cloud):
    name = "notifications"
    head = copy.deepcopy(cloud)
    for plan in head:
        found = topic(plan, name)
        if found:
            found["props"]["config"]["retention.ms"] = "259200000"
    having = {p["stack"] for p in cloud if topic(p, name)}
    assert having, "no stack has the topic: pick another"

    result = report.compare(side("base", cloud), side("head", head))

    stacks = _by_stack(result)
    assert {s.stack for s in result.stacks if not s.resources.empty} == having
    for stack in having:
        diff = stacks[stack].resources
        assert (diff.added, diff.removed, diff.replaced, diff.outputs) == ([], [], [], [])
        [changed] = diff.changed
        before = topic(next(p for p in cloud if p["stack"] == stack), name)
        assert (changed.urn, changed.type) == (before["urn"], TOPIC)
        [prop] = changed.properties
        assert prop.path == ("config", "retention.ms")
        assert prop.label == "config['retention.ms']"
        assert (prop.before, prop.after) == (f'"{before["props"]["config"]["retention.ms"]}"',
                                             '"259200000"')


def test_a_location_change_replaces_an_azure_resource(cloud):
    head = copy.deepcopy(cloud)
    eu = next(p for p in head if p["region"] == "eu")
    resource(eu, REDIS)["props"]["location"] = "northeurope"

    result = report.compare(side("base", cloud), side("head", head))

    diff = _by_stack(result)[eu["stack"]].resources
    [replaced] = diff.replaced
    assert replaced.type == REDIS
    assert replaced.replaced_by == ("location",)
    assert [(p.label, p.before, p.after) for p in replaced.properties] == [
        ("location", '"westeurope"', '"northeurope"')]
    assert diff.changed == []


def test_an_in_place_setting_is_a_change_not_a_replacement(cloud):
    head = copy.deepcopy(cloud)
    plan = head[0]
    resource(plan, REDIS)["props"]["redisConfiguration"]["maxmemoryPolicy"] = "volatile-lru"

    diff = _by_stack(report.compare(side("base", cloud), side("head", head)))[plan["stack"]]

    assert diff.resources.replaced == []
    [changed] = diff.resources.changed
    assert [p.label for p in changed.properties] == ["redisConfiguration.maxmemoryPolicy"]


def _set(*path, value=None, by=None):
    """An edit of one input of a resource's props: set it, or change it by a function."""
    def edit(props: dict) -> None:
        *parents, last = path
        for key in parents:
            props = props[key]
        props[last] = by(props[last]) if by else value
    return edit


# (type, edit of its props, the property label that forces a replacement or None)
RULES = [
    ("kubernetes:batch/v1:Job", _set("metadata", "name", by=lambda v: v + "-2"),
     "metadata.name"),
    ("kubernetes:apps/v1:Deployment", _set("spec", "selector", "matchLabels", "app",
                                           by=lambda v: v + "-2"),
     "spec.selector.matchLabels.app"),
    ("kubernetes:apps/v1:Deployment", _set("spec", "replicas", by=lambda v: v + 1), None),
    ("kubernetes:helm.sh/v3:Release", _set("namespace", value="elsewhere"), "namespace"),
    (TOPIC, _set("partitions", by=lambda v: v - 1), "partitions"),
    (TOPIC, _set("partitions", by=lambda v: v + 1), None),
    (TOPIC, _set("replicationFactor", by=lambda v: v + 1), "replicationFactor"),
    ("random:index/randomPassword:RandomPassword", _set("length", by=lambda v: v + 8),
     "length"),
    ("mongodbatlas:index/project:Project", _set("name", by=lambda v: v + "-2"), "name"),
    ("mongodbatlas:index/project:Project", _set("withDefaultAlertsSettings", value=False),
     None),
    ("azure-native:keyvault:Vault", _set("vaultName", by=lambda v: v + "2"), "vaultName"),
    ("azure-native:keyvault:Vault", _set("tags", "owner", value="data-team"), None),
    ("azure-native:authorization:RoleDefinition", _set("roleName", by=lambda v: v + " 2"),
     None),
]


@pytest.mark.parametrize(("type_", "edit", "forcing"), RULES,
                         ids=[f"{t.rsplit(':', 1)[-1]}-{f or 'in-place'}" for t, _, f in RULES])
def test_replacement_rules_on_real_resources(cloud, type_, edit, forcing):
    head = copy.deepcopy(cloud)
    plan = head[-1]
    target = next(r for r in plan["resources"] if r["type"] == type_)
    edit(target["props"])

    diff = _by_stack(report.compare(side("base", cloud), side("head", head)))[plan["stack"]]

    if forcing:
        assert [(r.urn, r.replaced_by) for r in diff.resources.replaced] == [
            (target["urn"], (forcing,))]
        assert diff.resources.changed == []
    else:
        assert [r.urn for r in diff.resources.changed] == [target["urn"]]
        assert diff.resources.replaced == []


def test_removed_and_added_resources_are_listed_by_urn(cloud):
    head = copy.deepcopy(cloud)
    plan = head[-1]
    gone = resource(plan, REDIS)
    plan["resources"].remove(gone)
    extra = copy.deepcopy(resource(plan, TOPIC, lambda r: r["props"]["name"] == "notifications"))
    extra["urn"] += "-copy"
    extra["name"] += "-copy"
    plan["resources"].append(extra)

    diff = _by_stack(report.compare(side("base", cloud), side("head", head)))[plan["stack"]]

    assert [r.urn for r in diff.resources.removed] == [gone["urn"]]
    assert [r.urn for r in diff.resources.added] == [extra["urn"]]
    assert diff.resources.changed == diff.resources.replaced == []


def test_secret_values_stay_masked_when_a_secret_becomes_plain(cloud):
    head = copy.deepcopy(cloud)
    plan = head[-1]
    redis = resource(plan, REDIS)
    assert redis["props"]["redisConfiguration"]["rdbStorageConnectionString"] == MASK
    redis["props"]["redisConfiguration"]["rdbStorageConnectionString"] = "AccountKey=plain"

    diff = _by_stack(report.compare(side("base", cloud), side("head", head)))[plan["stack"]]

    [prop] = diff.resources.changed[0].properties
    assert (prop.before, prop.after, prop.secret) == (MASK, MASK, True)


def test_values_under_credential_keys_are_masked_even_when_not_marked_secret(cloud):
    head = copy.deepcopy(cloud)
    plan = head[-1]
    resource(plan, REDIS)["props"]["adminPassword"] = "hunter2-in-plain-text"

    diff = _by_stack(report.compare(side("base", cloud), side("head", head)))[plan["stack"]]

    [prop] = diff.resources.changed[0].properties
    assert (prop.label, prop.before, prop.after) == ("adminPassword", "(absent)", MASK)


def test_long_values_are_shortened_with_their_length(cloud):
    head = copy.deepcopy(cloud)
    plan = head[0]
    schema = resource(plan, CONFIG_MAP, lambda r: r["props"]["metadata"]["name"].startswith(
        "schema-"))
    key = min(schema["props"]["data"])
    schema["props"]["data"][key] += "\n-- one more line\n"

    diff = _by_stack(report.compare(side("base", cloud), side("head", head)))[plan["stack"]]

    [changed] = diff.resources.replaced
    [prop] = changed.properties
    assert prop.path == ("data", key)
    assert changed.replaced_by == (prop.label,), "an immutable ConfigMap's data replaces it"
    for shown in (prop.before, prop.after):
        assert len(shown) <= LONGEST + 20
        assert shown.endswith(" chars)")
    assert prop.after.endswith(f"({len(schema['props']['data'][key])} chars)")


def test_a_stack_on_one_side_only_is_added_or_removed(cloud):
    result = report.compare(side("base", cloud[:-1]), side("head", cloud[1:]))
    stacks = _by_stack(result)
    first, last = cloud[0]["stack"], cloud[-1]["stack"]
    assert stacks[last].presence == "added"
    assert len(stacks[last].resources.added) == len(cloud[-1]["resources"])
    assert stacks[first].presence == "removed"
    assert len(stacks[first].resources.removed) == len(cloud[0]["resources"])
    assert [s.stack for s in result.stacks][-1] == first, "base-only stacks come last"
