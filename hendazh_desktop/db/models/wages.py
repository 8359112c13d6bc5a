"""Models of the work groups' wages: members' shares and Sheba, each job's payable, the
member-level wage items (fees, reimbursements, advances, clawbacks), payout batches and lines.

Append-only (database triggers refuse UPDATE and DELETE): ``wage_payables``, ``wage_items``,
``wage_reimbursements``, ``wage_batch_lines`` and ``wage_paid``. ``wage_paid`` has the item as
its primary key: an item (a member's share of a payable, …) is paid at most once, ever.
``wage_claims`` says which open batch holds an item (also one at most); cancelling a batch
releases its claims. Payout batches move draft → approved → paid (or cancelled).
"""

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, validates

from hendazh_desktop.db.base import Base, integer_check, sort_key_column, utcnow
from hendazh_desktop.domain.text import collation_key

ADVANCE_ITEM = "kind = 'advance'"
ITEM_KINDS = ("fee", "reimbursement", "advance", "clawback", "correction")
BATCH_STATES = ("draft", "approved", "paid", "cancelled")


class WageMember(Base):
    """A person paid from a work group's wages: their share weight and Sheba; a member who
    left keeps their row (and what they earned) with ``left_on`` set."""

    __tablename__ = "wage_members"
    __table_args__ = (
        CheckConstraint("share BETWEEN 1 AND 100", name="share"),
        Index("ix_wage_members_group", "group_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("work_groups.id"))
    name: Mapped[str] = mapped_column(String(100))
    sort_key: Mapped[str] = sort_key_column()
    iban: Mapped[str | None] = mapped_column(String(26))
    share: Mapped[int] = mapped_column(Integer, default=1)
    position: Mapped[int] = mapped_column(Integer, default=0)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    @validates("name")
    def _keep_sort_key(self, _key: str, value: str) -> str:
        self.sort_key = collation_key(value)
        return value


class WageTerms(Base):
    """A group's withholding percentage (insurance/tax), in basis points."""

    __tablename__ = "wage_terms"
    __table_args__ = (CheckConstraint("withholding_bp BETWEEN 0 AND 10000", name="withholding"),)

    group_id: Mapped[int] = mapped_column(ForeignKey("work_groups.id"), primary_key=True)
    withholding_bp: Mapped[int] = mapped_column(Integer, default=0)


class WagePayable(Base):
    """A job's wage to its work group, made when its split was posted (the money collected)."""

    __tablename__ = "wage_payables"
    __table_args__ = (
        CheckConstraint("fee > 0", name="fee_positive"),
        integer_check("wage_payables", "fee"),
        Index("ix_wage_payables_group_day", "group_id", "on_day"),
        Index("ix_wage_payables_request", "request_id"),
        Index("ix_wage_payables_service", "service_id", "on_day"),
        Index("ix_wage_payables_day", "on_day", "request_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    split_id: Mapped[int] = mapped_column(ForeignKey("job_splits.id"), unique=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("work_groups.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    fee: Mapped[int] = mapped_column(Integer)
    on_day: Mapped[dt.date] = mapped_column(Date)  # local day the money was collected
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class WageReimbursement(Base):
    """Materials a group bought with its own money for a job (approved into a wage item)."""

    __tablename__ = "wage_reimbursements"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        integer_check("wage_reimbursements", "amount"),
        Index("ix_wage_reimbursements_request", "request_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("work_groups.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("wage_members.id"))
    amount: Mapped[int] = mapped_column(Integer)
    receipt_number: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(String(300), default="")
    operation_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class WageItem(Base):
    """One signed amount in a member's next payout: a share of a payable's fee (+), an approved
    reimbursement (+), an advance (−), a clawback of a paid fee whose collection was reversed
    (−) or a correction of a paid line (±)."""

    __tablename__ = "wage_items"
    __table_args__ = (
        CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in ITEM_KINDS) + ")", name="kind"),
        CheckConstraint(
            "(kind IN ('fee', 'reimbursement') AND amount > 0) "
            "OR (kind IN ('advance', 'clawback') AND amount < 0) "
            "OR (kind = 'correction' AND amount <> 0)",
            name="sign",
        ),
        CheckConstraint(
            "(kind IN ('fee', 'clawback')) = (payable_id IS NOT NULL)", name="payable_names"
        ),
        CheckConstraint(
            "(kind = 'reimbursement') = (reimbursement_id IS NOT NULL)", name="reimbursement_names"
        ),
        UniqueConstraint("payable_id", "member_id", "kind", name="uq_wage_items_payable_member"),
        integer_check("wage_items", "amount", minimum=None),
        Index("ix_wage_items_member", "member_id", "id"),
        Index("ix_wage_items_group", "group_id", "on_day"),
        Index("ix_wage_items_corrects_line", "corrects_line_id"),
        # the advances list (as text: the list names the kind in the same words)
        Index(
            "ix_wage_items_advances",
            "kind",
            "group_id",
            "id",
            sqlite_where=text(ADVANCE_ITEM),
            postgresql_where=text(ADVANCE_ITEM),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("wage_members.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("work_groups.id"))
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(Integer)
    payable_id: Mapped[int | None] = mapped_column(ForeignKey("wage_payables.id"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("service_requests.id"))
    reimbursement_id: Mapped[int | None] = mapped_column(
        ForeignKey("wage_reimbursements.id"), unique=True
    )
    reason: Mapped[str] = mapped_column(String(300), default="")
    corrects_line_id: Mapped[int | None] = mapped_column(ForeignKey("wage_batch_lines.id"))
    operation_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    on_day: Mapped[dt.date] = mapped_column(Date)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class WageBatch(Base):
    """A payout batch for a Jalali period (and optionally some groups)."""

    __tablename__ = "wage_batches"
    __table_args__ = (
        CheckConstraint(
            "state IN (" + ", ".join(f"'{s}'" for s in BATCH_STATES) + ")", name="state"
        ),
        CheckConstraint("day_from <= day_to", name="period"),
        CheckConstraint(
            "state <> 'paid' OR (paid_on IS NOT NULL AND paid_by IS NOT NULL)", name="paid"
        ),
        CheckConstraint(
            "approved_by IS NULL OR approved_by <> created_by", name="approver_differs"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    day_from: Mapped[dt.date] = mapped_column(Date)
    day_to: Mapped[dt.date] = mapped_column(Date)
    group_ids: Mapped[str] = mapped_column(String(2000), default="")  # "" = every group
    state: Mapped[str] = mapped_column(String(10), default="draft")
    approval_required: Mapped[bool] = mapped_column(default=False)
    total: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[dt.datetime | None] = mapped_column()
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    paid_at: Mapped[dt.datetime | None] = mapped_column()
    paid_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    paid_on: Mapped[dt.date | None] = mapped_column(Date)
    bank_ref: Mapped[str] = mapped_column(String(40), default="")
    cancelled_at: Mapped[dt.datetime | None] = mapped_column()
    cancelled_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    build_operation_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    approve_operation_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    pay_operation_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    cancel_operation_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class WageBatchLine(Base):
    """One member's line in a batch: the totals of the items behind it and how it is paid."""

    __tablename__ = "wage_batch_lines"
    __table_args__ = (
        UniqueConstraint("batch_id", "member_id", name="uq_wage_batch_lines_batch_member"),
        CheckConstraint("method IN ('transfer', 'cash')", name="method"),
        CheckConstraint(
            "net = fees + reimbursements - advances - clawbacks + corrections - withholding",
            name="adds_up",
        ),
        CheckConstraint("net > 0", name="net_positive"),
        CheckConstraint("method = 'cash' OR iban IS NOT NULL", name="transfer_has_iban"),
        integer_check("wage_batch_lines", "net"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("wage_batches.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("wage_members.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("work_groups.id"))
    holder: Mapped[str] = mapped_column(String(100))
    iban: Mapped[str | None] = mapped_column(String(26))
    method: Mapped[str] = mapped_column(String(10))
    problem: Mapped[str] = mapped_column(String(20), default="")  # why not by transfer
    fees: Mapped[int] = mapped_column(Integer)
    reimbursements: Mapped[int] = mapped_column(Integer)
    advances: Mapped[int] = mapped_column(Integer)
    clawbacks: Mapped[int] = mapped_column(Integer)
    corrections: Mapped[int] = mapped_column(Integer)
    withholding: Mapped[int] = mapped_column(Integer)
    net: Mapped[int] = mapped_column(Integer)


class WageClaim(Base):
    """An item held by an open batch (released when the batch is cancelled)."""

    __tablename__ = "wage_claims"
    __table_args__ = (Index("ix_wage_claims_batch", "batch_id"),)

    item_id: Mapped[int] = mapped_column(ForeignKey("wage_items.id"), primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("wage_batches.id"))
    line_id: Mapped[int] = mapped_column(ForeignKey("wage_batch_lines.id"))


class WagePaid(Base):
    """An item paid by a batch: at most once, ever (the item is the primary key)."""

    __tablename__ = "wage_paid"
    __table_args__ = (Index("ix_wage_paid_batch", "batch_id"),)

    item_id: Mapped[int] = mapped_column(ForeignKey("wage_items.id"), primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("wage_batches.id"))
    line_id: Mapped[int] = mapped_column(ForeignKey("wage_batch_lines.id"))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
