"""Alembic environment: runs migrations on the connection the application hands over."""

from __future__ import annotations

from alembic import context

from hendazh_desktop.db import models  # noqa: F401  (registers every table on the metadata)
from hendazh_desktop.db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
