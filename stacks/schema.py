"""A stack's schema context, without Pulumi: the migrator and the deploy render the same bundle."""

from runtime.schema_render import SchemaContext
from stacks.model import StackConfig

# The local Cassandra's snitch names its only datacenter so.
LOCAL_DATACENTER = "datacenter1"


def schema_context(config: StackConfig) -> SchemaContext:
    """Where a stack's data lives (datacenter, replication) and its zone's retention."""
    place = config.place
    return SchemaContext.for_region(
        region=config.region,
        zone=place.zone.value,
        datacenter=LOCAL_DATACENTER if config.is_local else place.scylla_datacenter,
        replication=config.sizing.scylla_replication,
    )
