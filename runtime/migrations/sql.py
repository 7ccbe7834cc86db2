"""SQL (SQL MI) migrations through Alembic: online under the database's lock, or as T-SQL.

Public API used by ``dataspace diff``: :func:`revisions` and :func:`offline_sql`. The
script directory is ``schema_templates/sql`` (revisions in ``versions/``). The ledger is
the ``schema_ledger`` table beside Alembic's own ``alembic_version``.
"""

import io
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_plus

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.pool import NullPool

from runtime.errors import MigrationError
from runtime.migrations import ledger
from runtime.migrations.ledger import Entry
from runtime.migrations.sql_env import LEDGER
from runtime.migrations.versioned import Report

log = logging.getLogger(__name__)

SCRIPT_DIR = Path(__file__).resolve().parent.parent.parent / "schema_templates" / "sql"
LOCK_RESOURCE = "dataspace-migrate"
# pg_advisory_lock takes a bigint; this one is "dataspace" in ASCII.
PG_LOCK_KEY = 0x64617461737061


@dataclass(frozen=True)
class SqlSettings:
    """Which database, as a SQLAlchemy URL (it carries credentials; never logged)."""

    url: str
    script_dir: Path = SCRIPT_DIR
    lock_wait_seconds: float = 600.0


def odbc_url(connection_string: str) -> str:
    """A SQLAlchemy URL for an ODBC connection string such as the vault keeps for SQL MI."""
    text = connection_string.strip().rstrip(";")
    if "driver=" not in text.lower():
        text = "Driver={ODBC Driver 18 for SQL Server};" + text
    return "mssql+pyodbc:///?odbc_connect=" + quote_plus(text)


def _config(script_dir: Path, **attributes) -> Config:
    config = Config(output_buffer=io.StringIO(), attributes=attributes)
    config.set_main_option("script_location", str(script_dir))
    return config


def _script(script_dir: Path) -> ScriptDirectory:
    if not (script_dir / "env.py").is_file():
        raise MigrationError(f"{script_dir}: not an Alembic script directory (no env.py)")
    script = ScriptDirectory.from_config(_config(script_dir))
    heads = script.get_heads()
    if len(heads) > 1:
        raise MigrationError(
            f"{script_dir}: the revisions have {len(heads)} heads ({', '.join(sorted(heads))}); "
            "give one of them the other as down_revision"
        )
    return script


def revisions(script_dir: Path = SCRIPT_DIR) -> list[str]:
    """Revision ids from the first to the head, in the order they apply."""
    return [s.revision for s in reversed(list(_script(script_dir).walk_revisions()))]


def checksums(script_dir: Path = SCRIPT_DIR) -> dict[str, str]:
    """Revision id -> SHA-256 of its file."""
    script = _script(script_dir)
    return {s.revision: ledger.checksum(Path(s.path).read_bytes()) for s in script.walk_revisions()}


def offline_sql(
    start: str | None, end: str = "head", *, dialect: str = "mssql", script_dir: Path = SCRIPT_DIR
) -> str:
    """The SQL (T-SQL by default) of the revisions after ``start`` up to ``end``.

    ``start`` None renders from the beginning, with the ledger and Alembic's version table.
    """
    known = revisions(script_dir)
    for name, value in (("start", start), ("end", end)):
        if value not in (None, "head") and value not in known:
            raise MigrationError(
                f"offline SQL: {name} revision {value!r} is unknown; known: {', '.join(known)}"
            )
    config = _config(script_dir, checksums=checksums(script_dir), dialect=dialect)
    span = end if start is None else f"{start}:{end}"
    try:
        command.upgrade(config, span, sql=True)
    except CommandError as exc:
        raise MigrationError(f"offline SQL {span}: {exc}") from exc
    return config.output_buffer.getvalue()


def upgrade(settings: SqlSettings, dry_run: bool = False) -> Report:
    """Apply pending revisions under the database's lock; a dry run prints their SQL."""
    report = Report("sql", dry_run)
    sums = checksums(settings.script_dir)
    order = revisions(settings.script_dir)
    engine = sa.create_engine(settings.url, poolclass=NullPool)
    try:
        with engine.connect() as conn, _lock(conn, settings.lock_wait_seconds):
            applied = _read_ledger(conn)
            _check_alembic_agrees(conn, applied, order)
            files = [(rev, sums[rev], ()) for rev in order]
            pending = [s.version for s in ledger.pending("sql", files, applied)]
            conn.commit()
            if not pending:
                return report
            if dry_run:
                start = order[order.index(pending[0]) - 1] if pending[0] != order[0] else None
                report.changes += pending
                sql_text = offline_sql(
                    start, dialect=conn.dialect.name, script_dir=settings.script_dir
                )
                report.changes += [f"    {line}" for line in sql_text.splitlines() if line]
                return report
            _apply(conn, settings, sums, pending)
            report.applied += pending
            report.changes += pending
    except sa.exc.OperationalError as exc:
        reason = " ".join(str(exc.orig).split())
        raise MigrationError(f"sql: cannot reach the database: {reason}") from exc
    except sa.exc.DBAPIError as exc:
        # Revision failures are MigrationErrors already; this is the ledger or the lock.
        reason = str(exc.orig).strip().splitlines()[0]
        raise MigrationError(
            f"sql: reading the ledger or taking the lock failed: {reason}"
        ) from exc
    finally:
        engine.dispose()
    return report


def _apply(conn, settings: SqlSettings, sums: dict[str, str], pending: list[str]) -> None:
    if not sa.inspect(conn).has_table(LEDGER.name):
        LEDGER.create(conn)
    # End the transaction the check began: Alembic runs every revision in one outer
    # transaction when it finds one open, and each must commit on its own.
    conn.commit()
    config = _config(
        settings.script_dir, connection=conn, checksums=sums, identity=ledger.identity()
    )
    try:
        command.upgrade(config, "head")
    except sa.exc.DBAPIError as exc:
        conn.rollback()
        done = config.attributes.get("applied", [])
        failed = pending[len(done)] if len(done) < len(pending) else pending[-1]
        statement = " ".join(str(exc.statement).split())
        # The first line of the server's error; PostgreSQL adds a caret diagram below it.
        reason = str(exc.orig).strip().splitlines()[0]
        raise MigrationError(
            f"sql: revision {failed} failed at statement: {statement}: {reason}; its "
            f"transaction was rolled back and the ledger lists {len(done)} new revision(s) "
            f"({', '.join(done) or 'none'})"
        ) from exc
    except CommandError as exc:
        raise MigrationError(f"sql: {exc}") from exc
    conn.commit()


def _read_ledger(conn) -> dict[str, Entry]:
    if not sa.inspect(conn).has_table(LEDGER.name):
        return {}
    rows = conn.execute(sa.select(LEDGER)).mappings()
    return {
        r["version"]: Entry(
            r["version"], r["checksum"], r["applied_at"], r["applied_by"], statements=1
        )
        for r in rows
    }


def _check_alembic_agrees(conn, applied: dict[str, Entry], order: list[str]) -> None:
    heads = MigrationContext.configure(conn).get_current_heads()
    last = max((v for v in applied if v in order), key=order.index, default=None)
    if tuple(heads) != ((last,) if last else ()):
        raise MigrationError(
            f"sql: alembic_version says {', '.join(heads) or 'nothing applied'} but the ledger's "
            f"last revision is {last or 'none'}; someone ran Alembic by hand: stamp the version "
            "table to match the ledger before migrating"
        )


@contextmanager
def _lock(conn, wait_seconds: float) -> Iterator[None]:
    dialect = conn.dialect.name
    deadline = time.monotonic() + wait_seconds
    if dialect == "postgresql":
        take = sa.text("SELECT pg_try_advisory_lock(:key)").bindparams(key=PG_LOCK_KEY)
        while not conn.execute(take).scalar():
            if time.monotonic() > deadline:
                raise MigrationError(
                    f"sql: another migrator holds the advisory lock {PG_LOCK_KEY} after "
                    f"{wait_seconds:.0f} s; wait for it to finish"
                )
            time.sleep(0.5)
        release = sa.text("SELECT pg_advisory_unlock(:key)").bindparams(key=PG_LOCK_KEY)
    elif dialect == "mssql":
        got = conn.execute(
            sa.text(
                # NOCOUNT: without it pyodbc sees EXEC's row count first, not the SELECT.
                "SET NOCOUNT ON; DECLARE @r int; EXEC @r = sp_getapplock @Resource = :res, "
                "@LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = :ms; SELECT @r"
            ).bindparams(res=LOCK_RESOURCE, ms=int(wait_seconds * 1000))
        ).scalar()
        if got is None or got < 0:
            raise MigrationError(
                f"sql: sp_getapplock on {LOCK_RESOURCE!r} returned {got} after "
                f"{wait_seconds:.0f} s; another migrator holds it"
            )
        release = sa.text(
            "EXEC sp_releaseapplock @Resource = :res, @LockOwner = 'Session'"
        ).bindparams(res=LOCK_RESOURCE)
    else:
        raise MigrationError(
            f"sql: no migration lock for dialect {dialect}; use mssql or postgresql"
        )
    conn.commit()
    try:
        yield
    finally:
        conn.rollback()
        conn.execute(release)
        conn.commit()
