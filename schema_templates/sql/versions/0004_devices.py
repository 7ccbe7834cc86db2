"""Device master data: where each device is, what it is and its state.

Position is stored as latitude and longitude on every database. On SQL Server a persisted
computed ``coordinates`` geography column (SRID 4326) and a spatial index serve the
geospatial queries; PostgreSQL without PostGIS has no geography type, so the local
stand-in keeps the two numbers only and the same rows load on both.

Revision ID: 0004_devices
Revises: 0003_zones
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.types import UserDefinedType

revision = "0004_devices"
down_revision = "0003_zones"
branch_labels = None
depends_on = None

STATUSES = ("active", "inactive", "maintenance")


class Geography(UserDefinedType):
    """SQL Server's geography type (used for a computed column, which names no type)."""

    cache_ok = True

    def get_col_spec(self, **kw) -> str:
        return "geography"


def _is_sql_server() -> bool:
    return op.get_context().dialect.name == "mssql"


def upgrade() -> None:
    spatial = []
    if _is_sql_server():
        spatial.append(
            sa.Column(
                "coordinates",
                Geography(),
                sa.Computed("geography::Point(latitude, longitude, 4326)", persisted=True),
            )
        )
    op.create_table(
        "devices",
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("building_id", sa.Uuid(), nullable=False),
        sa.Column("device_type", sa.String(50), nullable=False),
        sa.Column("zone_id", sa.Uuid()),
        sa.Column("serial_number", sa.String(100)),
        sa.Column("manufacturer", sa.Unicode(100)),
        sa.Column("model", sa.Unicode(100)),
        sa.Column("installation_date", sa.Date()),
        sa.Column("last_maintenance", sa.Date()),
        sa.Column("status", sa.String(20), nullable=False, server_default="active"),
        sa.Column("latitude", sa.Numeric(9, 6)),
        sa.Column("longitude", sa.Numeric(9, 6)),
        *spatial,
        sa.PrimaryKeyConstraint("device_id", name="pk_devices"),
        sa.ForeignKeyConstraint(
            ["building_id"], ["buildings.building_id"], name="fk_devices_building"
        ),
        sa.ForeignKeyConstraint(["zone_id"], ["zones.zone_id"], name="fk_devices_zone"),
        sa.CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")", name="ck_devices_status"
        ),
        sa.CheckConstraint("latitude BETWEEN -90 AND 90", name="ck_devices_latitude"),
        sa.CheckConstraint("longitude BETWEEN -180 AND 180", name="ck_devices_longitude"),
        sa.CheckConstraint(
            "(latitude IS NULL AND longitude IS NULL)"
            " OR (latitude IS NOT NULL AND longitude IS NOT NULL)",
            name="ck_devices_position_pair",
        ),
    )
    # SQL Server lets a UNIQUE constraint hold one NULL only; a filtered index keeps
    # serial numbers unique while devices without one are registered.
    op.create_index(
        "ux_devices_serial_number",
        "devices",
        ["serial_number"],
        unique=True,
        mssql_where=sa.text("serial_number IS NOT NULL"),
        postgresql_where=sa.text("serial_number IS NOT NULL"),
    )
    op.create_index("ix_devices_building_type", "devices", ["building_id", "device_type"])
    op.create_index("ix_devices_zone", "devices", ["zone_id"])
    op.create_index("ix_devices_status", "devices", ["status"])
    if _is_sql_server():
        op.execute(
            "CREATE SPATIAL INDEX sx_devices_coordinates ON devices (coordinates)"
            " USING GEOGRAPHY_AUTO_GRID"
        )


def downgrade() -> None:
    if _is_sql_server():
        op.execute("DROP INDEX sx_devices_coordinates ON devices")
    op.drop_index("ix_devices_status", table_name="devices")
    op.drop_index("ix_devices_zone", table_name="devices")
    op.drop_index("ix_devices_building_type", table_name="devices")
    op.drop_index("ux_devices_serial_number", table_name="devices")
    op.drop_table("devices")
