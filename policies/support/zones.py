"""Residency zones as data: which Azure locations, Atlas regions and Scylla datacenters are
EU and which are US, and which zone each known stack belongs to.

Decisions recorded here:

- EU means the member states of the European Union. The UK (uksouth, ukwest, UK_SOUTH,
  EU_WEST_2), Switzerland (switzerlandnorth, EU_CENTRAL_2) and Norway (norwayeast) are
  not EU and are not in the EU lists, although GDPR adequacy or the EEA may cover them;
  a data protection officer who accepts one adds it through the ``azureLocations`` or
  ``atlasRegions`` policy config instead of editing this file.
- ``global`` is the location of Azure's private DNS zones and their links; it holds no
  data and is allowed in every zone.
- Atlas names are the Azure ones (the platform runs on Azure) plus AWS's, whose EU and
  US names are unambiguous. GCP names are left out until a stack uses GCP.
"""

EU = "eu"
US = "us"
ZONES = (EU, US)

GLOBAL_LOCATIONS = frozenset({"global"})

AZURE_LOCATIONS: dict[str, tuple[str, ...]] = {
    EU: ("westeurope", "northeurope", "germanywestcentral", "germanynorth", "francecentral",
         "francesouth", "swedencentral", "swedensouth", "italynorth", "polandcentral",
         "spaincentral"),
    US: ("eastus", "eastus2", "westus", "westus2", "westus3", "centralus", "northcentralus",
         "southcentralus", "westcentralus"),
}

ATLAS_REGIONS: dict[str, tuple[str, ...]] = {
    EU: ("EUROPE_WEST", "EUROPE_NORTH", "GERMANY_WEST_CENTRAL", "GERMANY_NORTH",
         "FRANCE_CENTRAL", "FRANCE_SOUTH", "SWEDEN_CENTRAL", "SWEDEN_SOUTH", "ITALY_NORTH",
         "POLAND_CENTRAL", "SPAIN_CENTRAL",
         "EU_WEST_1", "EU_WEST_3", "EU_CENTRAL_1", "EU_NORTH_1", "EU_SOUTH_1", "EU_SOUTH_2"),
    US: ("US_EAST", "US_EAST_2", "US_WEST", "US_WEST_2", "US_WEST_3", "US_CENTRAL",
         "US_NORTH_CENTRAL", "US_SOUTH_CENTRAL", "US_WEST_CENTRAL",
         "US_EAST_1", "US_WEST_1"),
}

# The Azure location each Azure-hosted Atlas region runs in, to tell whether an Atlas
# cluster and the Key Vault holding its key share a region.
ATLAS_AZURE_LOCATION: dict[str, str] = {
    "EUROPE_WEST": "westeurope", "EUROPE_NORTH": "northeurope",
    "GERMANY_WEST_CENTRAL": "germanywestcentral", "GERMANY_NORTH": "germanynorth",
    "FRANCE_CENTRAL": "francecentral", "FRANCE_SOUTH": "francesouth",
    "SWEDEN_CENTRAL": "swedencentral", "SWEDEN_SOUTH": "swedensouth",
    "ITALY_NORTH": "italynorth", "POLAND_CENTRAL": "polandcentral",
    "SPAIN_CENTRAL": "spaincentral",
    "US_EAST": "eastus", "US_EAST_2": "eastus2", "US_WEST": "westus", "US_WEST_2": "westus2",
    "US_WEST_3": "westus3", "US_CENTRAL": "centralus", "US_NORTH_CENTRAL": "northcentralus",
    "US_SOUTH_CENTRAL": "southcentralus", "US_WEST_CENTRAL": "westcentralus",
}

SCYLLA_DATACENTERS: dict[str, tuple[str, ...]] = {
    EU: ("eu",),
    US: ("us-east", "us-west"),
}

# Words in a host name that place it in a zone (kafka-eu.prod..., kafka-us-east.dev...).
HOST_TOKENS: dict[str, tuple[str, ...]] = {
    EU: ("eu", "europe", "emea"),
    US: ("us", "useast", "uswest", "usa"),
}

# The project's stacks: environment and zone. A stack not named here is read from its
# name (see policies.support.context).
STACKS: dict[str, dict[str, str]] = {
    "dev": {"environment": "dev", "zone": US},
    "staging": {"environment": "staging", "zone": US},
    "prod-useast": {"environment": "prod", "zone": US},
    "prod-uswest": {"environment": "prod", "zone": US},
    "prod-eu": {"environment": "prod", "zone": EU},
    "local": {"environment": "local", "zone": US},
}

ENVIRONMENTS = ("local", "dev", "staging", "prod")
