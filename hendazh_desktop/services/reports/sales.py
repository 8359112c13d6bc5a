"""Sales: invoices issued, credit notes, net, VAT and total, by service, by group and by day;
and the season's VAT summary (taxable and exempt sales, VAT by rate, credit notes)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hendazh_desktop.db.repositories.report_money import MoneyReportQueries
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.services.reports.base import ReportContext, axis
from hendazh_desktop.services.reports.records import (
    Chart,
    ChartKind,
    Column,
    ColumnKind,
    Figure,
    Report,
    ReportTable,
    Series,
    Value,
)

M, C, T = ColumnKind.MONEY, ColumnKind.COUNT, ColumnKind.TEXT
CREDIT_NOTE = "credit_note"
NO_GROUP = "بدون گروه"
NO_SERVICE = "بدون خدمت"
BY_SERVICE, BY_GROUP, BY_DAY = "فروش به تفکیک خدمت", "فروش به تفکیک گروه", "فروش روزانه"
SALES_COLUMNS = (
    Column("صورتحساب‌ها", C),
    Column("فروش", M),
    Column("اعلامیه‌های برگشت", C),
    Column("برگشت از فروش", M),
    Column("فروش خالص", M),
    Column("مالیات بر ارزش افزوده", M),
    Column("جمع با مالیات", M),
)


def _fold(rows: list[tuple[Any, str, str, int, int, int, int]]) -> dict[Any, list[Any]]:
    """Per key: [label, invoices, invoiced net, credit notes, credited net, vat, total]."""
    out: dict[Any, list[Any]] = {}
    for key, label, kind, count, net, vat, total in rows:
        acc = out.setdefault(key, [label, 0, 0, 0, 0, 0, 0])
        sign = -1 if kind == CREDIT_NOTE else 1
        if kind == CREDIT_NOTE:
            acc[3] += count
            acc[4] += net
        else:
            acc[1] += count
            acc[2] += net
        acc[5] += sign * vat
        acc[6] += sign * total
    return out


def _row(first: Value, acc: list[Any]) -> tuple[Value, ...]:
    return (first, acc[1], acc[2], acc[3], acc[4], acc[2] - acc[4], acc[5], acc[6])


def _totals(folded: dict[Any, list[Any]]) -> tuple[Value, ...]:
    sums = [sum(a[i] for a in folded.values()) for i in range(1, 7)]
    return ("جمع", sums[0], sums[1], sums[2], sums[3], sums[1] - sums[3], sums[4], sums[5])


def _table(title: str, first: Column, folded: dict[Any, list[Any]],
           label: Any) -> ReportTable:  # fmt: skip
    rows = tuple(_row(label(k, a), a) for k, a in folded.items())
    return ReportTable(title, (first, *SALES_COLUMNS), rows, _totals(folded))


def build_sales(ctx: ReportContext) -> Report:
    q = MoneyReportQueries(ctx.uow.session)
    scope = ctx.scope
    by_service = _fold(q.sales(scope, "service"))
    ctx.step("فروش به تفکیک خدمت")
    by_group = _fold(q.sales(scope, "group"))
    ctx.step("فروش به تفکیک گروه")
    by_day = _fold(q.sales(scope, "day"))
    ctx.step("فروش روزانه")
    service_rows = dict(sorted(by_service.items(), key=lambda kv: -(kv[1][2] - kv[1][4])))
    tables = (
        _table(BY_SERVICE, Column("خدمت"), service_rows, lambda k, a: a[0] or NO_SERVICE),
        _table(BY_GROUP, Column("گروه کاری"), by_group, lambda k, a: a[0] or NO_GROUP),
        _table(BY_DAY, Column("روز", ColumnKind.DAY), by_day, lambda k, a: k),
    )
    totals = _totals(by_day)
    labels, position = axis(ctx.period)
    net = [0.0] * len(labels)
    for day, acc in by_day.items():
        net[position(day)] += acc[2] - acc[4]
    chart = Chart(
        "فروش خالص (ریال)", ChartKind.BAR, tuple(labels), (Series("فروش خالص", tuple(net)),)
    )
    figures = (
        Figure("صورتحساب‌های صادرشده", totals[1], C),
        Figure("فروش", totals[2]),
        Figure("برگشت از فروش", totals[4]),
        Figure("فروش خالص", totals[5]),
        Figure("مالیات بر ارزش افزوده", totals[6]),
        Figure("جمع با مالیات", totals[7]),
    )
    return Report("sales", "گزارش فروش", ctx.period, "", tables, chart, figures)


def _rate_label(bp: int, exempt: bool) -> str:
    if exempt:
        return "معاف"
    whole, rest = divmod(bp, 100)
    return to_persian_digits(f"{whole}٪" if not rest else f"{whole}.{rest:02d}٪".replace(".", "٫"))


def build_vat(ctx: ReportContext) -> Report:
    """The VAT return's figures for the period (a season, normally), from the issued lines."""
    q = MoneyReportQueries(ctx.uow.session)
    rows = q.vat_by_rate(ctx.scope)
    ctx.step("مالیات به تفکیک نرخ")
    acc: dict[tuple[int, bool], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for bp, exempt, kind, _lines, net, vat in rows:
        a = acc[(bp, exempt)]
        if kind == CREDIT_NOTE:
            a[2] += net
            a[3] += vat
        else:
            a[0] += net
            a[1] += vat
    table_rows = tuple(
        (_rate_label(bp, exempt), a[0], a[1], a[2], a[3], a[0] - a[2], a[1] - a[3])
        for (bp, exempt), a in sorted(acc.items(), key=lambda kv: (kv[0][1], -kv[0][0]))
    )
    sums = [sum(int(r[i]) for r in table_rows) for i in range(1, 7)]
    columns = (
        Column("نرخ"),
        Column("فروش", M),
        Column("مالیات فروش", M),
        Column("برگشت از فروش", M),
        Column("مالیات برگشتی", M),
        Column("فروش خالص", M),
        Column("مالیات خالص", M),
    )
    table = ReportTable("مالیات بر ارزش افزوده به تفکیک نرخ", columns, table_rows, ("جمع", *sums))
    taxable = sum(a[0] - a[2] for (bp, ex), a in acc.items() if not ex)
    exempt_sales = sum(a[0] - a[2] for (bp, ex), a in acc.items() if ex)
    ctx.step()
    chart = Chart(
        "فروش مشمول و معاف (ریال)",
        ChartKind.PIE,
        ("فروش مشمول", "فروش معاف"),
        (Series("فروش خالص", (float(taxable), float(exempt_sales))),),
    )
    figures = (
        Figure("فروش مشمول مالیات", taxable),
        Figure("فروش معاف", exempt_sales),
        Figure("مالیات فروش", sums[1]),
        Figure("مالیات برگشت از فروش", sums[3]),
        Figure("مالیات خالص قابل پرداخت", sums[5]),
    )
    return Report("vat", "خلاصه مالیات بر ارزش افزوده", ctx.period, "", (table,), chart, figures)
