"""The ledger every versioned store keeps, and the rules that check it against the files.

A ledger entry says which migration ran, with which checksum, when and by whom. An entry
whose status is ``failed`` (a statement failed) or ``running`` (the migrator stopped) records
how many statements of that migration did apply, so the ledger stays true when a migration
stops half way; the next run resumes after them.
"""

import getpass
import hashlib
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from runtime.errors import MigrationError

APPLIED = "applied"
FAILED = "failed"
# Written after each statement of a migration but its last: a migrator killed half way
# leaves a ledger that still says which statements applied.
RUNNING = "running"


@dataclass(frozen=True)
class Entry:
    """One row of a store's ledger."""

    version: str
    checksum: str
    applied_at: datetime
    applied_by: str
    status: str = APPLIED
    # Statements of the migration that were applied (all of them when status is applied).
    statements: int = 0
    # Checksum of those applied statements, to resume a failed migration safely.
    prefix_checksum: str = ""
    error: str = ""


@dataclass(frozen=True)
class Step:
    """A migration to run, from statement ``start`` on (0 unless resuming a failed one)."""

    version: str
    start: int = 0


def checksum(text: str | bytes) -> str:
    """SHA-256 of a migration's text, as hex."""
    data = text.encode() if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def prefix_checksum(statements: Sequence[str]) -> str:
    """Checksum of the first statements of a migration, as they were applied."""
    return checksum("\0".join(statements))


def identity() -> str:
    """Who is migrating: ``DATASPACE_MIGRATOR`` if set, else user@host (a pod's name)."""
    given = os.environ.get("DATASPACE_MIGRATOR")
    if given:
        return given
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return f"{user}@{socket.gethostname()}"


def pending(
    store: str,
    files: Sequence[tuple[str, str, Sequence[str]]],
    ledger: dict[str, Entry],
) -> list[Step]:
    """What must run, given the migrations on disk and the store's ledger.

    ``files`` holds (version, checksum, statement texts) in apply order. Raises
    MigrationError, before anything runs, when an applied migration is missing or was
    edited, when a new migration sorts before an applied one, or when a failed one
    was edited in a statement that had already applied.
    """
    order = [version for version, _, _ in files]
    missing = sorted(set(ledger) - set(order))
    if missing:
        raise MigrationError(
            f"{store}: the ledger lists {', '.join(missing)} but no such migration exists; "
            "restore the file (applied migrations are never removed)"
        )
    steps: list[Step] = []
    seen_gap = None
    for version, digest, statements in files:
        entry = ledger.get(version)
        if entry is None:
            seen_gap = seen_gap or version
            steps.append(Step(version))
            continue
        if seen_gap:
            raise MigrationError(
                f"{store}: migration {seen_gap} is new but sorts before {version}, which is "
                f"already applied; give {seen_gap} a version after the last applied one"
            )
        if entry.status in (FAILED, RUNNING):
            done = statements[: entry.statements]
            now = prefix_checksum(done)
            if now != entry.prefix_checksum:
                raise MigrationError(
                    f"{store}: migration {version} stopped after {entry.statements} statement(s) "
                    f"and those statements changed since (ledger {entry.prefix_checksum[:12]}, "
                    f"file {now[:12]}); restore them and change only what follows"
                )
            steps.append(Step(version, entry.statements))
            continue
        if entry.checksum != digest:
            raise MigrationError(
                f"{store}: applied migration {version} has changed: ledger checksum "
                f"{entry.checksum}, file checksum {digest}; restore the file and put the "
                "change in a new migration"
            )
    return steps
