"""Alembic migrations, run by `reader.storage.database` when a library is opened."""
