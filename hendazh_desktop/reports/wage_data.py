"""What the wage documents and files print: plain frozen data (integer rials, dates), built by
the wages service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PayslipJob:
    """A job (or its reimbursement) behind a payslip: the subscriber only by code."""

    day: dt.date
    service: str
    request: str
    subscriber_code: str
    kind: str  # Persian label
    amount: int


@dataclass(frozen=True, slots=True)
class PayslipDeduction:
    """An advance, clawback or correction on a payslip (amount as signed on the payout)."""

    day: dt.date
    kind: str
    reason: str
    amount: int


@dataclass(frozen=True, slots=True)
class PayslipDocument:
    """One member's payslip for one batch."""

    company: str
    batch_number: int
    day_from: dt.date
    day_to: dt.date
    paid_on: dt.date | None
    bank_ref: str
    member_name: str
    group_name: str
    iban: str
    method: str  # Persian label
    problem: str  # Persian note when not paid by transfer ('' otherwise)
    jobs: tuple[PayslipJob, ...]
    deductions: tuple[PayslipDeduction, ...]
    fees: int
    reimbursements: int
    advances: int
    clawbacks: int
    corrections: int
    withholding: int
    net: int
    net_in_words: str


@dataclass(frozen=True, slots=True)
class BankRow:
    """One row of the bank's group-transfer file."""

    row: int
    iban: str
    holder: str
    amount: int
    description: str


@dataclass(frozen=True, slots=True)
class EarningsLine:
    """One item of a group's statement of earnings."""

    day: dt.date
    member: str
    kind: str
    description: str
    request: str
    amount: int
    paid_in: str  # the batch number that paid it, or ''


@dataclass(frozen=True, slots=True)
class EarningsStatementDocument:
    """A group's statement of earnings over a Jalali range."""

    company: str
    group_name: str
    day_from: dt.date
    day_to: dt.date
    printed_on: dt.date
    lines: tuple[EarningsLine, ...]
    totals: tuple[tuple[str, int], ...]  # (Persian label, signed sum)
    paid: int
    unpaid: int
