"""Commission and gift credit: commission kept, credit earned, spent, expired and reversed (the
ledger's movement from its opening to its closing), the outstanding credit (the company's
liability), the gift stock's value and the redemptions; and wages per group and their batches."""

from __future__ import annotations

from hendazh_desktop.db.repositories.report_credit import CreditReportQueries
from hendazh_desktop.db.repositories.wage_lists import PayableFilter
from hendazh_desktop.domain.credit import CREDIT_KIND_LABELS, CreditKind
from hendazh_desktop.domain.gifts import ORDER_STATE_LABELS, OrderState
from hendazh_desktop.domain.jalali_periods import end_day
from hendazh_desktop.domain.wages import BATCH_STATE_LABELS, PAYABLE_STATE_LABELS, BatchState
from hendazh_desktop.domain.wages import PayableState as PS
from hendazh_desktop.services.reports.base import ReportContext
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

M, C = ColumnKind.MONEY, ColumnKind.COUNT
MOVES, COMMISSION, GIFTS = "گردش اعتبار هدیه", "پورسانت و اعتبار به تفکیک خدمت", "سفارش‌های هدیه"
EARNED = (CreditKind.EARNED_REFERRER, CreditKind.EARNED_RECIPIENT)


def build_credit(ctx: ReportContext) -> Report:
    q = CreditReportQueries(ctx.uow.session)
    period = ctx.period
    opening = q.ledger_before(period.first)
    moves = {CreditKind(k): (n, a) for k, n, a in q.moves_by_kind(period.first, end_day(period))}
    ctx.step("گردش اعتبار")
    splits = q.splits_by_service(period.start_utc, period.end_utc)
    ctx.step("پورسانت")
    orders = {OrderState(s): (n, a) for s, n, a in q.orders_by_state(period.start_utc,
                                                                     period.end_utc)}  # fmt: skip
    gifts, items, stock_value = q.gift_stock()
    outstanding, below_zero = ctx.uow.credit.outstanding()
    move_rows = tuple(
        (CREDIT_KIND_LABELS[k], moves.get(k, (0, 0))[0], moves.get(k, (0, 0))[1])
        for k in CreditKind
    )
    movement = sum(a for _, a in moves.values())
    moves_table = ReportTable(
        MOVES,
        (Column("نوع"), Column("ردیف‌ها", C), Column("مبلغ (اعتبار)", M)),
        (
            ("مانده اول دوره", None, opening),
            *move_rows,
            ("مانده پایان دوره", None, opening + movement),
        ),
        ("گردش دوره", sum(n for n, _ in moves.values()), movement),
    )
    split_rows: tuple[tuple[Value, ...], ...] = tuple(splits)
    sums = [sum(int(r[i]) for r in splits) for i in range(1, 7)]
    commission_table = ReportTable(
        COMMISSION,
        (Column("خدمت"), Column("تقسیم‌ها", C), Column("دستمزد", M), Column("پورسانت", M),
         Column("سهم شرکت", M), Column("اعتبار معرف", M), Column("اعتبار مشترک", M)),
        split_rows,
        ("جمع", *sums),
    )  # fmt: skip
    order_rows = tuple(
        (ORDER_STATE_LABELS[s], orders.get(s, (0, 0))[0], orders.get(s, (0, 0))[1])
        for s in OrderState
    )
    gifts_table = ReportTable(
        GIFTS,
        (Column("وضعیت"), Column("سفارش‌ها", C), Column("اعتبار", M)),
        order_rows,
        ("جمع", sum(r[1] for r in order_rows), sum(r[2] for r in order_rows)),
    )
    ctx.step("هدایا")
    earned = sum(moves.get(k, (0, 0))[1] for k in EARNED)

    def amount(kind: CreditKind) -> int:
        return moves.get(kind, (0, 0))[1]

    chart = Chart(
        "گردش اعتبار هدیه (ریال)",
        ChartKind.BAR,
        tuple(CREDIT_KIND_LABELS[k] for k in CreditKind),
        (Series("مبلغ", tuple(float(abs(amount(k))) for k in CreditKind)),),
    )
    figures = (
        Figure("سهم شرکت از پورسانت", sums[3]),
        Figure("اعتبار کسب‌شده", earned),
        Figure("اعتبار خرج‌شده", -amount(CreditKind.SPENT)),
        Figure("اعتبار منقضی", -amount(CreditKind.EXPIRY)),
        Figure("اعتبار برگشتی", -amount(CreditKind.REVERSAL)),
        Figure("گردش خالص دفتر", movement),
        Figure("بدهی اعتبار هدیه (اکنون)", outstanding),
        Figure("مانده‌های منفی (اکنون)", below_zero),
        Figure("ارزش موجودی هدایا", stock_value),
        Figure("هدایای فعال", gifts, C),
        Figure("اقلام موجود", items, C),
    )
    tables = (moves_table, commission_table, gifts_table)
    return Report("credit", "پورسانت و اعتبار هدیه", period, "", tables, chart, figures)


def build_wages(ctx: ReportContext) -> Report:
    q = CreditReportQueries(ctx.uow.session)
    period = ctx.period
    states = (PS.HELD, PS.DUE, PS.BATCHED, PS.PAID, PS.CLAWED_BACK)
    by_group: dict[int, dict[str, int]] = {}
    wage_filter = PayableFilter(
        group_id=ctx.filters.group_id,
        service_id=ctx.filters.service_id,
        day_from=period.first,
        day_to=period.last,
    )
    for group_id, state, fees in ctx.uow.wage_lists.totals_by_group(wage_filter):
        by_group.setdefault(group_id, {})[state] = fees
    rows: list[tuple[Value, ...]] = []
    amounts: list[list[int]] = []
    for group_id, name in q.groups():
        values = [by_group.get(group_id, {}).get(s.value, 0) for s in states]
        if any(values):
            rows.append((name, *values))
            amounts.append(values)
    ctx.step("دستمزد گروه‌ها")
    sums = [sum(a[i] for a in amounts) for i in range(5)]
    payables = ReportTable(
        "دستمزد به تفکیک گروه و وضعیت",
        (Column("گروه"), *(Column(PAYABLE_STATE_LABELS[s], M) for s in states)),
        tuple(rows),
        ("جمع", *sums),
    )
    batch_rows = tuple(
        (n, BATCH_STATE_LABELS[BatchState(state)], first, last, total)
        for n, state, first, last, total in q.batches(period.first, end_day(period))
    )
    batches = ReportTable(
        "دسته‌های پرداخت",
        (Column("شماره", C), Column("وضعیت"), Column("از", ColumnKind.DAY),
         Column("تا", ColumnKind.DAY), Column("مبلغ", M)),
        batch_rows,
        ("جمع", "", None, None, sum(r[4] for r in batch_rows)),
    )  # fmt: skip
    ctx.step("دسته‌های پرداخت")
    chart = Chart(
        "دستمزد به تفکیک وضعیت (ریال)",
        ChartKind.BAR,
        tuple(PAYABLE_STATE_LABELS[s] for s in states),
        (Series("دستمزد", tuple(float(v) for v in sums)),),
    )
    figures = tuple(Figure(PAYABLE_STATE_LABELS[s], v) for s, v in zip(states, sums, strict=True))
    return Report("wages", "گزارش دستمزدها", period, "", (payables, batches), chart, figures)
