"""Alembic migrations of the Hendazh database."""
