"""Invoice arithmetic in integer rials: per-line discount and VAT, totals, balances.

VAT is computed on each line after its discount and truncated to the whole rial (the
default) or rounded half up (a setting); the invoice totals are the sums of the lines, so a
printed invoice always adds up.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from hendazh_desktop.domain.errors import ValidationError


class VatRounding(enum.StrEnum):
    """How VAT is brought to whole rials."""

    TRUNCATE = "truncate"
    ROUND = "round"


@dataclass(frozen=True, slots=True)
class InvoiceLineInput:
    """An invoice line before its amounts are worked out."""

    description: str
    quantity: int
    unit_price: int
    discount: int = 0
    vat_bp: int = 0  # basis points; 0 for exempt services
    vat_exempt: bool = False


@dataclass(frozen=True, slots=True)
class InvoiceLineAmounts:
    """The worked-out amounts of one invoice line."""

    gross: int  # quantity × unit price
    discount: int
    net: int  # after discount
    vat: int
    total: int  # net + VAT


@dataclass(frozen=True, slots=True)
class InvoiceTotals:
    """The sums of an invoice's lines."""

    gross: int
    discount: int
    net: int
    vat: int
    total: int


def vat_of(net: int, vat_bp: int, rounding: VatRounding = VatRounding.TRUNCATE) -> int:
    """VAT of a non-negative net amount at ``vat_bp`` basis points, in whole rials."""
    if net < 0 or vat_bp < 0:
        raise ValueError("net amount and rate must not be negative")
    product = net * vat_bp
    if rounding is VatRounding.ROUND:
        return (product + 5_000) // 10_000
    return product // 10_000


def line_amounts(
    line: InvoiceLineInput, rounding: VatRounding = VatRounding.TRUNCATE
) -> InvoiceLineAmounts:
    if line.quantity <= 0:
        raise ValidationError("quantity", "quantity_range", maximum=10_000)
    if line.unit_price < 0:
        raise ValidationError("unit_price", "amount_negative")
    gross = line.quantity * line.unit_price
    if not 0 <= line.discount <= gross:
        raise ValidationError("discount", "discount_range")
    net = gross - line.discount
    vat = 0 if line.vat_exempt else vat_of(net, line.vat_bp, rounding)
    return InvoiceLineAmounts(gross, line.discount, net, vat, net + vat)


def invoice_totals(lines: Sequence[InvoiceLineAmounts]) -> InvoiceTotals:
    return InvoiceTotals(
        gross=sum(x.gross for x in lines),
        discount=sum(x.discount for x in lines),
        net=sum(x.net for x in lines),
        vat=sum(x.vat for x in lines),
        total=sum(x.total for x in lines),
    )


def balance(invoice_total: int, payments: Sequence[int], credits: Sequence[int] = ()) -> int:
    """What is still owed: the total less payments and credit notes (negative = overpaid)."""
    return invoice_total - sum(payments) - sum(credits)
