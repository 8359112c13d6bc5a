"""The manager's dashboard: today's requests, the queue now, jobs done today, revenue this
month against last month and the same month last year, receivables, cheques due this week,
outstanding gift credit, wages due, the average score; charts of revenue by month, requests by
service and the funnel. Four statements on a Core connection: the first screen of a manager
is filled without loading the ORM (db/repositories/dashboard.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.repositories.dashboard import DashboardQueries
from hendazh_desktop.domain import jalali_periods as jp
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.reports.records import Chart, ChartKind, Series

SCORE_DAYS = 30
MONTHS_CHARTED = 12
FUNNEL = (
    ("received", "ثبت"),
    ("queued", "در صف"),
    ("dispatched", "اعزام"),
    ("agreed", "توافق قیمت"),
    ("done", "انجام"),
    ("paid", "پرداخت"),
)


@dataclass(frozen=True, slots=True)
class Dashboard:
    """The figures and charts of the manager's first screen, at ``at``."""

    at: dt.datetime
    today: dt.date
    requests_today: int
    queue_now: int
    done_today: int
    revenue_month: int
    revenue_last_month: int
    revenue_month_last_year: int
    receivables: int
    cheques_due_count: int
    cheques_due_amount: int
    gift_credit_outstanding: int
    wages_due: int
    average_score: float | None
    scores: int
    revenue_chart: Chart
    services_chart: Chart
    funnel_chart: Chart


class DashboardService:
    """Reads the dashboard (managers)."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def read(self, actor: Actor) -> Dashboard:
        require(actor, Permission.VIEW_DASHBOARD)
        now = self._clock()
        today = today_local(now)
        day = jp.day(today)
        month = jp.month_of(today)
        week = jp.week_of(today)
        months = [month]
        for _ in range(MONTHS_CHARTED - 1):
            months.insert(0, months[0].preceding())
        last_year = jp.year_before(month)
        with self._db.connect() as conn:
            q = DashboardQueries(conn)
            revenue = q.revenue(
                [(m.first, jp.end_day(m)) for m in months]
                + [(last_year.first, jp.end_day(last_year))]
            )
            figures = q.figures(
                (day.start_utc, day.end_utc),
                (week.first, jp.end_day(week)),
                (now - dt.timedelta(days=SCORE_DAYS), now),
            )
            by_service = q.requests_by_service(month.start_utc, month.end_utc)
            funnel = q.funnel(month.start_utc, month.end_utc)
        revenue, revenue_month_last_year = revenue[:-1], revenue[-1]
        result = Dashboard(
            at=now,
            today=today,
            requests_today=figures.requests_today,
            queue_now=figures.queue_now,
            done_today=figures.done_today,
            revenue_month=revenue[-1],
            revenue_last_month=revenue[-2],
            revenue_month_last_year=revenue_month_last_year,
            receivables=figures.receivables,
            cheques_due_count=figures.cheques_due_count,
            cheques_due_amount=figures.cheques_due_amount,
            gift_credit_outstanding=figures.gift_credit_outstanding,
            wages_due=figures.wages_due,
            average_score=figures.average_score,
            scores=figures.scores,
            revenue_chart=Chart(
                "فروش خالص ماه‌ها (ریال)",
                ChartKind.BAR,
                tuple(jp.month_label(m.first) for m in months),
                (Series("فروش خالص", tuple(float(v) for v in revenue)),),
            ),
            services_chart=Chart(
                f"درخواست‌های {month.label} به تفکیک خدمت",
                ChartKind.PIE,
                tuple(name for name, _ in by_service),
                (Series("درخواست‌ها", tuple(float(n) for _, n in by_service)),),
            ),
            funnel_chart=_funnel_chart(funnel, sum(n for _, n in by_service), month.label),
        )
        return result


def _funnel_chart(rows: list[tuple[str, str, int]], created: int, label: str) -> Chart:
    """Requests created in the month, and how many of them reached each later state."""
    reached: dict[str, int] = {}
    for _service, state, count in rows:
        reached[state] = reached.get(state, 0) + count
    values = [float(created)] + [float(reached.get(state, 0)) for state, _ in FUNNEL[1:]]
    return Chart(
        f"قیف درخواست‌های {label}",
        ChartKind.BAR,
        tuple(title for _, title in FUNNEL),
        (Series("درخواست‌ها", tuple(values)),),
    )
