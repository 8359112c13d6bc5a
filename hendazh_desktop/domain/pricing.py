"""The on-site price: lines of labour and materials, their totals, and the agreement."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.money import MAX_AMOUNT, parse_amount
from hendazh_desktop.domain.text import to_ascii_digits

MAX_LINES = 30
MAX_QUANTITY = 10_000


class LineKind(enum.StrEnum):
    """Labour or materials."""

    LABOUR = "labour"
    MATERIAL = "material"


class AgreementMethod(enum.StrEnum):
    """How the subscriber said yes."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    SMS = "sms"


class DeclineOutcome(enum.StrEnum):
    """What happens to a request whose price was refused."""

    REQUEUE = "requeue"
    CLOSE = "close"


LINE_KIND_LABELS = {LineKind.LABOUR: "دستمزد", LineKind.MATERIAL: "مواد مصرفی"}
METHOD_LABELS = {
    AgreementMethod.IN_PERSON: "حضوری",
    AgreementMethod.PHONE: "تلفنی",
    AgreementMethod.SMS: "کد پیامکی",
}
OUTCOME_LABELS = {DeclineOutcome.REQUEUE: "بازگشت به صف", DeclineOutcome.CLOSE: "بستن درخواست"}


@dataclass(frozen=True, slots=True)
class PriceLine:
    """A line of the on-site price: quantity × unit price."""

    kind: LineKind
    description: str
    quantity: int
    unit_price: int

    @property
    def total(self) -> int:
        return self.quantity * self.unit_price


@dataclass(frozen=True, slots=True)
class PriceTotals:
    """Labour and materials totals of a price."""

    labour: int
    materials: int

    @property
    def total(self) -> int:
        return self.labour + self.materials


def totals(lines: list[PriceLine]) -> PriceTotals:
    labour = sum(line.total for line in lines if line.kind is LineKind.LABOUR)
    materials = sum(line.total for line in lines if line.kind is LineKind.MATERIAL)
    if labour + materials > MAX_AMOUNT:
        raise ValidationError("lines", "amount_too_large", maximum=MAX_AMOUNT)
    return PriceTotals(labour, materials)


def parse_quantity(text: str, *, field: str) -> int:
    raw = to_ascii_digits(text.strip())
    if not re.fullmatch(r"\d{1,6}", raw, re.ASCII) or not 1 <= int(raw) <= MAX_QUANTITY:
        raise ValidationError(field, "quantity_range", maximum=MAX_QUANTITY)
    return int(raw)


def parse_line(
    kind: str, description: str, quantity: str, unit_price: str, *, index: int
) -> PriceLine:
    """One typed line; field names carry its index (line:3:unit_price)."""
    if kind not in {k.value for k in LineKind}:
        raise ValidationError(f"line:{index}:kind", "invalid")
    text = clean_text(
        description, field=f"line:{index}:description", max_length=200, required=True
    )
    qty = parse_quantity(quantity, field=f"line:{index}:quantity")
    price = parse_amount(unit_price, field=f"line:{index}:unit_price")
    return PriceLine(LineKind(kind), text, qty, price)


def parse_sms_code(text: str) -> str:
    code = to_ascii_digits(text.strip())
    if not re.fullmatch(r"\d{4,6}", code, re.ASCII):
        raise ValidationError("sms_code", "sms_code_format")
    return code
