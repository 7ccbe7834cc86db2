"""Access control rules: who may open which door of a building, and when.

Revision ID: 0005_access_rules
Revises: 0004_devices
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_access_rules"
down_revision = "0004_devices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_rules",
        sa.Column("rule_id", sa.Uuid(), nullable=False),
        sa.Column("building_id", sa.Uuid(), nullable=False),
        # A door is an access-point device.
        sa.Column("door_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("access_level", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date()),
        # ISO weekdays, comma separated: '1,2,3,4,5' is Monday to Friday.
        sa.Column("days_of_week", sa.String(13), nullable=False, server_default="1,2,3,4,5,6,7"),
        sa.Column("time_from", sa.Time()),
        sa.Column("time_until", sa.Time()),
        sa.PrimaryKeyConstraint("rule_id", name="pk_access_rules"),
        sa.ForeignKeyConstraint(
            ["building_id"], ["buildings.building_id"], name="fk_access_rules_building"
        ),
        sa.ForeignKeyConstraint(["door_id"], ["devices.device_id"], name="fk_access_rules_door"),
        sa.ForeignKeyConstraint(["user_id"], ["users.user_id"], name="fk_access_rules_user"),
        sa.CheckConstraint("access_level BETWEEN 0 AND 10", name="ck_access_rules_level"),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from", name="ck_access_rules_validity"
        ),
        sa.CheckConstraint(
            "(time_from IS NULL AND time_until IS NULL) OR time_until > time_from",
            name="ck_access_rules_hours",
        ),
    )
    # The door controller's question: which rules let this user through this door?
    op.create_index("ix_access_rules_door_user", "access_rules", ["door_id", "user_id"])
    op.create_index("ix_access_rules_user", "access_rules", ["user_id"])
    op.create_index("ix_access_rules_building", "access_rules", ["building_id"])


def downgrade() -> None:
    op.drop_index("ix_access_rules_building", table_name="access_rules")
    op.drop_index("ix_access_rules_user", table_name="access_rules")
    op.drop_index("ix_access_rules_door_user", table_name="access_rules")
    op.drop_table("access_rules")
