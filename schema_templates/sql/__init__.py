"""Alembic script directory of the SQL (SQL MI) schema; revisions live in versions/."""
