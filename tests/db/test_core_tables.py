"""The Core stand-ins that printing reads (``db.core_tables``) name real columns with the
mapped column's type class: a renamed column or a changed type fails here, not on paper."""

from __future__ import annotations

from hendazh_desktop.db import models  # noqa: F401  (maps every table onto the metadata)
from hendazh_desktop.db.base import Base
from hendazh_desktop.db.core_tables import TABLES


def test_every_core_column_is_a_mapped_column_of_the_same_type():
    assert TABLES
    for stand_in in TABLES:
        mapped = Base.metadata.tables[stand_in.name]
        for column in stand_in.c:
            assert column.name in mapped.c, f"{stand_in.name}.{column.name}"
            real = mapped.c[column.name].type
            assert type(column.type) is type(real), f"{stand_in.name}.{column.name}: {real!r}"
