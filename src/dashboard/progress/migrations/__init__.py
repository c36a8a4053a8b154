"""Alembic migrations of the progress database, run by `store.open_store` (never by hand)."""
