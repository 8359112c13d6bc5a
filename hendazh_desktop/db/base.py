"""Declarative base: naming convention, UTC-aware datetimes and integer money columns."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import CheckConstraint, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, mapped_column

from hendazh_desktop.db.types import UTCDateTime as UTCDateTime  # re-exported

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime()}


def integer_check(table: str, column: str, *, minimum: int | None = 0) -> CheckConstraint:
    """On SQLite, an INTEGER column still accepts text (e.g. Persian digits): refuse it."""
    condition = f"typeof({column}) = 'integer'"
    if minimum is not None:
        condition += f" AND {column} >= {minimum}"
    return CheckConstraint(condition, name=f"{column}_integer").ddl_if(dialect="sqlite")


def non_negative(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} >= 0", name=f"{column}_non_negative")


def money_column(**kwargs: Any) -> Any:
    """An integer number of rials."""
    return mapped_column(Integer, nullable=False, default=0, **kwargs)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# A name's collation key (domain.text.collation_key): compared by code point on both
# databases, whatever collation a PostgreSQL database was created with.
SORT_KEY_TYPE = String(200).with_variant(String(200, collation="C"), "postgresql")


def sort_key_column() -> Any:
    """The column that a list sorts a name by (set whenever the name is set)."""
    return mapped_column(SORT_KEY_TYPE, nullable=False, default="", server_default="")
