"""Alembic environment: runs migrations on the connection the application hands over."""

from __future__ import annotations

from alembic import context

from hendazh_desktop.db import models, models_admin  # noqa: F401  (registers every table)
from hendazh_desktop.db.base import Base

config = context.config
target_metadata = Base.metadata


SEARCH_TABLE_PREFIXES = ("subscriber_fts", "phone_fts")


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Leave the FTS5 search tables (created by raw DDL, not models) out of comparisons."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE_PREFIXES))


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
