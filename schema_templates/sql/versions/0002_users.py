"""Users, each belonging to one building.

Revision ID: 0002_users
Revises: 0001_buildings
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_users"
down_revision = "0001_buildings"
branch_labels = None
depends_on = None

ROLES = ("admin", "manager", "occupant", "maintenance")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(255), nullable=False),
        sa.Column("building_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.current_timestamp(),
        ),
        sa.PrimaryKeyConstraint("user_id", name="pk_users"),
        sa.UniqueConstraint("email", name="uq_users_email"),
        sa.ForeignKeyConstraint(
            ["building_id"], ["buildings.building_id"], name="fk_users_building"
        ),
        sa.CheckConstraint(
            "role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")", name="ck_users_role"
        ),
    )
    # Who works in a building, by role: the user service's most frequent listing.
    op.create_index("ix_users_building_role", "users", ["building_id", "role"])


def downgrade() -> None:
    op.drop_index("ix_users_building_role", table_name="users")
    op.drop_table("users")
