"""The pack: its name and every policy in it, in the order ``pulumi preview`` lists them.

Both entry points take the policies from here: ``policies/__main__.py`` serves them to
the engine, ``policies.offline`` runs them over a plan. Importing this module builds the
policy objects but serves nothing.
"""

from pulumi_policy import Policy

from policies.at_rest.customer_managed_keys import sec_customer_managed_keys
from policies.at_rest.eu_customer_managed_keys import gdpr_eu_customer_managed_keys
from policies.credentials.plain_secrets import sec_no_plain_secrets
from policies.durability.artemis_persistence import sec_artemis_persistence
from policies.durability.kafka_topics import sec_kafka_topic_durability
from policies.durability.scylla_replication_factor import sec_scylla_replication_factor
from policies.exposure.atlas_access_list import sec_atlas_no_open_access_list
from policies.exposure.k8s_public_load_balancer import sec_k8s_no_public_load_balancer
from policies.exposure.key_vault_public_access import sec_key_vault_no_public_access
from policies.exposure.redis_public_access import sec_redis_no_public_access
from policies.exposure.sql_mi_public_endpoint import sec_sql_mi_no_public_endpoint
from policies.exposure.storage_public_access import sec_storage_no_public_access
from policies.isolation.eu_stack_isolation import gdpr_eu_stack_isolation
from policies.recovery.atlas_backups import sec_atlas_backups
from policies.recovery.key_vault_recoverable import sec_key_vault_recoverable
from policies.recovery.sql_mi_backups import sec_sql_mi_backups
from policies.replication.artemis_bridges import gdpr_artemis_bridges_in_zone
from policies.replication.atlas_copies import gdpr_atlas_copies_in_zone
from policies.replication.kafka_mirroring import gdpr_kafka_mirroring_in_zone
from policies.replication.redis_geo_links import gdpr_redis_geo_links_in_zone
from policies.replication.scylla_replication import gdpr_scylla_replication_in_zone
from policies.replication.sql_failover import gdpr_sql_failover_in_zone
from policies.residency.eu_residency import gdpr_eu_residency
from policies.retention.eu_personal_data import gdpr_eu_personal_data_retention
from policies.retention.kafka_retention import sec_kafka_retention
from policies.retention.telemetry_ttl import sec_telemetry_retention
from policies.tagging.required_tags import sec_required_tags
from policies.transit.artemis_tls import sec_artemis_tls
from policies.transit.atlas_tls import sec_atlas_tls
from policies.transit.kafka_client_tls import sec_kafka_client_tls
from policies.transit.kafka_scaler_tls import sec_kafka_scaler_tls
from policies.transit.redis_tls import sec_redis_tls
from policies.transit.sql_mi_tls import sec_sql_mi_tls

NAME = "dataspace-compliance"
DESCRIPTION = "GDPR isolation and the security baseline of the dataspace platform."

POLICIES: tuple[Policy, ...] = (
    # GDPR: where data lives, where its copies go, what an EU stack depends on, how it is
    # encrypted and how long personal data stays.
    gdpr_eu_residency,
    gdpr_sql_failover_in_zone,
    gdpr_atlas_copies_in_zone,
    gdpr_scylla_replication_in_zone,
    gdpr_artemis_bridges_in_zone,
    gdpr_kafka_mirroring_in_zone,
    gdpr_redis_geo_links_in_zone,
    gdpr_eu_stack_isolation,
    gdpr_eu_customer_managed_keys,
    gdpr_eu_personal_data_retention,
    # Security baseline: encryption in transit and at rest.
    sec_sql_mi_tls,
    sec_redis_tls,
    sec_atlas_tls,
    sec_artemis_tls,
    sec_kafka_client_tls,
    sec_kafka_scaler_tls,
    sec_customer_managed_keys,
    # No public network access.
    sec_sql_mi_no_public_endpoint,
    sec_key_vault_no_public_access,
    sec_redis_no_public_access,
    sec_storage_no_public_access,
    sec_atlas_no_open_access_list,
    sec_k8s_no_public_load_balancer,
    # Recoverability and durability.
    sec_key_vault_recoverable,
    sec_sql_mi_backups,
    sec_atlas_backups,
    sec_kafka_topic_durability,
    sec_scylla_replication_factor,
    sec_artemis_persistence,
    # Retention, tags, credentials.
    sec_kafka_retention,
    sec_telemetry_retention,
    sec_required_tags,
    sec_no_plain_secrets,
)
