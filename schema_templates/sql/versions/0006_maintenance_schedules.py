"""Maintenance schedules: preventive and reactive work on devices, by technician.

Revision ID: 0006_maintenance_schedules
Revises: 0005_access_rules
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_maintenance_schedules"
down_revision = "0005_access_rules"
branch_labels = None
depends_on = None

TYPES = ("preventive", "reactive")
STATUSES = ("pending", "in_progress", "completed")


def upgrade() -> None:
    op.create_table(
        "maintenance_schedules",
        sa.Column("schedule_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("schedule_type", sa.String(20), nullable=False),
        sa.Column("frequency_days", sa.Integer()),
        sa.Column("last_maintenance", sa.DateTime(timezone=True)),
        sa.Column("next_scheduled", sa.DateTime(timezone=True)),
        sa.Column("assigned_technician_id", sa.Uuid()),
        sa.Column("status", sa.String(20), nullable=False, server_default="pending"),
        sa.PrimaryKeyConstraint("schedule_id", name="pk_maintenance_schedules"),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.device_id"], name="fk_maintenance_schedules_device"
        ),
        sa.ForeignKeyConstraint(
            ["assigned_technician_id"],
            ["users.user_id"],
            name="fk_maintenance_schedules_technician",
        ),
        sa.CheckConstraint(
            "schedule_type IN (" + ", ".join(f"'{t}'" for t in TYPES) + ")",
            name="ck_maintenance_schedules_type",
        ),
        sa.CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")",
            name="ck_maintenance_schedules_status",
        ),
        sa.CheckConstraint(
            "frequency_days IS NULL OR frequency_days > 0",
            name="ck_maintenance_schedules_frequency",
        ),
    )
    # The scheduler's sweep (what is due next) and a technician's work list.
    op.create_index(
        "ix_maintenance_schedules_due", "maintenance_schedules", ["status", "next_scheduled"]
    )
    op.create_index(
        "ix_maintenance_schedules_technician",
        "maintenance_schedules",
        ["assigned_technician_id", "status"],
    )
    op.create_index("ix_maintenance_schedules_device", "maintenance_schedules", ["device_id"])


def downgrade() -> None:
    op.drop_index("ix_maintenance_schedules_device", table_name="maintenance_schedules")
    op.drop_index("ix_maintenance_schedules_technician", table_name="maintenance_schedules")
    op.drop_index("ix_maintenance_schedules_due", table_name="maintenance_schedules")
    op.drop_table("maintenance_schedules")
