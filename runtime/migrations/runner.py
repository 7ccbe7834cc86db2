"""Run one store's migration against a target: connect, migrate or reconcile, disconnect.

The ``migrate_*`` and ``reconcile_*`` functions take a store's settings, so tests drive
the same code as the CLI with their own keyspace, database or names.
"""

import logging
from collections.abc import Sequence
from pathlib import Path

from runtime.errors import MigrationError
from runtime.migrations import bundle as bundles
from runtime.migrations.targets import Target
from runtime.migrations.versioned import Migration, Report

log = logging.getLogger(__name__)

STORES = ("cql", "mongo", "sql", "kafka", "artemis")


def load_bundle(target: Target, schema_dir: Path | None) -> dict[str, str]:
    """The rendered CQL and Mongo bundle: from ``schema_dir`` if given, else the templates."""
    if schema_dir is not None:
        return bundles.from_directory(schema_dir)
    return bundles.rendered(target.context)


def run(
    store: str, target: Target, bundle: dict[str, str], dry_run: bool = False, prune: bool = False
) -> Report:
    """Migrate (versioned) or reconcile (declarative) one store of the target."""
    if store not in STORES:
        raise MigrationError(f"unknown store {store!r}; expected one of {', '.join(STORES)} or all")
    log.info("migrating %s on %s%s", store, target.name, " (dry run)" if dry_run else "")
    if store == "cql":
        return migrate_cql(target.cql(), bundles.migrations(bundle, "cql"), dry_run)
    if store == "mongo":
        return migrate_mongo(target.mongo(), bundles.migrations(bundle, "mongo"), dry_run)
    if store == "sql":
        from runtime.migrations import sql

        return sql.upgrade(target.sql(), dry_run)
    # Declarative stores: prune "" means every name the catalog lacks.
    prefix = "" if prune else None
    if store == "kafka":
        from runtime.catalog import topics
        from runtime.migrations import kafka

        settings = target.kafka()
        return kafka.reconcile(settings, kafka.specs(topics(), settings), dry_run, prefix)
    from runtime.artemis_config import broker_properties
    from runtime.migrations import artemis, artemis_plan

    wanted = artemis_plan.specs(broker_properties(target.config.region))
    return artemis.reconcile(target.artemis(), wanted, dry_run, prefix)


def migrate_cql(settings, migrations: Sequence[Migration], dry_run: bool = False) -> Report:
    """Apply CQL migrations to the cluster ``settings`` names (a CqlSettings)."""
    from cassandra.cluster import NoHostAvailable

    from runtime.migrations import cql, versioned

    cluster = cql.connect(settings)
    try:
        session = cluster.connect()
    except NoHostAvailable as exc:
        cluster.shutdown()
        raise MigrationError(f"cql: cannot reach {', '.join(settings.hosts)}: {exc}") from None
    try:
        return versioned.run(cql.CqlStore(session, settings), migrations, dry_run)
    except cql.DRIVER_ERRORS as exc:
        # Statement failures are MigrationErrors already; this is the ledger or the lock.
        raise MigrationError(f"cql: reading or writing the ledger failed: {exc}") from exc
    finally:
        cluster.shutdown()


def migrate_mongo(settings, migrations: Sequence[Migration], dry_run: bool = False) -> Report:
    """Apply Mongo migrations to the database ``settings`` names (a MongoSettings)."""
    from pymongo.errors import ConnectionFailure, PyMongoError

    from runtime.migrations import mongo, versioned

    client = mongo.connect(settings)
    try:
        return versioned.run(mongo.MongoStore(client, settings), migrations, dry_run)
    except ConnectionFailure as exc:
        raise MigrationError(f"mongo: cannot reach the database: {exc}") from None
    except PyMongoError as exc:
        # Command failures are MigrationErrors already; this is the ledger or the lock.
        raise MigrationError(f"mongo: reading or writing the ledger failed: {exc}") from exc
    finally:
        client.close()
