"""Work groups' wages: states, line kinds, dividing a team's payable by shares, deductions.

Rules stated here and tested in ``tests/unit/test_wages_rules.py``:

- A payable is divided among the team's members by their share weights (equal by default) with
  the largest-remainder rule: each member first gets ``amount × weight ÷ total`` rounded down;
  the rials left over (fewer than the number of members) go one each to the members with the
  largest remainders, ties going to the member listed first. The parts add up to the amount.
- Withholding is a percentage (basis points) of a member's fees in a batch, rounded down to the
  rial; reimbursements are never withheld on (nor commissioned).
- A member's net in a batch is fees + reimbursements − advances − clawbacks − withholding; a
  member whose net would not be positive is left out of the batch (their items wait).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.money import basis_points_of
from hendazh_desktop.domain.text import to_ascii_digits

APPROVAL_SETTING = "wages.batch_approval_required"
MAX_SHARE = 100
MAX_BATCH_NOTE = 300


class PayableState(enum.StrEnum):
    """Where a job's wage stands."""

    HELD = "held"  # the job's money is not collected (or its collection was reversed)
    DUE = "due"
    BATCHED = "batched"  # in a batch not yet paid
    PAID = "paid"
    CLAWED_BACK = "clawed_back"  # paid, then its collection was reversed


PAYABLE_STATE_LABELS = {
    PayableState.HELD: "معلق",
    PayableState.DUE: "قابل پرداخت",
    PayableState.BATCHED: "در فهرست پرداخت",
    PayableState.PAID: "پرداخت‌شده",
    PayableState.CLAWED_BACK: "پس‌گرفته",
}


class ItemKind(enum.StrEnum):
    """One member-level wage item (signed: what it adds to the member's next payout)."""

    FEE = "fee"
    REIMBURSEMENT = "reimbursement"
    ADVANCE = "advance"
    CLAWBACK = "clawback"
    CORRECTION = "correction"


ITEM_KIND_LABELS = {
    ItemKind.FEE: "دستمزد",
    ItemKind.REIMBURSEMENT: "هزینه مصالح",
    ItemKind.ADVANCE: "مساعده",
    ItemKind.CLAWBACK: "کسر بابت برگشت وصول",
    ItemKind.CORRECTION: "اصلاحیه",
}
POSITIVE_KINDS = (ItemKind.FEE.value, ItemKind.REIMBURSEMENT.value)
NEGATIVE_KINDS = (ItemKind.ADVANCE.value, ItemKind.CLAWBACK.value)


class BatchState(enum.StrEnum):
    """A payout batch's life: built, (approved,) paid; or cancelled before payment."""

    DRAFT = "draft"
    APPROVED = "approved"
    PAID = "paid"
    CANCELLED = "cancelled"


BATCH_STATE_LABELS = {
    BatchState.DRAFT: "ساخته‌شده (پرداخت‌نشده)",
    BatchState.APPROVED: "تأییدشده",
    BatchState.PAID: "پرداخت‌شده",
    BatchState.CANCELLED: "لغوشده",
}


class PayMethod(enum.StrEnum):
    """How a batch line is paid: bank transfer to the member's Sheba, or cash with a slip."""

    TRANSFER = "transfer"
    CASH = "cash"


PAY_METHOD_LABELS = {PayMethod.TRANSFER: "حواله بانکی", PayMethod.CASH: "نقدی با رسید امضاشده"}


def divide_by_shares(amount: int, weights: Sequence[int]) -> list[int]:
    """``amount`` (≥ 0 rials) divided by ``weights`` (each ≥ 1) with the largest-remainder
    rule, ties to the earlier member; the parts add up to ``amount`` exactly."""
    if amount < 0 or not weights or any(w < 1 for w in weights):
        raise ValueError("divide_by_shares needs amount >= 0 and weights >= 1")
    total = sum(weights)
    parts = [amount * w // total for w in weights]
    remainders = [amount * w % total for w in weights]
    left = amount - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for index in order[:left]:
        parts[index] += 1
    return parts


def withholding_of(fees: int, basis_points: int) -> int:
    """The withholding on a member's fees in one batch (rounded down to the rial)."""
    return basis_points_of(fees, basis_points) if fees > 0 else 0


@dataclass(frozen=True, slots=True)
class MemberTotals:
    """What one member's batch line adds up to."""

    fees: int
    reimbursements: int
    advances: int  # positive: deducted
    clawbacks: int  # positive: deducted
    corrections: int  # signed
    withholding: int

    @property
    def net(self) -> int:
        return (
            self.fees
            + self.reimbursements
            - self.advances
            - self.clawbacks
            + self.corrections
            - self.withholding
        )


def member_totals(items: Sequence[tuple[str, int]], withholding_bp: int) -> MemberTotals:
    """Totals of a member's (kind, signed amount) items, with the group's withholding."""
    sums = {kind.value: 0 for kind in ItemKind}
    for kind, amount in items:
        sums[kind] += amount
    fees = sums[ItemKind.FEE.value]
    return MemberTotals(
        fees=fees,
        reimbursements=sums[ItemKind.REIMBURSEMENT.value],
        advances=-sums[ItemKind.ADVANCE.value],
        clawbacks=-sums[ItemKind.CLAWBACK.value],
        corrections=sums[ItemKind.CORRECTION.value],
        withholding=withholding_of(fees, withholding_bp),
    )


def parse_share(text: str, *, field: str) -> int:
    """A member's share weight: a whole number from 1 to 100, in any digit script."""
    raw = to_ascii_digits(str(text).strip())
    if not raw:
        raise ValidationError(field, "required")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_SHARE:
        raise ValidationError(field, "share_range", maximum=MAX_SHARE)
    return int(raw)


def parse_receipt_number(text: str, *, field: str = "receipt_number") -> str:
    """A supplier's receipt number: 1–30 letters, digits, '-' or '/' (digits made ASCII)."""
    raw = to_ascii_digits(text.strip())
    if not raw:
        raise ValidationError(field, "required")
    if len(raw) > 30 or not all(ch.isalnum() or ch in "-/" for ch in raw):
        raise ValidationError(field, "receipt_number_invalid")
    return raw


_HOSTILE = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_cell(text: str) -> str:
    """A text cell for a spreadsheet or CSV file: one that begins with = + - @ TAB CR or LF
    is prefixed with ' so that no program reads it as a formula."""
    return "'" + text if text.startswith(_HOSTILE) else text


IBAN_PROBLEM_LABELS = {
    "iban_missing": "شبا ثبت نشده؛ پرداخت نقدی با رسید امضاشده",
    "iban_invalid": "شبا نامعتبر؛ پرداخت نقدی با رسید امضاشده",
}
HOLD_REASON_LABELS = {
    "not_collected": "وجه کار هنوز وصول نشده",
    "collection_reversed": "وصول برگشت خورد",
}
