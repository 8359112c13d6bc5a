"""Billing records shared by the services that compute them and the reports that print them:
an invoice line with its worked-out amounts and a line of a statement of account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """One line of an invoice with its worked-out amounts (every amount in rials)."""

    position: int
    code: str
    description: str
    quantity: int
    unit: str
    unit_price: int
    gross: int
    discount: int
    net: int
    vat_bp: int
    vat_exempt: bool
    vat: int
    total: int


def line_of(row: Any) -> InvoiceLine:
    """The record of a stored invoice line (an ORM row or a plain database row: the same names)."""
    return InvoiceLine(
        row.position, row.code, row.description, row.quantity, row.unit, row.unit_price,
        row.gross, row.discount, row.net, row.vat_bp, row.vat_exempt, row.vat, row.total,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of a statement of account; debit raises what is owed, credit lowers it."""

    on: dt.date
    description: str
    reference: str
    debit: int
    credit: int
    balance: int
