"""Frozen records of the wages, to the rial, for the views, documents and files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WageMemberRecord:
    """One person paid from a group's wages."""

    id: int
    group_id: int
    name: str
    iban: str
    share: int
    left_on: dt.date | None
    iban_problem: str  # '' when a transfer is possible


@dataclass(frozen=True, slots=True)
class GroupWageTerms:
    """A group's members and withholding."""

    group_id: int
    group_name: str
    withholding_bp: int
    members: tuple[WageMemberRecord, ...]


@dataclass(frozen=True, slots=True)
class PayableRow:
    """One job's wage in the payables list (or a done job still waiting for its money)."""

    payable_id: int | None
    request_id: int
    group_id: int
    group_name: str
    service_name: str
    subscriber_code: str
    fee: int | None  # None: not known until the money is collected
    state: str  # domain.wages.PayableState
    reason: str  # why held
    on_day: dt.date | None


@dataclass(frozen=True, slots=True)
class WageItemRecord:
    """One signed item of a member's payout."""

    id: int
    member_id: int
    group_id: int
    kind: str
    amount: int
    request_id: int | None
    reason: str
    on_day: dt.date
    corrects_line_id: int | None = None  # a correction: the paid batch line it corrects


@dataclass(frozen=True, slots=True)
class ReimbursementRecord:
    """Materials bought by a group for a job, approved or waiting."""

    id: int
    request_id: int
    group_id: int
    member_id: int
    amount: int
    receipt_number: str
    note: str
    approved: bool


@dataclass(frozen=True, slots=True)
class JobLine:
    """A job behind a batch line (for the payslip): the subscriber by code only."""

    request_id: int
    day: dt.date
    service_name: str
    subscriber_code: str
    kind: str
    amount: int


@dataclass(frozen=True, slots=True)
class BatchLineRecord:
    """One member's line in a batch."""

    id: int
    batch_id: int
    member_id: int
    member_name: str
    group_id: int
    group_name: str
    iban: str
    method: str  # transfer | cash
    problem: str  # why not by transfer
    fees: int
    reimbursements: int
    advances: int
    clawbacks: int
    corrections: int
    withholding: int
    net: int


@dataclass(frozen=True, slots=True)
class BatchRecord:
    """A payout batch with its totals."""

    id: int
    number: int
    day_from: dt.date
    day_to: dt.date
    state: str
    approval_required: bool
    total: int
    line_count: int
    created_at: dt.datetime
    created_by: int
    approved_by: int | None
    paid_on: dt.date | None
    bank_ref: str
    version: int


@dataclass(frozen=True, slots=True)
class BatchDetail:
    """A batch and its lines, and the corrections recorded against its paid lines."""

    batch: BatchRecord
    lines: tuple[BatchLineRecord, ...]
    corrections: tuple[WageItemRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class Payslip:
    """Everything printed on one member's payslip."""

    batch: BatchRecord
    line: BatchLineRecord
    jobs: tuple[JobLine, ...]
    deductions: tuple[WageItemRecord, ...]
