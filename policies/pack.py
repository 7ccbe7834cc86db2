"""The pack: its name and every policy in it, in the order ``pulumi preview`` lists them.

Both entry points take the policies from here: ``policies/__main__.py`` serves them to
the engine, ``policies.offline`` runs them over a plan. Importing this module builds the
policy objects but serves nothing.
"""

from pulumi_policy import Policy

from policies.at_rest.customer_managed_keys import sec_customer_managed_keys
from policies.at_rest.eu_customer_managed_keys import gdpr_eu_customer_managed_keys
from policies.isolation.eu_stack_isolation import gdpr_eu_stack_isolation
from policies.replication.artemis_bridges import gdpr_artemis_bridges_in_zone
from policies.replication.atlas_copies import gdpr_atlas_copies_in_zone
from policies.replication.kafka_mirroring import gdpr_kafka_mirroring_in_zone
from policies.replication.redis_geo_links import gdpr_redis_geo_links_in_zone
from policies.replication.scylla_replication import gdpr_scylla_replication_in_zone
from policies.replication.sql_failover import gdpr_sql_failover_in_zone
from policies.residency.eu_residency import gdpr_eu_residency
from policies.transit.artemis_tls import sec_artemis_tls
from policies.transit.atlas_tls import sec_atlas_tls
from policies.transit.kafka_client_tls import sec_kafka_client_tls
from policies.transit.kafka_scaler_tls import sec_kafka_scaler_tls
from policies.transit.redis_tls import sec_redis_tls
from policies.transit.sql_mi_tls import sec_sql_mi_tls

NAME = "dataspace-compliance"
DESCRIPTION = "GDPR isolation and the security baseline of the dataspace platform."

POLICIES: tuple[Policy, ...] = (
    # GDPR: where data lives, where its copies go, what an EU stack depends on.
    gdpr_eu_residency,
    gdpr_sql_failover_in_zone,
    gdpr_atlas_copies_in_zone,
    gdpr_scylla_replication_in_zone,
    gdpr_artemis_bridges_in_zone,
    gdpr_kafka_mirroring_in_zone,
    gdpr_redis_geo_links_in_zone,
    gdpr_eu_stack_isolation,
    gdpr_eu_customer_managed_keys,
    # Security baseline.
    sec_sql_mi_tls,
    sec_redis_tls,
    sec_atlas_tls,
    sec_artemis_tls,
    sec_kafka_client_tls,
    sec_kafka_scaler_tls,
    sec_customer_managed_keys,
)
