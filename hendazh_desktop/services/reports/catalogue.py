"""The catalogue of reports: key, Persian title, the permission that runs it, its filters."""

from __future__ import annotations

from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.services.reports.base import Filter, ReportSpec
from hendazh_desktop.services.reports.collections import build_collections, build_receivables
from hendazh_desktop.services.reports.sales import build_sales, build_vat

MONEY = Permission.VIEW_MONEY_REPORTS
ALL_FILTERS = frozenset({Filter.SERVICE, Filter.GROUP, Filter.CONSULTANT})

REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec("sales", "گزارش فروش", MONEY, ALL_FILTERS, build_sales, steps=3),
    ReportSpec("collections", "گزارش دریافت‌ها", MONEY, ALL_FILTERS, build_collections, steps=3),
    ReportSpec("receivables", "مطالبات به تفکیک سن", MONEY, frozenset(), build_receivables,
               steps=3),
    ReportSpec("vat", "خلاصه مالیات بر ارزش افزوده", MONEY, frozenset(), build_vat, steps=2),
)  # fmt: skip
