"""The buildings -> users foreign key, added once both tables exist (they refer to each other).

Revision ID: 0007_building_contact
Revises: 0006_maintenance_schedules
"""

from alembic import op

revision = "0007_building_contact"
down_revision = "0006_maintenance_schedules"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NO ACTION, not CASCADE: SQL Server refuses cascade paths that form a cycle.
    op.create_foreign_key(
        "fk_buildings_main_contact", "buildings", "users", ["main_contact_id"], ["user_id"]
    )
    op.create_index("ix_buildings_main_contact", "buildings", ["main_contact_id"])


def downgrade() -> None:
    op.drop_index("ix_buildings_main_contact", table_name="buildings")
    op.drop_constraint("fk_buildings_main_contact", "buildings", type_="foreignkey")
