"""How audit entries read in Persian: the names of entities, fields and actions, and each
stored value (Jalali dates, Persian digits, amounts) as the office says it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from hendazh_desktop.domain.audit import ACTION_LABELS, ENTITY_LABELS, AuditAction
from hendazh_desktop.domain.money import format_percent
from hendazh_desktop.domain.permissions import ROLE_LABELS
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.services.accounts.audit import AuditRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.window_model import NUMERIC, Column

KEY_LABELS = {
    "name": "نام",
    "code": "کد",
    "phones": "تلفن‌ها",
    "addresses": "نشانی‌ها",
    "national_code": "کد ملی",
    "referrer_id": "معرف",
    "do_not_serve": "منع خدمت",
    "do_not_serve_reason": "دلیل منع خدمت",
    "notes": "یادداشت",
    "status": "وضعیت",
    "reason": "دلیل",
    "subscriber_id": "مشترک",
    "service_id": "خدمت",
    "address_id": "نشانی",
    "priority": "اولویت",
    "channel": "راه ارتباط",
    "preferred_date": "تاریخ مورد نظر",
    "window_start": "شروع بازه",
    "window_end": "پایان بازه",
    "description": "شرح",
    "username": "نام کاربری",
    "full_name": "نام کامل",
    "role": "نقش",
    "active": "فعال",
    "attempt": "تلاش ناموفق",
    "reset_by_admin": "تعیین به دست مدیر",
    "file": "پرونده",
    "payment_policy": "زمان پرداخت",
    "materials_prepayment_allowed": "پیش‌پرداخت مواد",
    "materials_prepayment_bp": "درصد پیش‌پرداخت مواد",
    "vat_exempt": "معاف از مالیات",
    "vat_rate_bp": "نرخ مالیات",
    "vat_from": "مالیات تازه از تاریخ",
    "vat_term": "نرخ یا معافیت تازه",
    "commission_bp": "پورسانت",
    "referrer_share_bp": "سهم معرف",
    "recipient_share_bp": "سهم دریافت‌کننده",
    "withholding_bp": "کسر بیمه و مالیات",
    "members": "اعضا",
    "approved": "تأیید شده",
    "bank_ref": "شماره پیگیری بانک",
    "batch": "فهرست پرداخت",
    "line": "ردیف فهرست",
    "member": "عضو گروه",
    "split_from": "شروع قاعده تقسیم",
    "gift_credit": "اعتبار هدیه",
    "gift_credit_expiry_months": "ماه‌های انقضای اعتبار هدیه",
    "craft": "هنر",
    "credit_price": "بهای اعتباری",
    "company_cost": "هزینه شرکت",
    "reorder_level": "حد سفارش دوباره",
    "has_photo": "عکس",
    "photo": "عکس",
    "stock": "موجودی",
    "kind": "نوع",
    "total": "جمع",
    "amount": "مبلغ",
    "materials": "مواد",
    "number": "شماره",
    "lines": "اقلام",
    "state": "وضعیت",
    "base_price": "قیمت پایه",
    "display_currency": "واحد نمایش",
    "legal_name": "نام قانونی شرکت",
    "economic_code": "کد اقتصادی",
    "tax_memory_id": "شناسه یکتای حافظه مالیاتی",
    "tax_service_id": "شناسه کالا/خدمت (سامانه مودیان)",
    "dispatch_target_hours": "هدف زمان اعزام (ساعت)",
    "tax_number": "شماره منحصربه‌فرد مالیاتی",
    "national_id": "شناسه ملی",
    "registration_number": "شماره ثبت",
    "province": "استان",
    "city": "شهر",
    "address": "نشانی",
    "postal_code": "کد پستی",
    "phone": "تلفن",
    "logo_png_b64": "نشان (لوگو)",
    "default_vat_bp": "نرخ پیش‌فرض مالیات",
    "vat_rounding": "گرد کردن مالیات",
    "invoice_footer": "پای صورتحساب",
    "backup_dir": "پوشه پشتیبان‌ها",
    "backups_kept": "تعداد پشتیبان‌ها",
}
VALUE_LABELS: dict[str, Mapping[str, str]] = {
    "role": {role.value: label for role, label in ROLE_LABELS.items()},
    "display_currency": {"rial": "ریال", "toman": "تومان"},
    "vat_rounding": {"truncate": "حذف اعشار", "round": "گرد کردن"},
    "logo_png_b64": {"<logo>": "دارد", "": "ندارد"},
}
ENTITY_ID_LABELS = {"office": "دفتر"}
BREAK_REASONS = {
    "hash_mismatch": "پس از ثبت تغییر کرده است",
    "previous_mismatch": "پیوندش با رکورد پیشین نمی‌خواند (رکوردی حذف یا جابه‌جا شده است)",
    "missing_tail": "رکوردهای پایانی زنجیره حذف شده‌اند",
    "missing_head": "سرِ زنجیره پیدا نشد",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*")
_LATIN = re.compile(r"[A-Za-z]")


def action_label(action: str) -> str:
    try:
        return ACTION_LABELS[AuditAction(action)]
    except ValueError:
        return action


def _text(value: str) -> str:
    if _ISO_DATE.fullmatch(value):
        return fmt.date(dt.date.fromisoformat(value))
    if _ISO_MOMENT.fullmatch(value):
        try:
            return fmt.datetime_(dt.datetime.fromisoformat(value))
        except ValueError:
            return value
    # Paths, user names and codes with Latin letters keep their digits as typed.
    return value if _LATIN.search(value) else to_persian_digits(value)


# The amounts (integer rials) that audited changes carry.
MONEY_KEYS = frozenset(
    {"amount", "total", "materials", "base_price", "unit_price", "fee", "net", "gift_credit"}
)


def render_value(value: object, key: str = "") -> str:
    """A stored value as a person reads it: Persian digits, بله/خیر, «—» for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "بله" if value else "خیر"
    if isinstance(value, int) and key.endswith("_bp"):
        return format_percent(value)
    if isinstance(value, int) and not isinstance(value, bool) and key in MONEY_KEYS:
        return fmt.money(value)  # rials, grouped with «٬», in the display unit
    if isinstance(value, int | float):
        return to_persian_digits(str(value))
    if isinstance(value, list | tuple):
        return "\n".join(render_value(v) for v in value)
    if isinstance(value, Mapping):
        return "\n".join(f"{KEY_LABELS.get(k, k)}: {render_value(v, k)}" for k, v in value.items())
    text = str(value)
    return VALUE_LABELS.get(key, {}).get(text) or _text(text)


COLUMNS: list[Column[AuditRow]] = [
    Column("#", lambda r: fmt.number(r.id), NUMERIC, sort="recorded"),
    Column("زمان", lambda r: fmt.datetime_(r.at), sort="recorded"),
    Column("کاربر", lambda r: r.user or "سامانه", sort="user", narrow=True),
    Column(
        "نوع رکورد", lambda r: ENTITY_LABELS.get(r.entity, r.entity), sort="entity", narrow=True
    ),
    Column(
        "شناسه",
        lambda r: ENTITY_ID_LABELS.get(r.entity_id) or _text(r.entity_id),
        NUMERIC,
        sort="entity_id",
        narrow=True,
    ),
    Column("کار", lambda r: action_label(r.action), sort="action", narrow=True),
]
