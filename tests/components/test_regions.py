"""The region catalog's names must survive where the operators put them."""

import re

import pytest

from stacks.regions import REGIONS

# Kubernetes object names built from them (StatefulSets, Services) are RFC 1123 labels.
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


@pytest.mark.parametrize("key", sorted(REGIONS))
def test_scylla_datacenter_name_is_a_dns_label(key):
    # The Scylla Operator names each rack's StatefulSet and member Services
    # <cluster>-<datacenter>-<rack>[-<n>], so an underscore would make them invalid.
    name = REGIONS[key].scylla_datacenter
    assert DNS_LABEL.match(name), f"{key}: datacenter {name!r} is not a DNS label"
