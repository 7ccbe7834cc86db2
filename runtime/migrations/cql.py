"""CQL (ScyllaDB) migrations: ledger and lock in a keyspace of their own, LWT-serialized.

The lock is one row written with ``IF NOT EXISTS`` (a lightweight transaction) and a TTL,
so a migrator that dies releases it by expiry; the holder renews it after each migration.
Every schema change waits for the cluster's schema agreement before the next statement.
"""

import logging
import ssl
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from cassandra import ConsistencyLevel, DriverException
from cassandra.auth import PlainTextAuthProvider
from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile, Session
from cassandra.policies import DCAwareRoundRobinPolicy
from cassandra.protocol import ErrorMessage
from cassandra.query import SimpleStatement

from runtime.errors import MigrationError
from runtime.migrations import ledger
from runtime.migrations.ledger import Entry
from runtime.migrations.versioned import StatementFailed

log = logging.getLogger(__name__)

LOCK_NAME = "migrate"
DRIVER_ERRORS = (ErrorMessage, DriverException)


@dataclass(frozen=True)
class CqlSettings:
    """Where the cluster is, and where the ledger lives in it."""

    hosts: tuple[str, ...]
    port: int
    datacenter: str
    replication: int
    username: str | None = None
    password: str | None = None
    # TLS when set (see runtime/migrations/cql_tls.py); plaintext when None.
    ssl_context: ssl.SSLContext | None = field(default=None, compare=False, repr=False)
    protocol_version: int | None = None
    ledger_keyspace: str = "dataspace_migrations"
    lock_ttl_seconds: int = 300
    lock_wait_seconds: float = 600.0
    agreement_wait_seconds: float = 60.0


def connect(settings: CqlSettings) -> Cluster:
    """A cluster object for the settings (call ``connect()`` on it for a session)."""
    profile = ExecutionProfile(
        load_balancing_policy=DCAwareRoundRobinPolicy(local_dc=settings.datacenter),
        consistency_level=ConsistencyLevel.LOCAL_QUORUM,
        serial_consistency_level=ConsistencyLevel.LOCAL_SERIAL,
        request_timeout=60,
    )
    options: dict = {}
    if settings.protocol_version:
        options["protocol_version"] = settings.protocol_version
    if settings.username:
        options["auth_provider"] = PlainTextAuthProvider(settings.username, settings.password)
    if settings.ssl_context is not None:
        # With check_hostname on, the driver checks each node's certificate against the
        # address it dialled: contact points are resolved to IPs first, and peers are IPs.
        options["ssl_context"] = settings.ssl_context
    return Cluster(
        list(settings.hosts),
        port=settings.port,
        execution_profiles={EXEC_PROFILE_DEFAULT: profile},
        max_schema_agreement_wait=int(settings.agreement_wait_seconds),
        **options,
    )


class CqlStore:
    """A CQL cluster as a versioned store."""

    name = "cql"

    def __init__(self, session: Session, settings: CqlSettings) -> None:
        self.session = session
        self.settings = settings
        self.ks = settings.ledger_keyspace
        self.owner = f"{ledger.identity()}/{uuid.uuid4().hex[:8]}"

    def read_ledger(self) -> dict[str, Entry]:
        found = self.session.execute(
            "SELECT table_name FROM system_schema.tables WHERE keyspace_name = %s", [self.ks]
        )
        if "schema_ledger" not in {row.table_name for row in found}:
            return {}
        rows = self.session.execute(f"SELECT * FROM {self.ks}.schema_ledger")
        return {
            row.version: Entry(
                version=row.version,
                checksum=row.checksum,
                applied_at=row.applied_at,
                applied_by=row.applied_by,
                status=row.status,
                statements=row.statements,
                prefix_checksum=row.prefix_checksum,
                error=row.error or "",
            )
            for row in rows
        }

    def prepare(self) -> None:
        s = self.settings
        keyspace = (
            f"CREATE KEYSPACE IF NOT EXISTS {self.ks} WITH replication = "
            f"{{'class': 'NetworkTopologyStrategy', '{s.datacenter}': {s.replication}}}"
        )
        ledger_table = (
            f"CREATE TABLE IF NOT EXISTS {self.ks}.schema_ledger (version text PRIMARY KEY, "
            "checksum text, applied_at timestamp, applied_by text, status text, "
            "statements int, prefix_checksum text, error text)"
        )
        lock_table = (
            f"CREATE TABLE IF NOT EXISTS {self.ks}.schema_lock (name text PRIMARY KEY, "
            "owner text, acquired_at timestamp)"
        )
        for statement in (keyspace, ledger_table, lock_table):
            self._ddl(statement)

    @contextmanager
    def lock(self) -> Iterator[None]:
        deadline = time.monotonic() + self.settings.lock_wait_seconds
        insert = (
            f"INSERT INTO {self.ks}.schema_lock (name, owner, acquired_at) "
            f"VALUES (%s, %s, toTimestamp(now())) IF NOT EXISTS USING TTL %s"
        )
        while True:
            result = self.session.execute(
                insert, [LOCK_NAME, self.owner, self.settings.lock_ttl_seconds]
            )
            if result.was_applied:
                break
            holder = result.one()
            if time.monotonic() > deadline:
                raise MigrationError(
                    f"cql: the migration lock in {self.ks}.schema_lock is held by "
                    f"{holder.owner} since {holder.acquired_at}; wait for it to finish or for "
                    f"the lock to expire ({self.settings.lock_ttl_seconds} s after its last "
                    "renewal)"
                )
            log.info("cql: waiting for the migration lock held by %s", holder.owner)
            time.sleep(0.5)
        log.debug("cql: lock taken by %s", self.owner)
        try:
            yield
        finally:
            try:
                self.session.execute(
                    f"DELETE FROM {self.ks}.schema_lock WHERE name = %s IF owner = %s",
                    [LOCK_NAME, self.owner],
                )
            except DRIVER_ERRORS as exc:
                log.warning(
                    "cql: could not release the migration lock (%s); it expires in %d s",
                    exc,
                    self.settings.lock_ttl_seconds,
                )

    def execute(self, statement: str) -> None:
        try:
            self._ddl(statement)
        except DRIVER_ERRORS as exc:
            raise StatementFailed(str(exc)) from exc

    def record(self, entry: Entry) -> None:
        self.session.execute(
            f"INSERT INTO {self.ks}.schema_ledger (version, checksum, applied_at, applied_by, "
            "status, statements, prefix_checksum, error) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [
                entry.version,
                entry.checksum,
                entry.applied_at,
                entry.applied_by,
                entry.status,
                entry.statements,
                entry.prefix_checksum,
                entry.error or None,
            ],
        )

    def checkpoint(self) -> None:
        renewed = self.session.execute(
            f"UPDATE {self.ks}.schema_lock USING TTL %s SET owner = %s, "
            "acquired_at = toTimestamp(now()) WHERE name = %s IF owner = %s",
            [self.settings.lock_ttl_seconds, self.owner, LOCK_NAME, self.owner],
        )
        if not renewed.was_applied:
            raise MigrationError(
                f"cql: lost the migration lock in {self.ks}.schema_lock (it expired after "
                f"{self.settings.lock_ttl_seconds} s); the ledger is up to date, run again"
            )

    def _ddl(self, statement: str) -> None:
        result = self.session.execute(SimpleStatement(statement))
        if result.response_future.is_schema_agreed:
            return
        control = self.session.cluster.control_connection
        if not control.wait_for_schema_agreement(wait_time=self.settings.agreement_wait_seconds):
            raise MigrationError(
                f"cql: the cluster did not agree on the schema within "
                f"{self.settings.agreement_wait_seconds:.0f} s after: {' '.join(statement.split())}"
            )
