"""Billing vocabulary: invoice kinds and states, payment methods, cheques, ageing, words."""

from __future__ import annotations

import datetime as dt
import enum
import re

from num2words import num2words

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import normalize_display, to_ascii_digits


class InvoiceKind(enum.StrEnum):
    """What an invoice is for."""

    PREPAYMENT = "prepayment"  # a prepaid service, paid before the job is booked
    FINAL = "final"  # after the work, from the agreed price
    CREDIT_NOTE = "credit_note"  # cancels an issued invoice, naming it


class InvoiceState(enum.StrEnum):
    """Where an invoice stands (derived from its payments and credit notes)."""

    DRAFT = "draft"
    OPEN = "open"  # issued, nothing paid
    PART_PAID = "part_paid"
    PAID = "paid"
    CREDITED = "credited"  # cancelled by a credit note
    CREDIT_NOTE = "credit_note"  # the credit note itself


class PaymentMethod(enum.StrEnum):
    """How money reached (or left) the office."""

    CASH = "cash"
    CARD = "card"  # POS terminal
    CARD_TO_CARD = "card_to_card"
    TRANSFER = "transfer"
    CHEQUE = "cheque"


class ChequeState(enum.StrEnum):
    """A cheque's life after it is received."""

    PENDING = "pending"
    CLEARED = "cleared"
    BOUNCED = "bounced"


class PaymentTerms(enum.StrEnum):
    """Cash or credit sale, printed on the invoice."""

    CASH = "cash"
    CREDIT = "credit"


INVOICE_SERIES = "INV"
CREDIT_NOTE_SERIES = "CRN"
RECEIPT_SERIES = "RCP"
REFUND_SERIES = "RFD"

KIND_LABELS = {
    InvoiceKind.PREPAYMENT: "پیش‌پرداخت",
    InvoiceKind.FINAL: "نهایی",
    InvoiceKind.CREDIT_NOTE: "اعلامیه برگشت",
}
STATE_LABELS = {
    InvoiceState.DRAFT: "پیش‌نویس",
    InvoiceState.OPEN: "صادرشده",
    InvoiceState.PART_PAID: "پرداخت ناقص",
    InvoiceState.PAID: "تسویه‌شده",
    InvoiceState.CREDITED: "ابطال با اعلامیه برگشت",
    InvoiceState.CREDIT_NOTE: "اعلامیه برگشت",
}
METHOD_LABELS = {
    PaymentMethod.CASH: "نقد",
    PaymentMethod.CARD: "کارت‌خوان",
    PaymentMethod.CARD_TO_CARD: "کارت به کارت",
    PaymentMethod.TRANSFER: "حواله بانکی",
    PaymentMethod.CHEQUE: "چک",
}
CHEQUE_LABELS = {
    ChequeState.PENDING: "در انتظار وصول",
    ChequeState.CLEARED: "وصول‌شده",
    ChequeState.BOUNCED: "برگشتی",
}
TERMS_LABELS = {PaymentTerms.CASH: "نقدی", PaymentTerms.CREDIT: "غیرنقدی (نسیه)"}

# What each method must carry besides the amount: the field and its Persian label.
REFERENCE_LABELS = {
    PaymentMethod.CARD: "شماره پیگیری کارت‌خوان",
    PaymentMethod.CARD_TO_CARD: "شماره پیگیری",
    PaymentMethod.TRANSFER: "شماره حواله",
}

AGEING_BUCKETS = ((0, 30), (31, 60), (61, 90), (91, None))
AGEING_LABELS = ("۰ تا ۳۰ روز", "۳۱ تا ۶۰ روز", "۶۱ تا ۹۰ روز", "بیش از ۹۰ روز")


def invoice_state(
    *, issued: bool, kind: InvoiceKind, total: int, paid: int, credited: int
) -> InvoiceState:
    """The state of an invoice from its total and what settled it."""
    if kind is InvoiceKind.CREDIT_NOTE:
        return InvoiceState.CREDIT_NOTE
    if not issued:
        return InvoiceState.DRAFT
    if credited > 0:
        return InvoiceState.CREDITED
    if paid >= total:
        return InvoiceState.PAID
    return InvoiceState.PART_PAID if paid > 0 else InvoiceState.OPEN


def number_text(series: str, fiscal_year: int, number: int) -> str:
    """How an invoice or receipt number is written: 1404-000123 (CRN/RCP prefixed)."""
    body = f"{fiscal_year}-{number:06d}"
    return body if series == INVOICE_SERIES else f"{series}-{body}"


_NUMBER = re.compile(r"^(?:(INV|CRN|RCP|RFD)-)?(\d{4})-(\d{1,9})$", re.ASCII)


def parse_number(text: str) -> tuple[str, int, int]:
    """``1404-000123`` (any digits script) → (series, fiscal year, number)."""
    raw = to_ascii_digits(normalize_display(text)).strip().upper().replace("/", "-")
    match = _NUMBER.match(raw)
    if match is None:
        raise ValidationError("number", "invoice_number_format")
    return match.group(1) or INVOICE_SERIES, int(match.group(2)), int(match.group(3))


def ageing_bucket(due: dt.date, today: dt.date) -> int:
    """Index of the ageing bucket an amount due on ``due`` falls in on ``today``."""
    days = max(0, (today - due).days)
    for index, (low, high) in enumerate(AGEING_BUCKETS):
        if days >= low and (high is None or days <= high):
            return index
    return len(AGEING_BUCKETS) - 1


def amount_in_words(rials: int) -> str:
    """«یک میلیون و دویست و پنجاه هزار ریال»: the amount in Persian words, as Iranian invoices
    write them: a lone hundred is «یکصد» and a lone thousand «یک هزار» (num2words says «صد»
    and «هزار», which leaves room to write a digit in front)."""
    if rials < 0:
        return "منفی " + amount_in_words(-rials)
    if rials == 0:
        return "صفر ریال"
    words: list[str] = []
    for word in num2words(rials, lang="fa").split():
        if word == "صد":
            word = "یکصد"
        elif word == "هزار" and (not words or words[-1] == "و"):
            words.append("یک")
        words.append(word)
    return " ".join(words) + " ریال"
