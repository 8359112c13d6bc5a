"""A demo office with a year of activity, for the report tests, and raw SQL to recompute
report figures independently of the report queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hendazh_desktop.db.database import Database
from hendazh_desktop.demo.data import generate_demo_data
from hendazh_desktop.domain.jalali_periods import Period, checked_range
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.services.accounts.bootstrap import office_actor

NOW = dt.datetime(2025, 11, 25, 7, 0, tzinfo=dt.UTC)
SUBSCRIBERS = 800


def demo_office(db: Database) -> Actor:
    """Fill ``db`` with the demo office (subscribers, jobs, invoices, payments, credit)."""
    admin = office_actor(db, "demo-admin", role=Role.ADMIN)
    generate_demo_data(db, admin, subscribers=SUBSCRIBERS, seed=15, clock=lambda: NOW)
    return admin


def everything() -> Period:
    """A range holding every day the demo data touches (part of its billing runs on the
    machine's clock)."""
    today = dt.date.today()
    return checked_range(today - dt.timedelta(days=700), today + dt.timedelta(days=300))


def as_date(value: Any) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def sql(db: Database, text: str, **params: Any) -> list[tuple[Any, ...]]:
    from sqlalchemy import text as sql_text

    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sql_text(text), params)]


def scalar(db: Database, text: str, **params: Any) -> int:
    value = sql(db, text, **params)[0][0]
    return int(value or 0)
