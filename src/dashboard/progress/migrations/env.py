"""Alembic environment: runs on the connection `store.migrate` passes in (no ini file, no URL here)."""

from alembic import context

from dashboard.progress.models import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
