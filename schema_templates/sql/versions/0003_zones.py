"""Zones (floors, wings, rooms, datacenters) of a building, with a responsible manager.

Revision ID: 0003_zones
Revises: 0002_users
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_zones"
down_revision = "0002_users"
branch_labels = None
depends_on = None

ZONE_TYPES = ("floor", "wing", "room", "datacenter")


def upgrade() -> None:
    op.create_table(
        "zones",
        sa.Column("zone_id", sa.Uuid(), nullable=False),
        sa.Column("building_id", sa.Uuid(), nullable=False),
        sa.Column("zone_name", sa.Unicode(255), nullable=False),
        sa.Column("zone_type", sa.String(20), nullable=False),
        sa.Column("responsible_manager_id", sa.Uuid()),
        sa.Column("priority_level", sa.Integer(), nullable=False, server_default=sa.text("5")),
        sa.PrimaryKeyConstraint("zone_id", name="pk_zones"),
        sa.ForeignKeyConstraint(
            ["building_id"], ["buildings.building_id"], name="fk_zones_building"
        ),
        sa.ForeignKeyConstraint(
            ["responsible_manager_id"], ["users.user_id"], name="fk_zones_manager"
        ),
        sa.CheckConstraint(
            "zone_type IN (" + ", ".join(f"'{t}'" for t in ZONE_TYPES) + ")",
            name="ck_zones_zone_type",
        ),
        # 1 is critical, 5 routine.
        sa.CheckConstraint("priority_level BETWEEN 1 AND 5", name="ck_zones_priority_level"),
    )
    op.create_index("ix_zones_building", "zones", ["building_id"])
    op.create_index("ix_zones_manager", "zones", ["responsible_manager_id"])


def downgrade() -> None:
    op.drop_index("ix_zones_manager", table_name="zones")
    op.drop_index("ix_zones_building", table_name="zones")
    op.drop_table("zones")
