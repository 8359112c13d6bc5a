"""Frozen results and inputs of the billing services (invoices, payments, receivables)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hendazh_desktop.domain.billing_records import InvoiceLine, StatementLine


@dataclass(frozen=True, slots=True)
class InvoiceFilter:
    """What the invoice list shows; every part is optional."""

    state: str = ""  # an InvoiceState value, or "unsettled" (open or part paid)
    kind: str = ""  # an InvoiceKind value
    date_from: dt.date | None = None  # issue day, inclusive (drafts have none: no match)
    date_to: dt.date | None = None
    subscriber_id: int | None = None
    service_id: int | None = None
    number: str = ""  # an exact number such as 1404-000123
    order: str = "-number"  # the list's order, in the database ("-": descending)


@dataclass(frozen=True, slots=True)
class InvoiceRow:
    """An invoice as one line of the list."""

    id: int
    kind: str
    state: str
    number: str  # "" for a draft
    issued_on: dt.date | None
    created_at: dt.datetime
    subscriber_id: int
    subscriber_name: str
    subscription_code: str
    request_id: int | None
    service_name: str
    total: int
    paid: int
    credited: int
    balance: int
    version: int


@dataclass(frozen=True, slots=True)
class SettlementInfo:
    """A payment or credit note applied to an invoice (negative when reversed)."""

    at: dt.datetime
    label: str  # «رسید 1404-000012 — کارت‌خوان», «اعلامیه برگشت CRN-1404-000003» …
    amount: int


@dataclass(frozen=True, slots=True)
class InvoiceDetail:
    """An invoice with its lines, what settled it, and what it corrects or is corrected by."""

    row: InvoiceRow
    lines: tuple[InvoiceLine, ...]
    gross: int
    discount: int
    net: int
    vat: int
    terms: str
    due_on: dt.date | None
    notes: str
    settlements: tuple[SettlementInfo, ...]
    credits_number: str  # a credit note: the invoice it cancels
    credited_by: str  # an invoice: the credit note that cancelled it


@dataclass(frozen=True, slots=True)
class DraftChanges:
    """What the accountant may change on a draft: discounts per line, terms, notes."""

    discounts: tuple[str, ...]  # one typed amount per line, in line order ("" = none)
    terms: str = "cash"
    due_on: str = ""  # Jalali, for credit terms
    notes: str = ""


@dataclass(frozen=True, slots=True)
class PaymentDraft:
    """A payment as typed in the payment dialog."""

    operation_id: str  # a fresh uuid4 per dialog opening; a replay returns the first result
    subscriber_id: int
    method: str  # a PaymentMethod value
    amount: str  # typed, any digit script
    reference: str = ""  # POS reference, card-to-card tracking number, transfer number
    cheque_number: str = ""
    cheque_bank: str = ""
    cheque_due_on: str = ""  # Jalali
    invoice_id: int | None = None  # apply to this invoice first
    request_id: int | None = None  # a materials prepayment for this request
    note: str = ""


@dataclass(frozen=True, slots=True)
class PaymentFilter:
    """What the payment list shows."""

    method: str = ""
    cheque_state: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    subscriber_id: int | None = None
    direction: str = ""  # "in" receipts, "out" refunds
    order: str = "-number"  # the list's order, in the database ("-": descending)


@dataclass(frozen=True, slots=True)
class PaymentRow:
    """A payment (or refund) as one line of the list."""

    id: int
    number: str
    direction: str
    received_on: dt.date
    received_at: dt.datetime
    subscriber_id: int
    subscriber_name: str
    subscription_code: str
    method: str
    amount: int
    reference: str
    cheque_number: str
    cheque_bank: str
    cheque_due_on: dt.date | None
    cheque_state: str  # "" unless a cheque
    unapplied: int
    applied_to: str  # invoice numbers it settled
    request_id: int | None


@dataclass(frozen=True, slots=True)
class AgeingRow:
    """What one subscriber owes, by age of the invoices (days since issue)."""

    subscriber_id: int
    subscriber_name: str
    subscription_code: str
    buckets: tuple[int, int, int, int]
    total: int
    credit: int  # unapplied payments the subscriber has with the office


@dataclass(frozen=True, slots=True)
class Statement:
    """A subscriber's statement of account: invoices, payments and the running balance."""

    subscriber_id: int
    subscriber_name: str
    subscription_code: str
    lines: tuple[StatementLine, ...]
    balance: int  # positive: owed to the office; negative: the subscriber's credit
    owed: int  # sum of open invoice balances
    credit: int  # unapplied payments
    ageing: tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class PrepaymentStatus:
    """The money side of one request: prepayment invoice, materials prepayment, final invoice."""

    request_id: int
    prepaid_service: bool
    prepayment_invoice_id: int | None
    prepayment_balance: int
    materials_asked: int
    materials_paid: int
    materials_default: int  # the service's share of the agreed materials cost
    final_invoice_id: int | None
    can_draft_final: bool
    subscriber_id: int | None = None
    subscriber_name: str = ""
    subscription_code: str = ""


@dataclass(frozen=True, slots=True)
class FinishedJob:
    """A finished job whose final invoice is still to be issued (``draft_id``: its draft)."""

    request_id: int
    done_at: dt.datetime | None
    subscriber: str
    subscription_code: str
    service: str
    draft_id: int | None
