"""Gift credit (اعتبار هدیه): its kinds of entry, its expiry term and its spending rule.

Gift credit is earned from the commission of jobs and spent on the company's handicraft gifts.
It is never money: never paid out, refunded or mixed with the subscriber's money on account.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.jalali import from_jalali, to_jalali
from hendazh_desktop.domain.text import to_ascii_digits

GIFT_CREDIT_LABEL = "اعتبار هدیه"
EXPIRY_SETTING = "gift_credit_expiry_months"
MAX_EXPIRY_MONTHS = 120


class CreditKind(enum.StrEnum):
    """What moved a subscriber's gift credit."""

    EARNED_REFERRER = "earned_referrer"
    EARNED_RECIPIENT = "earned_recipient"
    SPENT = "spent"
    RETURNED = "returned"
    REVERSAL = "reversal"
    ADJUSTMENT = "adjustment"
    EXPIRY = "expiry"


CREDIT_KIND_LABELS = {
    CreditKind.EARNED_REFERRER: "کسب به عنوان معرف",
    CreditKind.EARNED_RECIPIENT: "کسب از کار خود",
    CreditKind.SPENT: "خرج برای هدیه",
    CreditKind.RETURNED: "بازگشت از سفارش لغوشده",
    CreditKind.REVERSAL: "برگشت اعتبار کسب‌شده",
    CreditKind.ADJUSTMENT: "اصلاح مدیر",
    CreditKind.EXPIRY: "انقضا",
}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same Jalali day ``months`` later (the month's last day when it is shorter)."""
    year, month, mday = to_jalali(day)
    index = year * 12 + (month - 1) + months
    year, month = divmod(index, 12)
    for candidate in range(mday, 0, -1):
        try:
            return from_jalali(year, month + 1, candidate)
        except ValueError:
            continue
    raise ValueError("no such month")  # pragma: no cover - every month has a 29th


def expires_on(earned_on: dt.date, months: int | None) -> dt.date | None:
    """When credit earned on ``earned_on`` expires (None: never)."""
    return None if not months else add_months(earned_on, months)


def parse_expiry_months(text: str) -> int | None:
    """The expiry setting as typed: empty or 0 = never, else 1..120 months."""
    raw = to_ascii_digits(text.strip())
    if not raw:
        return None
    if not re.fullmatch(r"\d{1,3}", raw, re.ASCII) or int(raw) > MAX_EXPIRY_MONTHS:
        raise ValidationError("expiry_months", "expiry_months_range", maximum=MAX_EXPIRY_MONTHS)
    return int(raw) or None


def check_spend(balance: int, amount: int) -> None:
    """Spending never overdraws the gift credit (nor spends while it is below zero)."""
    if amount <= 0:
        raise ValidationError("amount", "amount_zero")
    if amount > balance:
        raise ValidationError(
            "amount", "gift_credit_insufficient", balance=max(balance, 0), amount=amount
        )


def expiring_amount(balance: int, due_earned: int, taken_out: int) -> int:
    """Credit to expire now: earnings whose term ended, less what was taken out before them
    (oldest credit is spent first), never more than the balance."""
    return max(0, min(balance, due_earned - taken_out))
