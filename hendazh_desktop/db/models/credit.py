"""Models of the money split and the gift-credit ledger: dated split rules per service, each
job's posted (and reversed) split, the append-only credit entries and each subscriber's
maintained gift-credit balance.

Gift credit is not money: these tables never touch payments, allocations or the subscriber's
money on account that billing keeps. ``job_splits`` and ``credit_entries`` are append-only
(database triggers refuse UPDATE and DELETE); ``credit_balances`` is a projection kept in the
same transaction as every entry.
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
)
from sqlalchemy.orm import Mapped, mapped_column

from hendazh_desktop.db.base import Base, integer_check, utcnow

CREDIT_KINDS = (
    "earned_referrer",
    "earned_recipient",
    "spent",
    "returned",
    "reversal",
    "adjustment",
    "expiry",
)


class SplitRuleRow(Base):
    """A service's split rule from a day on (the rule of a day is the latest that started)."""

    __tablename__ = "split_rules"
    __table_args__ = (
        UniqueConstraint("service_id", "effective_from", name="uq_split_rules_service_day"),
        CheckConstraint(
            "commission_bp BETWEEN 0 AND 10000 AND referrer_share_bp BETWEEN 0 AND 10000 "
            "AND recipient_share_bp BETWEEN 0 AND 10000 "
            "AND referrer_share_bp + recipient_share_bp <= 10000",
            name="shares",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    commission_bp: Mapped[int] = mapped_column(Integer)
    referrer_share_bp: Mapped[int] = mapped_column(Integer)
    recipient_share_bp: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class JobSplit(Base):
    """A job's split, posted (odd ``seq``) or reversed (even ``seq``, naming the posting).

    ``(request_id, seq)`` is unique, so two transactions cannot both post a job's split, and a
    reversal follows exactly one posting."""

    __tablename__ = "job_splits"
    __table_args__ = (
        UniqueConstraint("request_id", "seq", name="uq_job_splits_request_seq"),
        CheckConstraint("kind IN ('posted', 'reversed')", name="kind"),
        CheckConstraint("(kind = 'posted') = (seq % 2 = 1)", name="alternates"),
        CheckConstraint("(kind = 'reversed') = (reverses_id IS NOT NULL)", name="reversal_names"),
        CheckConstraint(
            "fee + commission_kept + referrer_credit + recipient_credit = labour "
            "AND commission = labour - fee",
            name="adds_up",
        ),
        integer_check("job_splits", "labour"),
        integer_check("job_splits", "fee"),
        integer_check("job_splits", "commission_kept"),
        integer_check("job_splits", "referrer_credit"),
        integer_check("job_splits", "recipient_credit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("job_splits.id"), unique=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    billing_event_id: Mapped[int | None] = mapped_column(ForeignKey("billing_events.id"))
    rule_id: Mapped[int] = mapped_column(ForeignKey("split_rules.id"))
    labour: Mapped[int] = mapped_column(Integer)
    fee: Mapped[int] = mapped_column(Integer)
    commission: Mapped[int] = mapped_column(Integer)
    commission_kept: Mapped[int] = mapped_column(Integer)
    referrer_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"))
    referrer_credit: Mapped[int] = mapped_column(Integer)
    referrer_reason: Mapped[str | None] = mapped_column(String(24))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"))
    recipient_credit: Mapped[int] = mapped_column(Integer)
    recipient_reason: Mapped[str | None] = mapped_column(String(24))
    cause: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class CreditEntry(Base):
    """One movement of a subscriber's gift credit (signed rials); never changed or removed."""

    __tablename__ = "credit_entries"
    __table_args__ = (
        CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in CREDIT_KINDS) + ")", name="kind"),
        CheckConstraint("amount <> 0", name="amount_not_zero"),
        CheckConstraint(
            "(kind IN ('earned_referrer', 'earned_recipient', 'returned') AND amount > 0) "
            "OR (kind IN ('spent', 'reversal', 'expiry') AND amount < 0) "
            "OR kind = 'adjustment'",
            name="sign",
        ),
        CheckConstraint("(kind = 'reversal') = (reverses_id IS NOT NULL)", name="reversal_names"),
        CheckConstraint("kind <> 'adjustment' OR length(reason) > 0", name="adjustment_reason"),
        integer_check("credit_entries", "amount", minimum=None),
        # A subscriber's statement, and the ledger filtered by subscriber, newest first.
        Index("ix_credit_entries_subscriber", "subscriber_id", "id"),
        # The ledger by Jalali range (local day) and by kind.
        Index("ix_credit_entries_day", "on_day", "id"),
        Index("ix_credit_entries_kind", "kind", "id"),
        Index("ix_credit_entries_request", "request_id"),
        Index("ix_credit_entries_split", "split_id"),
        Index("uq_credit_entries_number", "number", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Gapless position in the whole ledger (1, 2, 3 … from the totals row, under its lock):
    # the unfiltered list reads any page by range instead of skipping millions of rows.
    number: Mapped[int | None] = mapped_column(Integer)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"))
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(Integer)
    split_id: Mapped[int | None] = mapped_column(ForeignKey("job_splits.id"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("service_requests.id"))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("credit_entries.id"), unique=True)
    expires_on: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300), default="")
    operation_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    on_day: Mapped[dt.date] = mapped_column(Date)  # local (Tehran) day, for Jalali ranges
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class CreditBalance(Base):
    """Projection: a subscriber's gift credit (the sum of their entries), kept with each entry."""

    __tablename__ = "credit_balances"
    __table_args__ = (
        integer_check("credit_balances", "balance", minimum=None),
        Index("ix_credit_balances_balance", "balance"),
    )

    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"), primary_key=True)
    balance: Mapped[int] = mapped_column(Integer, default=0)
    entries: Mapped[int] = mapped_column(Integer, default=0)


class CreditLedgerTotals(Base):
    """Projection, one row: how many entries the ledger has, the gift credit the company owes
    (the sum of positive balances) and what negative balances add up to, kept with each entry."""

    __tablename__ = "credit_ledger_totals"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entries: Mapped[int] = mapped_column(Integer, default=0)
    outstanding: Mapped[int] = mapped_column(Integer, default=0)
    below_zero: Mapped[int] = mapped_column(Integer, default=0)
    negatives: Mapped[int] = mapped_column(Integer, default=0)
