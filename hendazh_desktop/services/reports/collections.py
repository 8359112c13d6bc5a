"""Collections: payments by method, cheques pending, cleared and bounced, refunds; and the
receivables by age (the billing ageing, as a printable report)."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.repositories.report_money import MoneyReportQueries
from hendazh_desktop.domain.billing import (
    AGEING_LABELS,
    CHEQUE_LABELS,
    METHOD_LABELS,
    ChequeState,
    PaymentMethod,
)
from hendazh_desktop.domain.subscription_code import format_code
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
)

M, C = ColumnKind.MONEY, ColumnKind.COUNT
BY_METHOD, CHEQUES = "دریافت‌ها به تفکیک روش", "چک‌های دریافتی به تفکیک وضعیت"


def build_collections(ctx: ReportContext) -> Report:
    q = MoneyReportQueries(ctx.uow.session)
    scope = ctx.scope
    by_method = q.payments_by_method(scope)
    ctx.step("دریافت‌ها")
    cheques = q.cheques_by_state(scope)
    ctx.step("چک‌ها")
    by_day = q.payments_by_day(scope)
    ctx.step("دریافت روزانه")
    received = {m: (0, 0) for m in PaymentMethod}
    refunded = {m: (0, 0) for m in PaymentMethod}
    for direction, method, count, amount in by_method:
        target = received if direction == "in" else refunded
        c, a = target[PaymentMethod(method)]
        target[PaymentMethod(method)] = (c + count, a + amount)
    rows = tuple(
        (METHOD_LABELS[m], received[m][0], received[m][1], refunded[m][0], refunded[m][1],
         received[m][1] - refunded[m][1])
        for m in PaymentMethod
    )  # fmt: skip
    sums = [sum(int(r[i]) for r in rows) for i in range(1, 6)]
    method_table = ReportTable(
        BY_METHOD,
        (Column("روش"), Column("دریافت‌ها", C), Column("مبلغ دریافتی", M),
         Column("استردادها", C), Column("مبلغ مسترد", M), Column("خالص", M)),
        rows,
        ("جمع", *sums),
    )  # fmt: skip
    states = {s: (0, 0) for s in ChequeState}
    for state, count, amount in cheques:
        states[ChequeState(state)] = (count, amount)
    cheque_rows = tuple((CHEQUE_LABELS[s], states[s][0], states[s][1]) for s in ChequeState)
    cheque_table = ReportTable(
        CHEQUES,
        (Column("وضعیت"), Column("تعداد", C), Column("مبلغ", M)),
        cheque_rows,
        ("جمع", sum(v[0] for v in states.values()), sum(v[1] for v in states.values())),
    )
    labels, position = axis(ctx.period)
    money_in = [0.0] * len(labels)
    money_out = [0.0] * len(labels)
    for day, direction, amount in by_day:
        (money_in if direction == "in" else money_out)[position(day)] += amount
    series = (Series("دریافت", tuple(money_in)), Series("استرداد", tuple(money_out)))
    chart = Chart("دریافت و استرداد (ریال)", ChartKind.BAR, tuple(labels), series)
    figures = (
        Figure("دریافت‌ها", sums[1]),
        Figure("استردادها", sums[3]),
        Figure("خالص دریافت", sums[4]),
        Figure("چک‌های در انتظار وصول", states[ChequeState.PENDING][1]),
        Figure("چک‌های برگشتی", states[ChequeState.BOUNCED][1]),
    )
    return Report("collections", "گزارش دریافت‌ها", ctx.period, "",
                  (method_table, cheque_table), chart, figures)  # fmt: skip


def ageing_bounds(day: dt.date) -> tuple[dt.date, dt.date, dt.date]:
    return (day - dt.timedelta(days=30), day - dt.timedelta(days=60),
            day - dt.timedelta(days=90))  # fmt: skip


def build_receivables(ctx: ReportContext) -> Report:
    """What each subscriber owes now, aged from the due (or issue) day as of the period's last
    day (or today, when the period runs on past it)."""
    day = min(ctx.period.last, ctx.today)
    rows = ctx.uow.billing_lists.ageing(ageing_bounds(day))
    ctx.step("مانده بدهکاران")
    credits = ctx.uow.billing_lists.credits()
    ctx.step("پیش‌دریافت‌ها")
    table_rows = tuple(
        (r[1], format_code(r[2]), int(r[3]), int(r[4]), int(r[5]), int(r[6]), int(r[7]),
         credits.get(r[0], 0))
        for r in rows
    )  # fmt: skip
    sums = [sum(int(r[i]) for r in table_rows) for i in range(2, 8)]
    table = ReportTable(
        "مانده بدهکاران به تفکیک سن",
        (Column("مشترک"), Column("کد اشتراک"), *(Column(label, M) for label in AGEING_LABELS),
         Column("جمع بدهی", M), Column("پیش‌دریافت", M)),
        table_rows,
        ("جمع", "", *sums),
    )  # fmt: skip
    chart = Chart("مانده بدهی به تفکیک سن (ریال)", ChartKind.BAR, AGEING_LABELS,
                  (Series("مانده", tuple(float(v) for v in sums[:4])),))  # fmt: skip
    figures = (
        Figure("بدهکاران", len(table_rows), C),
        Figure("جمع مطالبات", sums[4]),
        Figure("بیش از ۹۰ روز", sums[3]),
        Figure("پیش‌دریافت مشترکان", sums[5]),
    )
    ctx.step()
    return Report("receivables", "مطالبات به تفکیک سن", ctx.period, "", (table,), chart, figures)
