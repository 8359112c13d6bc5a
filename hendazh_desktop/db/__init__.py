"""Persistence: SQLAlchemy models, the engine set-up, repositories and Alembic migrations."""
