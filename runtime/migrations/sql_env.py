"""What the Alembic ``env.py`` runs: online on the migrator's connection, or offline to SQL.

Each revision runs in its own transaction, and the ledger row of a revision is written in
that same transaction, so the ledger never claims a revision whose changes rolled back.
"""

import sqlalchemy as sa
from sqlalchemy.schema import CreateTable

# The SQL Server engine version SQL MI reports (SQL Server 2022 generation).
SQL_MI_VERSION = (16, 0, 4000)

LEDGER = sa.Table(
    "schema_ledger",
    sa.MetaData(),
    sa.Column("version", sa.String(64), primary_key=True),
    sa.Column("checksum", sa.String(64), nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("applied_by", sa.String(255), nullable=False),
)


def run(context) -> None:
    """Configure and run the migrations of one Alembic command (online or offline)."""
    attributes = context.config.attributes
    checksums: dict[str, str] = attributes["checksums"]
    if context.is_offline_mode():
        # The login that runs the reviewed script is the one who applied it.
        record = _recorder(checksums, sa.func.current_user(), attributes)
        context.configure(
            dialect_name=attributes.get("dialect", "mssql"),
            literal_binds=True,
            transaction_per_migration=True,
            on_version_apply=record,
        )
        dialect = context.get_context().dialect
        if dialect.name == "mssql":
            _as_sql_managed_instance(dialect)
        with context.begin_transaction():
            if context.get_starting_revision_argument() is None:
                context.execute(CreateTable(LEDGER))
            context.run_migrations()
        return
    record = _recorder(checksums, attributes["identity"], attributes)
    context.configure(
        connection=attributes["connection"],
        transaction_per_migration=True,
        on_version_apply=record,
    )
    with context.begin_transaction():
        context.run_migrations()


def _as_sql_managed_instance(dialect) -> None:
    # Offline there is no server to ask its version, and SQLAlchemy then renders for SQL
    # Server 2005 (DATETIME for DATE, NTEXT for large text). SQL MI runs the current engine.
    dialect.server_version_info = SQL_MI_VERSION
    dialect.deprecate_large_types = True
    dialect._supports_nvarchar_max = True
    dialect._setup_version_attributes()


def _recorder(checksums: dict[str, str], applied_by, attributes: dict):
    done: list[str] = attributes.setdefault("applied", [])

    def record(ctx, step, heads, run_args) -> None:
        if not step.is_upgrade or step.is_stamp:
            return
        version = step.up_revision_id
        ctx.execute(
            LEDGER.insert().values(
                version=version,
                checksum=checksums[version],
                applied_at=sa.func.current_timestamp(),
                applied_by=applied_by,
            )
        )
        done.append(version)

    return record
