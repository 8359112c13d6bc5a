"""Models of billing: VAT rates, numbered invoices and receipts, payments and what they settle.

Issued invoices, their lines, payments, cheque outcomes, allocations and billing events are
append-only (database triggers refuse UPDATE and DELETE); ``invoice_balances`` and
``payment_balances`` are projections kept in the same transaction for fast lists.
"""

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

from hendazh_desktop.db.base import Base, integer_check, utcnow


class VatRate(Base):
    """A service's VAT from a day on: a rate, or an exemption (the term of a day is the latest
    entry that started). This schedule is the only source of a service's VAT."""

    __tablename__ = "vat_rates"
    __table_args__ = (
        UniqueConstraint("service_id", "effective_from", name="uq_vat_rates_service_day"),
        CheckConstraint("vat_bp BETWEEN 0 AND 10000", name="vat_bp"),
        CheckConstraint("NOT exempt OR vat_bp = 0", name="exempt_has_no_rate"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    vat_bp: Mapped[int] = mapped_column(Integer)
    exempt: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class DocumentCounter(Base):
    """The last number given in a series and fiscal year; locked by the issuing transaction."""

    __tablename__ = "document_counters"

    series: Mapped[str] = mapped_column(String(3), primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Invoice(Base):
    """A prepayment, final invoice or credit note; a draft has no number and may change."""

    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("series", "fiscal_year", "number", name="uq_invoices_number"),
        CheckConstraint("kind IN ('prepayment', 'final', 'credit_note')", name="kind"),
        CheckConstraint("terms IN ('cash', 'credit')", name="terms"),
        CheckConstraint(
            "(number IS NULL) = (issued_at IS NULL) AND (issued_on IS NULL) = (issued_at IS NULL)",
            name="numbered_when_issued",
        ),
        CheckConstraint("net = gross - discount AND total = net + vat", name="totals_add_up"),
        CheckConstraint(
            "(kind = 'credit_note') = (credits_invoice_id IS NOT NULL)", name="credit_note_names"
        ),
        integer_check("invoices", "total"),
        integer_check("invoices", "vat"),
        integer_check("invoices", "discount"),
        Index("ix_invoices_issued_on", "issued_on", "id"),
        Index("ix_invoices_report", "issued_on", "kind", "service_id", "net", "vat", "total"),
        Index("ix_invoices_subscriber", "subscriber_id", "id"),
        Index("ix_invoices_tax_number", "tax_number", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    series: Mapped[str] = mapped_column(String(3))
    fiscal_year: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("service_requests.id"), index=True)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"), index=True)
    credits_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    terms: Mapped[str] = mapped_column(String(6), default="cash")
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(String(500), default="")
    gross: Mapped[int] = mapped_column(Integer, default=0)
    discount: Mapped[int] = mapped_column(Integer, default=0)
    net: Mapped[int] = mapped_column(Integer, default=0)
    vat: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[dt.datetime | None] = mapped_column()
    issued_on: Mapped[dt.date | None] = mapped_column(Date)  # local (Tehran) day of issue
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    operation_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    tax_number: Mapped[str | None] = mapped_column(String(22))  # سامانه مودیان, given at issue

    lines: Mapped[list["InvoiceLine"]] = relationship(
        order_by="InvoiceLine.position", cascade="all, delete-orphan"
    )


class InvoiceLine(Base):
    """One line: quantity × unit price, less discount, plus VAT at the line's rate."""

    __tablename__ = "invoice_lines"
    __table_args__ = (
        CheckConstraint("quantity >= 1", name="quantity_positive"),
        CheckConstraint("gross = quantity * unit_price", name="gross"),
        CheckConstraint("discount BETWEEN 0 AND gross AND net = gross - discount", name="net"),
        CheckConstraint("total = net + vat", name="total"),
        CheckConstraint("vat_bp BETWEEN 0 AND 10000", name="vat_bp"),
        integer_check("invoice_lines", "unit_price"),
        integer_check("invoice_lines", "vat"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(20), default="")
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(20))
    unit_price: Mapped[int] = mapped_column(Integer)
    discount: Mapped[int] = mapped_column(Integer, default=0)
    vat_bp: Mapped[int] = mapped_column(Integer, default=0)
    vat_exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    gross: Mapped[int] = mapped_column(Integer)
    net: Mapped[int] = mapped_column(Integer)
    vat: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)


class InvoiceBalance(Base):
    """Projection: what settled an invoice and its state, updated with every settlement."""

    __tablename__ = "invoice_balances"
    __table_args__ = (Index("ix_invoice_balances_state", "state", "invoice_id"),)

    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(12))
    paid: Mapped[int] = mapped_column(Integer, default=0)
    credited: Mapped[int] = mapped_column(Integer, default=0)
    balance: Mapped[int] = mapped_column(Integer, default=0)


class Payment(Base):
    """Money received from (direction 'in') or refunded to ('out') a subscriber; numbered."""

    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("series", "fiscal_year", "number", name="uq_payments_number"),
        CheckConstraint("direction IN ('in', 'out')", name="direction"),
        CheckConstraint(
            "method IN ('cash', 'card', 'card_to_card', 'transfer', 'cheque')", name="method"
        ),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint(
            "method <> 'cheque' OR (cheque_number IS NOT NULL AND cheque_due_on IS NOT NULL)",
            name="cheque_details",
        ),
        integer_check("payments", "amount"),
        Index("ix_payments_received_on", "received_on", "id"),
        Index("ix_payments_subscriber", "subscriber_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    operation_id: Mapped[str] = mapped_column(String(36), unique=True)
    direction: Mapped[str] = mapped_column(String(3), default="in")
    series: Mapped[str] = mapped_column(String(3))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("service_requests.id"), index=True)
    method: Mapped[str] = mapped_column(String(12))
    amount: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(40), default="")
    cheque_number: Mapped[str | None] = mapped_column(String(20))
    cheque_bank: Mapped[str | None] = mapped_column(String(60))
    cheque_due_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(300), default="")
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    received_on: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class PaymentBalance(Base):
    """Projection: how much of a payment is not yet applied, and its cheque's state."""

    __tablename__ = "payment_balances"
    __table_args__ = (Index("ix_payment_balances_cheque", "cheque_state", "payment_id"),)

    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), primary_key=True)
    unapplied: Mapped[int] = mapped_column(Integer, default=0)
    cheque_state: Mapped[str | None] = mapped_column(String(8))


class ChequeEvent(Base):
    """A cheque cleared or bounced; each cheque has at most one outcome."""

    __tablename__ = "cheque_events"
    __table_args__ = (CheckConstraint("kind IN ('cleared', 'bounced')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    operation_id: Mapped[str] = mapped_column(String(36), unique=True)


class Allocation(Base):
    """Money moved from a payment or a credit note onto an invoice or a refund.

    A negative amount reverses an earlier allocation (``reverses_id``).
    """

    __tablename__ = "allocations"
    __table_args__ = (
        CheckConstraint("(payment_id IS NULL) <> (credit_note_id IS NULL)", name="one_source"),
        CheckConstraint("(invoice_id IS NULL) <> (refund_id IS NULL)", name="one_target"),
        CheckConstraint("amount <> 0", name="amount_not_zero"),
        CheckConstraint("(amount < 0) = (reverses_id IS NOT NULL)", name="reversal_names"),
        integer_check("allocations", "amount", minimum=None),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"), index=True)
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"), index=True)
    amount: Mapped[int] = mapped_column(Integer)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("allocations.id"), unique=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class MaterialsPrepayment(Base):
    """The materials prepayment asked for a request (the latest row is the one in force)."""

    __tablename__ = "materials_prepayments"
    __table_args__ = (integer_check("materials_prepayments", "amount"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    price_id: Mapped[int] = mapped_column(ForeignKey("price_versions.id"))
    amount: Mapped[int] = mapped_column(Integer)
    asked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    asked_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class BillingEvent(Base):
    """Something later steps hang on: paid in full, materials prepaid, and their reversals."""

    __tablename__ = "billing_events"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('paid_in_full', 'paid_in_full_reversed', "
            "'materials_prepaid', 'materials_prepaid_reversed')",
            name="kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(28))
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("service_requests.id"), index=True)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("billing_events.id"), unique=True)
    cause: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
