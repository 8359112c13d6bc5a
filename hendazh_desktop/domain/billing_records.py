"""Billing records shared by the services that compute them and the reports that print them:
an invoice line with its worked-out amounts and a line of a statement of account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of a statement of account; debit raises what is owed, credit lowers it."""

    on: dt.date
    description: str
    reference: str
    debit: int
    credit: int
    balance: int
