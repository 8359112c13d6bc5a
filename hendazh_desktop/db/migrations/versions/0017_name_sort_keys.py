"""name sort keys

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03

Names sort in Persian alphabetical order on both databases: subscribers, work groups,
services, zones and users get a ``sort_key`` (the search key with each Persian letter moved to a
private-use code point in alphabet order; compared by code point, collation "C" on
PostgreSQL), and the subscriber list's name order gets an index on it. Unicode puts پ چ ژ ک گ
after every Arabic letter and ه before و, so ordering by the name or its search key misplaced
them. Existing keys are derived from the stored search keys (subscribers, work groups) or from
the stored display names (services, zones, users: a few rows).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# Frozen copy of domain.text.PERSIAN_ALPHABET and the mapping of collation_key.
ALPHABET = "ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ"
TARGETS = "".join(chr(0xE000 + i) for i in range(len(ALPHABET)))
_COLLATE = str.maketrans(ALPHABET, TARGETS)
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
TABLES = ("subscribers", "work_groups", "services", "zones", "users")


def _from_search_key(key: str | None) -> str:
    return (key or "").translate(_COLLATE)


def _from_display_name(name: str) -> str:
    """The search key's folds that stored display names still need, then the mapping."""
    key = name.replace("\u200c", "").replace("آ", "ا").replace("أ", "ا").replace("إ", "ا")
    key = key.replace("ؤ", "و").translate(_DIGITS)
    return _from_search_key(" ".join(key.split()).casefold())


def _key_type() -> sa.types.TypeEngine[str]:
    return sa.String(200).with_variant(sa.String(200, collation="C"), "postgresql")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("sort_key", _key_type(), nullable=False, server_default=""))
    bind = op.get_bind()
    for table in ("subscribers", "work_groups"):
        if bind.dialect.name == "sqlite":
            raw = bind.connection.driver_connection
            assert raw is not None
            raw.create_function("hendazh_0017_key", 1, _from_search_key, deterministic=True)
            op.execute(f"UPDATE {table} SET sort_key = hendazh_0017_key(name_key)")
        else:
            bind.execute(
                sa.text(f"UPDATE {table} SET sort_key = translate(name_key, :a, :b)"),
                {"a": ALPHABET, "b": TARGETS},
            )
    for table, name_column in (("services", "name"), ("zones", "name"), ("users", "full_name")):
        rows = bind.execute(sa.text(f"SELECT id, {name_column} FROM {table}")).fetchall()
        for row_id, name in rows:
            bind.execute(
                sa.text(f"UPDATE {table} SET sort_key = :k WHERE id = :i"),
                {"k": _from_display_name(name), "i": row_id},
            )
    op.create_index("ix_subscribers_sort_key", "subscribers", ["sort_key", "id"])


def downgrade() -> None:
    op.drop_index("ix_subscribers_sort_key", table_name="subscribers")
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("sort_key")
