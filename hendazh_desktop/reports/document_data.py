"""What the billing PDFs print: plain frozen data (integer rials, dates), built by the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hendazh_desktop.domain.billing_records import InvoiceLine, StatementLine


@dataclass(frozen=True, slots=True)
class Party:
    """Seller or buyer block of an invoice."""

    name: str
    economic_code: str = ""
    national_id: str = ""  # national ID (legal) or national code (person)
    registration_number: str = ""
    province: str = ""
    city: str = ""
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    subscription_code: str = ""  # buyer only


@dataclass(frozen=True, slots=True)
class Settlement:
    """A prepayment or payment shown under the totals (label, e.g. receipt number and date)."""

    label: str
    amount: int


@dataclass(frozen=True, slots=True)
class InvoiceDocument:
    """Everything the official sales invoice (or a credit note) prints."""

    title: str  # «صورتحساب فروش کالا و خدمات», «اعلامیه برگشت از فروش», …
    number: str  # "1404-000123"
    issued_on: dt.date | None  # None for a draft (printed as a draft)
    seller: Party
    buyer: Party
    lines: tuple[InvoiceLine, ...]
    gross: int
    discount: int
    net: int
    vat: int
    total: int
    terms: str  # «نقدی» or «غیرنقدی (نسیه)»
    request_number: str = ""
    references: str = ""  # e.g. «برگشت صورتحساب شماره 1404-000012»
    notes: str = ""
    settlements: tuple[Settlement, ...] = ()
    balance_due: int = 0
    amount_in_words: str = ""
    footer: str = ""
    logo_png: bytes = b""
    draft: bool = False
    tax_number: str = ""  # the 22 characters of سامانه مودیان, given at issue


@dataclass(frozen=True, slots=True)
class ReceiptDocument:
    """A receipt for money received («رسید دریافت وجه»), or with ``kind`` "refund" the voucher
    for money paid back to the subscriber («رسید پرداخت وجه»)."""

    number: str
    received_on: dt.date
    company: Party
    payer_name: str
    subscription_code: str
    method: str  # Persian label
    details: str  # reference, cheque number/bank/due date …
    amount: int
    amount_in_words: str
    applied_to: str = ""  # invoice numbers it settled
    unapplied: int = 0  # left as the subscriber's credit
    note: str = ""
    received_by: str = ""  # who recorded it: the receiver, or for a refund the payer
    kind: str = "receipt"  # or "refund"
    bounced_on: dt.date | None = None  # the cheque bounced on this day: the receipt is void
    bounce_reason: str = ""


@dataclass(frozen=True, slots=True)
class StatementDocument:
    """A subscriber's statement of account."""

    company: Party
    subscriber_name: str
    subscription_code: str
    printed_on: dt.date
    entries: tuple[StatementLine, ...]
    balance: int  # positive: owed by the subscriber; negative: the subscriber's credit
    ageing: tuple[int, int, int, int] = field(default=(0, 0, 0, 0))


@dataclass(frozen=True, slots=True)
class CreditLine:
    """One entry as printed."""

    on: dt.date
    kind: str  # its Persian label
    description: str
    request: str
    amount: int  # signed rials of gift credit
    after: int


@dataclass(frozen=True, slots=True)
class CreditStatementDocument:
    """What the gift-credit statement prints."""

    company: str
    subscriber_name: str
    subscription_code: str
    printed_on: dt.date
    lines: tuple[CreditLine, ...]
    gift_credit: int


@dataclass(frozen=True, slots=True)
class GiftSlipLine:
    """One gift on a delivery slip, with its thumbnail (JPEG bytes, b"" when none)."""

    name: str
    craft: str
    quantity: int
    unit_price: int
    thumbnail: bytes = b""


@dataclass(frozen=True, slots=True)
class GiftSlipDocument:
    """What the A5 gift delivery slip prints."""

    company: str
    order_number: int
    subscriber_name: str
    subscription_code: str
    placed_on: dt.date
    printed_on: dt.date
    state: str  # the order's state, in Persian
    delivery: str  # how it is handed over, in Persian ("" until delivered)
    lines: tuple[GiftSlipLine, ...]
    total: int
    credit_after: int  # the subscriber's gift credit when printed
