"""The catalogue of the ten services: payment policies and the defaults seeded on first run."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import to_ascii_digits


class PaymentPolicy(enum.StrEnum):
    """When the subscriber pays: before anything is booked, or after the work is done."""

    PREPAID = "prepaid"
    POSTPAID = "postpaid"


PAYMENT_POLICY_LABELS = {
    PaymentPolicy.PREPAID: "پیش‌پرداخت (قبل از شروع)",
    PaymentPolicy.POSTPAID: "پس از انجام کار",
}

DEFAULT_VAT_BP = 1_000  # 10 %, Iran's VAT rate from 1403
DEFAULT_COMMISSION_BP = 2_000
DEFAULT_REFERRER_SHARE_BP = 1_000  # of the commission
DEFAULT_RECIPIENT_SHARE_BP = 500  # of the commission
DEFAULT_MATERIALS_PREPAYMENT_BP = 5_000  # of the materials cost
DEFAULT_DISPATCH_TARGET_HOURS = 24  # migration 0018's server default
MAX_DISPATCH_TARGET_HOURS = 720  # thirty days
_HOURS = re.compile(r"[0-9]{1,4}")


def parse_dispatch_target_hours(text: str, *, field: str = "dispatch_target_hours") -> int:
    """The most hours from a request to its dispatch that the Operations report accepts before
    it lists a breach: a whole number from 1 to 720, in Persian or Latin digits."""
    raw = to_ascii_digits(str(text).strip())
    if not _HOURS.fullmatch(raw) or not 1 <= int(raw) <= MAX_DISPATCH_TARGET_HOURS:
        raise ValidationError(field, "dispatch_target_invalid", maximum=MAX_DISPATCH_TARGET_HOURS)
    return int(raw)


@dataclass(frozen=True, slots=True)
class ServiceDefaults:
    """One seeded service."""

    code: str
    name: str
    policy: PaymentPolicy
    materials_prepayment: bool
    vat_exempt: bool = False
    base_price: int = 0


DEFAULT_SERVICES: tuple[ServiceDefaults, ...] = (
    ServiceDefaults("BLD", "تعمیرات ساختمان", PaymentPolicy.POSTPAID, True),
    ServiceDefaults("PLB", "لوله‌کشی و تأسیسات", PaymentPolicy.POSTPAID, True),
    ServiceDefaults("ELC", "برق‌کاری", PaymentPolicy.POSTPAID, True),
    ServiceDefaults("APL", "تعمیر لوازم خانگی", PaymentPolicy.POSTPAID, True),
    ServiceDefaults("CLN", "نظافت", PaymentPolicy.POSTPAID, False),
    ServiceDefaults("GRD", "باغبانی و فضای سبز", PaymentPolicy.POSTPAID, True),
    ServiceDefaults("MOV", "اسباب‌کشی", PaymentPolicy.POSTPAID, False),
    ServiceDefaults("ICT", "خدمات رایانه و شبکه", PaymentPolicy.POSTPAID, True),
    # Education is VAT-exempt under Iran's VAT law (art. 12); tours are taxable services.
    ServiceDefaults("EDU", "خدمات آموزشی", PaymentPolicy.PREPAID, False, True, 25_000_000),
    ServiceDefaults("HTR", "تورهای سلامت", PaymentPolicy.PREPAID, False, False, 180_000_000),
)

# The districts (مناطق شهرداری) of Shiraz, seeded as the zones addresses belong to.
SHIRAZ_ZONES: tuple[str, ...] = tuple(
    f"منطقه {n}" for n in ["۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹", "۱۰", "۱۱"]
)
