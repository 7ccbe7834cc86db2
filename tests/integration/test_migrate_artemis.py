"""Artemis addresses reconciled on the local broker through Jolokia: create, set back, prune.

Each test builds catalog addresses named under a prefix of its own, renders them to broker
properties as the deploy does, and removes them (and their settings) at the end.
"""

import json
import uuid

import pytest

from runtime.artemis_config import address_lines
from runtime.catalog import Address
from runtime.local.artemis import BROKER_NAME
from runtime.migrations import artemis, artemis_plan

pytestmark = pytest.mark.integration


class Case:
    """One test's address prefix, the management API, and what it created."""

    def __init__(self, server) -> None:
        self.prefix = f"mig{uuid.uuid4().hex[:10]}."
        url = f"http://{server.host}:{server.ports['artemis_console']}/console/jolokia/"
        self.settings = artemis.ArtemisSettings(
            url, BROKER_NAME, server.username or "", server.password or ""
        )
        self.api = artemis.Jolokia(self.settings)

    def address(self, name: str, **changes) -> Address:
        fields = {
            "name": self.prefix + name,
            "routing": "anycast",
            "expiry_ms": 300_000,
            "max_delivery_attempts": 3,
            "redelivery_delay_ms": 1000,
            "redelivery_multiplier": 2.0,
            "max_redelivery_delay_ms": 30_000,
        }
        return Address(**{**fields, **changes})

    def wanted(self, *addresses: Address) -> list[artemis_plan.AddressSpec]:
        return artemis_plan.specs([line for a in addresses for line in address_lines(a)])

    def reconcile(self, wanted, dry_run: bool = False, prune: str | None = None):
        return artemis.reconcile(self.settings, wanted, dry_run, prune)

    def names(self) -> set[str]:
        mine = (self.prefix, f"DLA.{self.prefix}")
        return {n for n in self.api.read("AddressNames") if n.startswith(mine)}

    def routing(self, name: str) -> list[str]:
        return self.api.read("RoutingTypes", self.api.address_mbean(name))

    def queues(self, name: str) -> set[str]:
        return set(self.api.read("QueueNames", self.api.address_mbean(name)))

    def address_settings(self, name: str) -> dict:
        return json.loads(self.api.exec("getAddressSettingsAsJSON(java.lang.String)", name))

    def create_by_hand(self, name: str, routing: str) -> None:
        self.api.exec("createAddress(java.lang.String,java.lang.String)", name, routing)

    def close(self) -> None:
        for name in self.names():
            self.api.exec("deleteAddress(java.lang.String,boolean)", name, True)
            self.api.exec("removeAddressSettings(java.lang.String)", name)


@pytest.fixture
def case(artemis_server):
    one = Case(artemis_server)
    yield one
    one.close()


def test_missing_addresses_are_created_with_queues_dead_letters_and_settings(case):
    email = case.address("email", expiry_ms=86_400_000, max_delivery_attempts=5)
    queues = (case.prefix + "b.email", case.prefix + "b.sms")
    broadcast = case.address("broadcast", routing="multicast", queues=queues)

    report = case.reconcile(case.wanted(email, broadcast))

    assert report.changes
    assert case.names() == {
        email.name,
        broadcast.name,
        f"DLA.{email.name}",
        f"DLA.{broadcast.name}",
    }
    assert case.routing(email.name) == ["ANYCAST"]
    assert case.routing(broadcast.name) == ["MULTICAST"]
    assert case.queues(broadcast.name) == set(queues)
    have = case.address_settings(email.name)
    assert have["deadLetterAddress"] == f"DLA.{email.name}"
    assert have["maxDeliveryAttempts"] == 5
    assert have["expiryDelay"] == 86_400_000
    assert have["redeliveryDelay"] == 1000
    assert have["maxRedeliveryDelay"] == 30_000
    assert have["autoCreateQueues"] is False


def test_second_run_does_nothing_and_says_so(case):
    wanted = case.wanted(case.address("email"))
    case.reconcile(wanted)

    report = case.reconcile(wanted)

    assert report.lines() == ["artemis: nothing to do, up to date"]


def test_an_address_setting_changed_by_hand_is_set_back(case):
    email = case.address("email", max_delivery_attempts=3)
    wanted = case.wanted(email)
    case.reconcile(wanted)
    meddled = {k: artemis_plan.typed(v) for k, v in wanted[0].settings.items()}
    meddled["maxDeliveryAttempts"] = 99
    case.api.exec(
        "addAddressSettings(java.lang.String,java.lang.String)", email.name, json.dumps(meddled)
    )
    assert case.address_settings(email.name)["maxDeliveryAttempts"] == 99

    report = case.reconcile(wanted)

    assert report.changes == [
        f"set the address settings of {email.name}: maxDeliveryAttempts 99 -> 3"
    ]
    assert case.address_settings(email.name)["maxDeliveryAttempts"] == 3


def test_a_drifted_routing_type_is_set_back(case):
    queue = case.prefix + "b.email"
    broadcast = case.address("broadcast", routing="multicast", queues=(queue,))
    case.create_by_hand(broadcast.name, "ANYCAST")

    report = case.reconcile(case.wanted(broadcast))

    assert f"change the routing of {broadcast.name}: ANYCAST -> MULTICAST" in report.changes
    assert case.routing(broadcast.name) == ["MULTICAST"]
    assert case.queues(broadcast.name) == {queue}


def test_an_address_outside_the_catalog_is_deleted_only_with_prune(case):
    wanted = case.wanted(case.address("email"))
    case.reconcile(wanted)
    extra = case.prefix + "forgotten"
    case.create_by_hand(extra, "ANYCAST")

    kept = case.reconcile(wanted)
    assert kept.changes == []
    assert extra in case.names()

    pruned = case.reconcile(wanted, prune=case.prefix)
    assert pruned.changes == [f"delete address {extra} (--prune)"]
    assert extra not in case.names()
    assert case.prefix + "email" in case.names()


def test_the_dry_run_lists_every_change_and_changes_nothing(case):
    extra = case.prefix + "forgotten"
    case.create_by_hand(extra, "ANYCAST")
    wanted = case.wanted(case.address("email"))

    report = case.reconcile(wanted, dry_run=True, prune=case.prefix)

    assert f"create address {case.prefix}email (ANYCAST)" in report.changes
    assert f"delete address {extra} (--prune)" in report.changes
    assert report.lines()[0].startswith("artemis: would ")
    assert case.names() == {extra}
