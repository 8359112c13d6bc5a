"""wage list orders

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03

The wages lists sort in the database by every column: wage members get a ``sort_key`` (their
name in Persian alphabetical order, as migration 0017 gave subscribers and work groups) so a
batch's lines sort by name; the payables get indexes on their service and their day, the list's
filters and orders other than the job's number (already served by ix_wage_payables_request).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

# Frozen copy of domain.text.PERSIAN_ALPHABET and the mapping of collation_key (as in 0017).
ALPHABET = "ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ"
TARGETS = "".join(chr(0xE000 + i) for i in range(len(ALPHABET)))
_COLLATE = str.maketrans(ALPHABET, TARGETS)
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
_ARABIC = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه"})


def _key(name: str) -> str:
    """The search key's folds that stored display names still need, then the mapping."""
    key = name.replace("\u200c", "").replace("آ", "ا").replace("أ", "ا").replace("إ", "ا")
    key = key.replace("ؤ", "و").translate(_DIGITS).translate(_ARABIC)
    return " ".join(key.split()).casefold().translate(_COLLATE)


def _key_type() -> sa.types.TypeEngine[str]:
    return sa.String(200).with_variant(sa.String(200, collation="C"), "postgresql")


def upgrade() -> None:
    op.add_column(
        "wage_members", sa.Column("sort_key", _key_type(), nullable=False, server_default="")
    )
    bind = op.get_bind()
    for member_id, name in bind.execute(sa.text("SELECT id, name FROM wage_members")).fetchall():
        bind.execute(
            sa.text("UPDATE wage_members SET sort_key = :k WHERE id = :i"),
            {"k": _key(name), "i": member_id},
        )
    op.create_index("ix_wage_payables_service", "wage_payables", ["service_id", "on_day"])
    op.create_index("ix_wage_payables_day", "wage_payables", ["on_day", "request_id"])


def downgrade() -> None:
    op.drop_index("ix_wage_payables_day", table_name="wage_payables")
    op.drop_index("ix_wage_payables_service", table_name="wage_payables")
    with op.batch_alter_table("wage_members") as batch:
        batch.drop_column("sort_key")
