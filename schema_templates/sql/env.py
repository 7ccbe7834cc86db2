"""Alembic environment: the migrator hands over a connection, or asks for T-SQL offline.

All the logic lives in :mod:`runtime.migrations.sql_env` so it is tested like any module.
"""

from alembic import context

from runtime.migrations import sql_env

sql_env.run(context)
