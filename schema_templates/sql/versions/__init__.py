"""Alembic revisions, applied in down_revision order by ``dataspace migrate sql``."""
