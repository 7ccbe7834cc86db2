"""Mongo (Atlas) migrations: database commands, with ledger and lock in the same database.

The lock is one document with a fixed ``_id`` in ``schema_lock``: ``_id`` is unique, so only
one migrator can insert it. It carries an expiry; a migrator may take over an expired
lock, and the holder pushes the expiry forward after each migration.
"""

import json
import logging
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pymongo import MongoClient, ReturnDocument
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError, PyMongoError

from runtime.errors import MigrationError
from runtime.migrations import ledger
from runtime.migrations.ledger import Entry
from runtime.migrations.versioned import StatementFailed

log = logging.getLogger(__name__)

LEDGER = "schema_ledger"
LOCK = "schema_lock"
LOCK_ID = "migrate"
# What FerretDB 1.24 (the local Atlas stand-in) answers NotImplemented to, by command.
STAND_IN_GAPS = {
    "create": ("validator", "validationLevel", "validationAction"),
    "createIndexes": ("expireAfterSeconds", "partialFilterExpression"),
}


@dataclass(frozen=True)
class MongoSettings:
    """Where the database is; ``uri`` carries credentials and is never logged."""

    uri: str
    database: str = "smartbuild"
    # The local FerretDB lacks validators and TTL indexes; drop them there, loudly.
    stand_in: bool = False
    lock_ttl_seconds: int = 300
    lock_wait_seconds: float = 600.0


def connect(settings: MongoSettings) -> MongoClient:
    """A client for the settings, majority writes as the guide asks."""
    return MongoClient(settings.uri, serverSelectionTimeoutMS=15_000, w="majority", tz_aware=True)


class MongoStore:
    """One Mongo database as a versioned store."""

    name = "mongo"

    def __init__(self, client: MongoClient, settings: MongoSettings) -> None:
        self.db: Database = client[settings.database]
        self.settings = settings
        self.owner = f"{ledger.identity()}/{uuid.uuid4().hex[:8]}"
        self.notes: list[str] = []

    def read_ledger(self) -> dict[str, Entry]:
        return {
            doc["_id"]: Entry(
                version=doc["_id"],
                checksum=doc["checksum"],
                applied_at=doc["applied_at"],
                applied_by=doc["applied_by"],
                status=doc["status"],
                statements=doc["statements"],
                prefix_checksum=doc["prefix_checksum"],
                error=doc.get("error", ""),
            )
            for doc in self.db[LEDGER].find()
        }

    def prepare(self) -> None:
        # Collections appear on first insert; nothing to create ahead of the lock.
        return None

    @contextmanager
    def lock(self) -> Iterator[None]:
        deadline = time.monotonic() + self.settings.lock_wait_seconds
        locks = self.db[LOCK]
        while not self._take(locks):
            holder = locks.find_one({"_id": LOCK_ID}) or {}
            if time.monotonic() > deadline:
                raise MigrationError(
                    f"mongo: the migration lock {self.db.name}.{LOCK} is held by "
                    f"{holder.get('owner')} until {holder.get('expires_at')}; wait for it to "
                    "finish or expire"
                )
            log.info("mongo: waiting for the migration lock held by %s", holder.get("owner"))
            time.sleep(0.5)
        try:
            yield
        finally:
            try:
                locks.delete_one({"_id": LOCK_ID, "owner": self.owner})
            except PyMongoError as exc:
                log.warning(
                    "mongo: could not release the migration lock (%s); it expires in %d s",
                    exc,
                    self.settings.lock_ttl_seconds,
                )

    def _take(self, locks) -> bool:
        now = datetime.now(UTC)
        doc = {
            "owner": self.owner,
            "acquired_at": now,
            "expires_at": now + timedelta(seconds=self.settings.lock_ttl_seconds),
        }
        try:
            locks.insert_one({"_id": LOCK_ID, **doc})
            return True
        except DuplicateKeyError:
            taken = locks.find_one_and_update(
                {"_id": LOCK_ID, "expires_at": {"$lt": now}},
                {"$set": doc},
                return_document=ReturnDocument.AFTER,
            )
            return taken is not None and taken["owner"] == self.owner

    def execute(self, statement: str) -> None:
        command = json.loads(statement)
        if self.settings.stand_in:
            command = self._without_gaps(command)
        try:
            self.db.command(command)
        except PyMongoError as exc:
            raise StatementFailed(str(exc)) from exc

    def _without_gaps(self, command: dict) -> dict:
        verb = next(iter(command))
        gaps = STAND_IN_GAPS.get(verb, ())
        dropped: list[str] = []
        if verb == "createIndexes":
            indexes = []
            for spec in command.get("indexes", []):
                lost = [k for k in gaps if k in spec]
                dropped += [f"{k} (index {spec.get('name')})" for k in lost]
                indexes.append({k: v for k, v in spec.items() if k not in lost})
            kept = {**command, "indexes": indexes}
        else:
            dropped = [k for k in gaps if k in command]
            kept = {k: v for k, v in command.items() if k not in gaps}
        if dropped:
            note = (
                f"mongo: {verb} {command[verb]}: the local stand-in (FerretDB) lacks "
                f"{', '.join(dropped)}; applied without it"
            )
            log.info("%s", note)
            self.notes.append(note)
        return kept

    def record(self, entry: Entry) -> None:
        self.db[LEDGER].replace_one(
            {"_id": entry.version},
            {
                "checksum": entry.checksum,
                "applied_at": entry.applied_at,
                "applied_by": entry.applied_by,
                "status": entry.status,
                "statements": entry.statements,
                "prefix_checksum": entry.prefix_checksum,
                "error": entry.error,
            },
            upsert=True,
        )

    def checkpoint(self) -> None:
        expires = datetime.now(UTC) + timedelta(seconds=self.settings.lock_ttl_seconds)
        renewed = self.db[LOCK].update_one(
            {"_id": LOCK_ID, "owner": self.owner}, {"$set": {"expires_at": expires}}
        )
        if renewed.matched_count != 1:
            raise MigrationError(
                f"mongo: lost the migration lock {self.db.name}.{LOCK} (it expired and was "
                "taken over); the ledger is up to date, run again"
            )
