"""Display formatting for the UI: one place for money, dates, phones, codes and labels."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.domain.jalali import (
    format_date,
    format_datetime,
    format_time,
    local_datetime,
)
from hendazh_desktop.domain.money import CurrencyUnit, format_money, format_number
from hendazh_desktop.domain.requests import (
    CHANNEL_LABELS,
    PRIORITY_LABELS,
    STATUS_LABELS,
    Channel,
    Priority,
    RequestStatus,
)
from hendazh_desktop.domain.subscription_code import format_code
from hendazh_desktop.domain.text import to_persian_digits

__all__ = [
    "channel_label",
    "code",
    "count",
    "date",
    "datetime_",
    "money",
    "number",
    "phone",
    "priority_label",
    "status_label",
    "time_window",
]


class DisplaySettings:
    """The display currency chosen in the settings (rial or toman)."""

    unit: CurrencyUnit = CurrencyUnit.RIAL


def money(amount: int) -> str:
    return format_money(amount, DisplaySettings.unit)


def number(value: int) -> str:
    return to_persian_digits(str(value))


def count(value: int) -> str:
    """A count with ٬ thousands separators (۱٬۰۰۰٬۰۰۰)."""
    return format_number(value)


def code(value: str) -> str:
    return format_code(value) if value else ""


def phone(value: str) -> str:
    return to_persian_digits(value)


def number_text(value: str) -> str:
    """A string of digits (national code, postal code) in Persian digits."""
    return to_persian_digits(value)


def local_date(moment: dt.datetime) -> dt.date:
    """The Iran-local calendar day of a stored UTC moment."""
    return local_datetime(moment).date()


def date(value: dt.date | None) -> str:
    return format_date(value) if value else ""


def datetime_(value: dt.datetime | None) -> str:
    return format_datetime(value) if value else ""


def time_window(start: dt.time | None, end: dt.time | None) -> str:
    if start and end:
        return f"{format_time(start)} تا {format_time(end)}"
    if start:
        return f"از {format_time(start)}"
    if end:
        return f"تا {format_time(end)}"
    return ""


def status_label(status: str) -> str:
    try:
        return STATUS_LABELS[RequestStatus(status)]
    except ValueError:
        return status


def priority_label(priority: int) -> str:
    try:
        return PRIORITY_LABELS[Priority(priority)]
    except ValueError:
        return str(priority)


def channel_label(channel: str) -> str:
    try:
        return CHANNEL_LABELS[Channel(channel)]
    except ValueError:
        return channel


def age(created: dt.datetime, now: dt.datetime | None = None) -> str:
    """How long a request has waited, in Persian (۲ روز، ۳ ساعت، ۱۵ دقیقه)."""
    delta = (now or dt.datetime.now(dt.UTC)) - created
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes >= 24 * 60:
        return f"{number(minutes // (24 * 60))} روز"
    if minutes >= 60:
        return f"{number(minutes // 60)} ساعت"
    return f"{number(minutes)} دقیقه"
