"""Region catalog: where each region's systems live and which residency zone it belongs to."""

from dataclasses import dataclass
from enum import Enum


class Zone(str, Enum):
    """Residency zone. Data never leaves its zone."""

    US = "us"
    EU = "eu"


@dataclass(frozen=True)
class Region:
    """One deployment region and the names each vendor uses for it."""

    key: str
    display: str
    zone: Zone
    azure_location: str
    atlas_region: str
    scylla_datacenter: str
    cidr: str


REGIONS: dict[str, Region] = {
    r.key: r
    for r in (
        Region("us-east", "US-EAST", Zone.US, "eastus", "US_EAST_2", "us-east", "10.10.0.0/16"),
        Region("us-west", "US-WEST", Zone.US, "westus2", "US_WEST_2", "us-west", "10.20.0.0/16"),
        Region("eu", "EU", Zone.EU, "westeurope", "EUROPE_WEST", "eu", "10.30.0.0/16"),
    )
}

# Critical alerts raised in US-WEST are bridged to US-EAST; SQL MI in US-EAST fails
# over to US-WEST. Both pairs stay inside the US zone; EU has no partner at all.
ALERT_BRIDGE_TARGET = {"us-west": "us-east"}
SQL_FAILOVER_PARTNER = {"us-east": "us-west"}


def region(key: str) -> Region:
    """Look a region up by key, naming the known keys when it is unknown."""
    try:
        return REGIONS[key]
    except KeyError:
        known = ", ".join(sorted(REGIONS))
        raise KeyError(f"unknown region {key!r}; expected one of: {known}") from None
