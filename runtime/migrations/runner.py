"""Run one store's migration against a target: connect, migrate or reconcile, disconnect."""

import logging
from pathlib import Path

from runtime.errors import MigrationError
from runtime.migrations import bundle as bundles
from runtime.migrations.targets import Target
from runtime.migrations.versioned import Report

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
    return globals()[f"_{store}"](target, bundle, dry_run, "" if prune else None)


def _cql(target: Target, bundle: dict[str, str], dry_run: bool, _prune) -> Report:
    from cassandra.cluster import NoHostAvailable

    from runtime.migrations import cql, versioned

    settings = target.cql()
    cluster = cql.connect(settings)
    try:
        session = cluster.connect()
    except NoHostAvailable as exc:
        cluster.shutdown()
        raise MigrationError(f"cql: cannot reach {', '.join(settings.hosts)}: {exc}") from None
    try:
        return versioned.run(
            cql.CqlStore(session, settings), bundles.migrations(bundle, "cql"), dry_run
        )
    finally:
        cluster.shutdown()


def _mongo(target: Target, bundle: dict[str, str], dry_run: bool, _prune) -> Report:
    from pymongo.errors import ConnectionFailure

    from runtime.migrations import mongo, versioned

    settings = target.mongo()
    client = mongo.connect(settings)
    try:
        return versioned.run(
            mongo.MongoStore(client, settings), bundles.migrations(bundle, "mongo"), dry_run
        )
    except ConnectionFailure as exc:
        raise MigrationError(f"mongo: cannot reach the database: {exc}") from None
    finally:
        client.close()


def _sql(target: Target, _bundle, dry_run: bool, _prune) -> Report:
    from runtime.migrations import sql

    return sql.upgrade(target.sql(), dry_run)


def _kafka(target: Target, _bundle, dry_run: bool, prune: str | None) -> Report:
    from runtime.catalog import topics
    from runtime.migrations import kafka

    settings = target.kafka()
    return kafka.reconcile(settings, kafka.specs(topics(), settings), dry_run, prune)


def _artemis(target: Target, _bundle, dry_run: bool, prune: str | None) -> Report:
    from runtime.artemis_config import broker_properties
    from runtime.migrations import artemis

    wanted = artemis.specs(broker_properties(target.config.region))
    return artemis.reconcile(target.artemis(), wanted, dry_run, prune)
