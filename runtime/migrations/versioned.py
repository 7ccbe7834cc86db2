"""Apply statement-based migrations (CQL, Mongo) to a store, under its lock, in order.

A store provides its ledger, a lock and a way to run one statement; this module decides
what runs, runs it and keeps the ledger true whatever happens.
"""

import logging
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from runtime.errors import MigrationError
from runtime.migrations import ledger
from runtime.migrations.ledger import Entry

log = logging.getLogger(__name__)


class StatementFailed(Exception):
    """A store could not run one statement; the message is the store's own error."""


@dataclass(frozen=True)
class Migration:
    """One rendered migration: its version, its text and the statements it holds."""

    version: str
    text: str
    statements: tuple[str, ...]

    @property
    def checksum(self) -> str:
        """SHA-256 of the rendered text, comments included."""
        return ledger.checksum(self.text)


@dataclass
class Report:
    """What a run did (or, in a dry run, would do) to one store."""

    store: str
    dry_run: bool
    applied: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    # What was left alone, or what a stand-in server could not apply, said once per item.
    notes: list[str] = field(default_factory=list)
    # Declarative stores list changes ("create topic x"); versioned ones list versions.
    declarative: bool = False

    def lines(self) -> list[str]:
        """Human lines for the CLI: one per migration or change, or 'nothing to do'."""
        if not self.changes:
            return [f"{self.store}: nothing to do, up to date", *self.notes]
        if self.declarative:
            verb = "would " if self.dry_run else ""
        else:
            verb = "would apply " if self.dry_run else "applied "
        lines = [
            change if change.startswith(" ") else f"{self.store}: {verb}{change}"
            for change in self.changes
        ]
        return lines + self.notes


class Store(Protocol):
    """What a versioned store offers the runner."""

    name: str

    def read_ledger(self) -> dict[str, Entry]:
        """The ledger, empty when the store has none yet (reading creates nothing)."""

    def prepare(self) -> None:
        """Create the ledger and lock where they are missing."""

    def lock(self) -> AbstractContextManager[None]:
        """Hold the store's migration lock for the duration of the block."""

    def execute(self, statement: str) -> None:
        """Run one statement, raising StatementFailed with the store's error."""

    def record(self, entry: Entry) -> None:
        """Write (or overwrite) one ledger entry."""

    def checkpoint(self) -> None:
        """Called after each migration: wait for agreement, renew the lock."""


def run(store: Store, migrations: Sequence[Migration], dry_run: bool = False) -> Report:
    """Apply the pending migrations to ``store``; in a dry run, only say which would run."""
    _check_versions(store.name, migrations)
    report = Report(store.name, dry_run)
    if dry_run:
        for migration, start in _plan(store, migrations):
            report.changes.append(_describe(migration, start))
            for statement in migration.statements[start:]:
                report.changes.append(f"    {_one_line(statement)}")
        return report
    store.prepare()
    with store.lock():
        for migration, start in _plan(store, migrations):
            _apply(store, migration, start)
            report.applied.append(migration.version)
            report.changes.append(_describe(migration, start))
    report.notes = list(getattr(store, "notes", ()))
    return report


def _check_versions(store: str, migrations: Sequence[Migration]) -> None:
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"{store}: two migrations share a version in {versions}")
    if versions != sorted(versions):
        raise MigrationError(f"{store}: migrations must be given in version order: {versions}")


def _plan(store: Store, migrations: Sequence[Migration]) -> Iterator[tuple[Migration, int]]:
    by_version = {m.version: m for m in migrations}
    files = [(m.version, m.checksum, m.statements) for m in migrations]
    for step in ledger.pending(store.name, files, store.read_ledger()):
        yield by_version[step.version], step.start


def _apply(store: Store, migration: Migration, start: int) -> None:
    total = len(migration.statements)
    log.info(
        "%s: applying %s from statement %d of %d", store.name, migration.version, start + 1, total
    )
    for index in range(start, total):
        statement = migration.statements[index]
        try:
            store.execute(statement)
        except StatementFailed as exc:
            done = migration.statements[:index]
            store.record(
                _entry(
                    migration, ledger.FAILED, index, ledger.prefix_checksum(done), str(exc)[:2000]
                )
            )
            raise MigrationError(
                f"{store.name}: migration {migration.version} failed at statement "
                f"{index + 1} of {total}: {_one_line(statement)}: {exc}; the ledger records "
                f"{index} statement(s) of it as applied; fix it and run migrate again"
            ) from exc
        if index + 1 < total:
            done = migration.statements[: index + 1]
            store.record(
                _entry(migration, ledger.RUNNING, index + 1, ledger.prefix_checksum(done), "")
            )
    store.record(
        _entry(migration, ledger.APPLIED, total, ledger.prefix_checksum(migration.statements), "")
    )
    store.checkpoint()


def _entry(migration: Migration, status: str, count: int, prefix: str, error: str) -> Entry:
    return Entry(
        version=migration.version,
        checksum=migration.checksum,
        applied_at=datetime.now(UTC),
        applied_by=ledger.identity(),
        status=status,
        statements=count,
        prefix_checksum=prefix,
        error=error,
    )


def _describe(migration: Migration, start: int) -> str:
    total = len(migration.statements)
    resumed = f", resuming at statement {start + 1}" if start else ""
    return f"{migration.version} ({total} statement(s){resumed})"


def _one_line(statement: str) -> str:
    return " ".join(statement.split())
