"""Buildings: the registry every other table hangs from.

The main contact (a user) is a plain column here; its foreign key comes in 0007, once
users exist, because buildings and users refer to each other.

Revision ID: 0001_buildings
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_buildings"
down_revision = None
branch_labels = None
depends_on = None

REGIONS = ("US-EAST", "US-WEST", "EU")


def upgrade() -> None:
    op.create_table(
        "buildings",
        sa.Column("building_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Unicode(255), nullable=False),
        sa.Column("address", sa.Unicode(1000)),
        sa.Column("region", sa.String(10), nullable=False),
        sa.Column("total_floors", sa.Integer()),
        sa.Column("operational_since", sa.Date()),
        sa.Column("main_contact_id", sa.Uuid()),
        sa.PrimaryKeyConstraint("building_id", name="pk_buildings"),
        # T-SQL has no ENUM: a CHECK constraint lists the allowed values.
        sa.CheckConstraint(
            "region IN (" + ", ".join(f"'{r}'" for r in REGIONS) + ")", name="ck_buildings_region"
        ),
        sa.CheckConstraint("total_floors > 0", name="ck_buildings_total_floors"),
    )
    op.create_index("ix_buildings_region", "buildings", ["region"])


def downgrade() -> None:
    op.drop_index("ix_buildings_region", table_name="buildings")
    op.drop_table("buildings")
