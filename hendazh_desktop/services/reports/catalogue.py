"""The catalogue of reports: key, Persian title, the permission that runs it, its filters."""

from __future__ import annotations

from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.services.reports.base import Filter, ReportSpec
from hendazh_desktop.services.reports.collections import build_collections, build_receivables
from hendazh_desktop.services.reports.credit import build_credit, build_wages
from hendazh_desktop.services.reports.operations import (
    build_operations,
    build_quality,
    build_subscribers,
)
from hendazh_desktop.services.reports.sales import build_sales, build_vat

MONEY = Permission.VIEW_MONEY_REPORTS
MANAGERS = Permission.VIEW_REPORTS
ALL_FILTERS = frozenset({Filter.SERVICE, Filter.GROUP, Filter.CONSULTANT})

REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec("sales", "گزارش فروش", MONEY, ALL_FILTERS, build_sales, steps=3),
    ReportSpec("collections", "گزارش دریافت‌ها", MONEY, ALL_FILTERS, build_collections, steps=3),
    ReportSpec("receivables", "مطالبات به تفکیک سن", MONEY, frozenset(), build_receivables,
               steps=3),
    ReportSpec("vat", "خلاصه مالیات بر ارزش افزوده", MONEY, frozenset(), build_vat, steps=2),
    ReportSpec("credit", "پورسانت و اعتبار هدیه", MONEY, frozenset(), build_credit, steps=3),
    ReportSpec("wages", "گزارش دستمزدها", MONEY, frozenset({Filter.SERVICE, Filter.GROUP}),
               build_wages, steps=2),
    ReportSpec("operations", "گزارش عملیات", MANAGERS, ALL_FILTERS, build_operations, steps=3),
    ReportSpec("quality", "گزارش کیفیت", MANAGERS, frozenset(), build_quality, steps=2),
    ReportSpec("subscribers", "مشترکان و معرفی‌ها", MANAGERS, frozenset(), build_subscribers,
               steps=2),
)  # fmt: skip
