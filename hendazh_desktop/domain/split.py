"""The money split of a job's labour: the work group's fee, the company's commission, and the
gift credit a share of the commission earns the referrer and the recipient (basis points)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.jalali import format_date

BP = 10_000
# The first rule of every service: in force since long before the first job.
SINCE_EVER = dt.date(2000, 1, 1)


class NoCreditReason(enum.StrEnum):
    """Why a share of the commission earned no one credit (it stays with the company)."""

    NO_REFERRER = "no_referrer"
    REFERRER_INACTIVE = "referrer_inactive"
    REFERRER_DO_NOT_SERVE = "referrer_do_not_serve"
    RECIPIENT_DO_NOT_SERVE = "recipient_do_not_serve"
    NO_RECIPIENT = "no_recipient"
    REWORK = "rework"


NO_CREDIT_LABELS = {
    NoCreditReason.NO_REFERRER: "مشترک معرف ندارد",
    NoCreditReason.REFERRER_INACTIVE: "معرف غیرفعال است",
    NoCreditReason.REFERRER_DO_NOT_SERVE: "معرف در فهرست عدم خدمت است",
    NoCreditReason.RECIPIENT_DO_NOT_SERVE: "مشترک در فهرست عدم خدمت است",
    NoCreditReason.NO_RECIPIENT: "درخواست مشترک ثبت‌شده ندارد",
    NoCreditReason.REWORK: "کار مجدد همان درخواست است و دوباره اعتبار نمی‌آورد",
}


@dataclass(frozen=True, slots=True)
class SplitRule:
    """From ``effective_from`` on: the commission as a share of labour (the fee is the rest),
    and the referrer's and recipient's credit as shares of the commission."""

    effective_from: dt.date
    commission_bp: int
    referrer_share_bp: int
    recipient_share_bp: int

    def __post_init__(self) -> None:
        for value in (self.commission_bp, self.referrer_share_bp, self.recipient_share_bp):
            if not 0 <= value <= BP:
                raise ValueError("a share is between 0 and 10000 basis points")
        if self.referrer_share_bp + self.recipient_share_bp > BP:
            raise ValueError("the credit shares exceed the commission")

    @property
    def fee_bp(self) -> int:
        """The work group's fee as a share of labour."""
        return BP - self.commission_bp

    def same_terms(self, other: SplitRule) -> bool:
        return (self.commission_bp, self.referrer_share_bp, self.recipient_share_bp) == (
            other.commission_bp,
            other.referrer_share_bp,
            other.recipient_share_bp,
        )


@dataclass(frozen=True, slots=True)
class Parties:
    """Who could earn credit on a job: the recipient (the job's subscriber) and the referrer."""

    recipient_id: int | None
    referrer_id: int | None = None
    referrer_active: bool = True
    referrer_do_not_serve: bool = False
    recipient_do_not_serve: bool = False
    rework: bool = False


@dataclass(frozen=True, slots=True)
class Split:
    """One job's labour, split to the rial: fee + commission kept + both credits = labour."""

    labour: int
    fee: int
    commission: int
    commission_kept: int
    referrer_id: int | None
    referrer_credit: int
    recipient_id: int | None
    recipient_credit: int
    referrer_reason: NoCreditReason | None
    recipient_reason: NoCreditReason | None

    @property
    def parts_total(self) -> int:
        return self.fee + self.commission_kept + self.referrer_credit + self.recipient_credit


def _share(amount: int, basis_points: int) -> int:
    """``amount × bp / 10000`` truncated to the rial (amounts here are never negative)."""
    return amount * basis_points // BP


def referrer_reason(parties: Parties) -> NoCreditReason | None:
    if parties.rework:
        return NoCreditReason.REWORK
    if parties.referrer_id is None:
        return NoCreditReason.NO_REFERRER
    if not parties.referrer_active:
        return NoCreditReason.REFERRER_INACTIVE
    if parties.referrer_do_not_serve:
        return NoCreditReason.REFERRER_DO_NOT_SERVE
    return None


def recipient_reason(parties: Parties) -> NoCreditReason | None:
    if parties.rework:
        return NoCreditReason.REWORK
    if parties.recipient_id is None:
        return NoCreditReason.NO_RECIPIENT
    if parties.recipient_do_not_serve:
        return NoCreditReason.RECIPIENT_DO_NOT_SERVE
    return None


def split_labour(labour: int, rule: SplitRule, parties: Parties) -> Split:
    """Split ``labour`` (rials, after discount, without VAT) by ``rule``. The fee and both
    credits are truncated to the rial; every remainder stays with the company."""
    if labour < 0:
        raise ValueError("labour is never negative")
    fee = _share(labour, rule.fee_bp)
    commission = labour - fee
    why_referrer = referrer_reason(parties)
    why_recipient = recipient_reason(parties)
    referrer = 0 if why_referrer else _share(commission, rule.referrer_share_bp)
    recipient = 0 if why_recipient else _share(commission, rule.recipient_share_bp)
    return Split(
        labour=labour,
        fee=fee,
        commission=commission,
        commission_kept=commission - referrer - recipient,
        referrer_id=parties.referrer_id,
        referrer_credit=referrer,
        recipient_id=parties.recipient_id,
        recipient_credit=recipient,
        referrer_reason=why_referrer,
        recipient_reason=why_recipient,
    )


def rule_on(schedule: Sequence[SplitRule], day: dt.date) -> SplitRule | None:
    """The rule in force on ``day``: the latest that started on or before it."""
    started = [r for r in schedule if r.effective_from <= day]
    return max(started, key=lambda r: r.effective_from, default=None)


def check_new_rule(schedule: Sequence[SplitRule], rule: SplitRule, today: dt.date) -> bool:
    """Whether ``rule`` changes the schedule (False: the same terms are in force that day).
    Refused like a VAT change: a past day, a day before a later rule, a day already taken."""
    field = "split_effective_from"
    if rule.effective_from < today:
        raise ValidationError(field, "split_day_past", today=format_date(today))
    later = [r for r in schedule if r.effective_from > rule.effective_from]
    if later:
        first = min(later, key=lambda r: r.effective_from)
        raise ValidationError(field, "split_later_rule", day=format_date(first.effective_from))
    current = rule_on(schedule, rule.effective_from)
    if current is not None and current.same_terms(rule):
        return False
    if any(r.effective_from == rule.effective_from for r in schedule):
        raise ValidationError(field, "split_day_taken")
    return True


MATERIAL_CODE_SUFFIX = "-M"


def is_labour_line(code: str) -> bool:
    """Whether an invoice line is labour: billing codes materials ``<service>-M`` (they pass
    through at cost and are never commissioned); labour is ``<service>-L``, and a prepaid
    service's prepayment line is the service itself."""
    return not code.endswith(MATERIAL_CODE_SUFFIX)
