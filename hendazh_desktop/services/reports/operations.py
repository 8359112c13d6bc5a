"""Operations: the request funnel by service (with the decline reasons), time from request to
dispatch per service against its target (the breaches listed), cancellations with reasons,
rework per group; quality (scores by group and service, complaints, calls, ideas); subscribers
and referrals."""

from __future__ import annotations

import statistics

from hendazh_desktop.db.repositories.report_ops import OperationsQueries
from hendazh_desktop.domain.jalali_periods import local_day
from hendazh_desktop.domain.subscription_code import format_code
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

C, P, S, T = ColumnKind.COUNT, ColumnKind.PERCENT, ColumnKind.SCORE, ColumnKind.TEXT
BREACHES_LISTED = 200
STAGES = (
    ("queued", "در صف"),
    ("dispatched", "اعزام"),
    ("agreed", "توافق"),
    ("declined", "رد قیمت"),
    ("done", "انجام"),
    ("paid", "پرداخت"),
)
FUNNEL = "قیف درخواست‌ها به تفکیک خدمت"


def _filters(ctx: ReportContext) -> dict[str, int | None]:
    f = ctx.filters
    return {"service_id": f.service_id, "group_id": f.group_id, "consultant_id": f.consultant_id}


def build_operations(ctx: ReportContext) -> Report:
    q = OperationsQueries(ctx.uow.session)
    start, end = ctx.period.start_utc, ctx.period.end_utc
    filters = _filters(ctx)
    created = dict(q.requests_by_service(start, end, **filters))
    reached: dict[str, dict[str, int]] = {}
    for service, state, n in q.funnel(start, end, **filters):
        reached.setdefault(service, {})[state] = n
    ctx.step("قیف")
    counts = [
        [total, *(reached.get(name, {}).get(s, 0) for s, _ in STAGES)]
        for name, total in created.items()
    ]
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (name, *c) for name, c in zip(created, counts, strict=True)
    )
    sums = [sum(c[i] for c in counts) for i in range(1 + len(STAGES))]
    columns = (Column("خدمت"), Column("ثبت", C), *(Column(t, C) for _, t in STAGES))
    funnel = ReportTable(FUNNEL, columns, rows, ("جمع", *sums))
    reason_columns = (Column("دلیل"), Column("دفعات", C))
    declined = q.reasons("declined", start, end, **filters)
    cancelled = q.reasons("cancelled", start, end, **filters)
    declines = ReportTable(
        "دلایل رد قیمت", reason_columns, tuple((r or "—", n) for r, n in declined)
    )
    cancels = ReportTable(
        "لغوها و دلایل آن", reason_columns, tuple((r or "—", n) for r, n in cancelled)
    )
    ctx.step("دلایل")
    times: dict[str, list[float]] = {}
    breaches: list[tuple[Value, ...]] = []
    targets: dict[str, int] = {}
    late = 0
    for request_id, service, target, made, sent in q.dispatch_times(start, end, **filters):
        hours = (sent - made).total_seconds() / 3600
        times.setdefault(service, []).append(hours)
        targets[service] = target
        late += hours > target
        if hours > target and len(breaches) < BREACHES_LISTED:
            breaches.append((request_id, service, local_day(made), round(hours, 1)))
    dispatch_rows = tuple(
        (name, len(v), round(statistics.mean(v), 1), round(statistics.median(v), 1),
         targets[name], sum(1 for h in v if h > targets[name]),
         100.0 * sum(1 for h in v if h <= targets[name]) / len(v))
        for name, v in sorted(times.items())
    )  # fmt: skip
    dispatch = ReportTable(
        "زمان ثبت تا اعزام (ساعت)",
        (Column("خدمت"), Column("اعزام‌ها", C), Column("میانگین", S), Column("میانه", S),
         Column("هدف", C), Column("دیرکرد", C), Column("در زمان", P)),
        dispatch_rows,
    )  # fmt: skip
    breach_table = ReportTable(
        "اعزام‌های دیرتر از هدف",
        (Column("درخواست", C), Column("خدمت"), Column("روز ثبت", ColumnKind.DAY),
         Column("ساعت", S)),
        tuple(breaches),
    )  # fmt: skip
    rework_rows = tuple(
        (g, done, again, 100.0 * again / done if done else 0.0)
        for g, done, again in q.rework_by_group(start, end)
    )
    rework = ReportTable("دوباره‌کاری به تفکیک گروه",
                         (Column("گروه"), Column("کارهای انجام‌شده", C), Column("دوباره‌کاری", C),
                          Column("نرخ", P)), rework_rows)  # fmt: skip
    ctx.step("زمان اعزام")
    chart = Chart("قیف درخواست‌ها", ChartKind.BAR, ("ثبت", *(t for _, t in STAGES)),
                  (Series("درخواست‌ها", tuple(float(v) for v in sums)),))  # fmt: skip
    figures = (
        Figure("درخواست‌های ثبت‌شده", sums[0], C),
        Figure("اعزام‌شده", sums[2], C),
        Figure("انجام‌شده", sums[5], C),
        Figure("اعزام دیرتر از هدف", late, C),
    )
    tables = (funnel, declines, dispatch, breach_table, cancels, rework)
    return Report("operations", "گزارش عملیات", ctx.period, "", tables, chart, figures)


def build_quality(ctx: ReportContext) -> Report:
    q = OperationsQueries(ctx.uow.session)
    start, end = ctx.period.start_utc, ctx.period.end_utc
    by_group = q.scores_by("group", start, end)
    by_service = q.scores_by("service", start, end)
    ctx.step("امتیازها")
    counts = q.quality_counts(start, end)
    ctx.step("شکایت‌ها و تماس‌ها")
    columns = (Column("میانگین امتیاز", S), Column("نظرها", C))
    groups = ReportTable("امتیاز گروه‌ها", (Column("گروه"), *columns),
                         tuple((g or "بدون گروه", s, n) for g, s, n in by_group))  # fmt: skip
    services = ReportTable("امتیاز خدمات", (Column("خدمت"), *columns), tuple(by_service))
    score, answers = q.average_score(start, end)
    chart = Chart("میانگین امتیاز خدمات", ChartKind.BAR, tuple(s for s, _, _ in by_service),
                  (Series("امتیاز", tuple(v for _, v, _ in by_service)),))  # fmt: skip
    figures = (
        Figure("میانگین امتیاز", score, S),
        Figure("نظرها", answers, C),
        Figure("شکایت‌ها", counts["complaints"], C),
        Figure("شکایت‌های باز", counts["complaints_open"], C),
        Figure("تماس‌های کیفیت", counts["calls"], C),
        Figure("تماس‌های پاسخ‌داده", counts["answered"], C),
        Figure("پیشنهادها", counts["ideas"], C),
    )
    return Report("quality", "گزارش کیفیت", ctx.period, "", (groups, services), chart, figures)


def build_subscribers(ctx: ReportContext) -> Report:
    q = OperationsQueries(ctx.uow.session)
    start, end = ctx.period.start_utc, ctx.period.end_utc
    total, referred = q.new_subscribers(start, end)
    ctx.step("مشترکان تازه")
    top = q.top_referrers(start, end)
    ctx.step("معرفان")
    table = ReportTable(
        "معرفان برتر",
        (Column("معرف"), Column("کد اشتراک"), Column("معرفی‌ها", C)),
        tuple((name, format_code(code), n) for name, code, n in top),
    )
    chart = Chart("مشترکان تازه", ChartKind.PIE, ("با معرفی", "بی‌معرف"),
                  (Series("مشترکان", (float(referred), float(total - referred))),))  # fmt: skip
    figures = (
        Figure("مشترکان تازه", total, C),
        Figure("با معرفی", referred, C),
        Figure("سهم معرفی", 100.0 * referred / total if total else 0.0, P),
    )
    return Report("subscribers", "مشترکان و معرفی‌ها", ctx.period, "", (table,), chart, figures)
