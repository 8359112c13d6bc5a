"""Columns and paged row sources of the quality lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hendazh_desktop.domain.quality import (
    ACTION_LABELS,
    CHANNEL_LABELS,
    IDEA_LABELS,
    IDEA_SOURCES,
    OUTCOME_LABELS,
    CallOutcome,
    Channel,
    ComplaintAction,
    IdeaState,
)
from hendazh_desktop.services.quality.records import CallRow, ComplaintRow, FeedbackRow, IdeaRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.window_model import CENTER, NUMERIC, Column
from hendazh_desktop.ui.context import UiContext

KIND_LABELS = {"drawn": "قرعه", "retry": "تلاش دوباره", "manual": "افزوده مدیر"}
STATE_LABELS = {"open": "باز", "closed": "بسته"}


def outcome_label(value: str) -> str:
    return OUTCOME_LABELS.get(CallOutcome(value), value) if value in set(CallOutcome) else value


def channel_label(value: str) -> str:
    return CHANNEL_LABELS[Channel(value)] if value in set(Channel) else value


def action_label(value: str | None) -> str:
    if value is None:
        return "—"
    return ACTION_LABELS[ComplaintAction(value)] if value in set(ComplaintAction) else value


def idea_state_label(value: str) -> str:
    return IDEA_LABELS[IdeaState(value)] if value in set(IdeaState) else value


def score(value: int | None) -> str:
    return fmt.number(value) if value is not None else "—"


CALL_COLUMNS: list[Column[CallRow]] = [
    Column("ردیف", lambda r: fmt.number(r.position), NUMERIC, sort="position"),
    Column("مشترک", lambda r: r.subscriber, sort="subscriber"),
    Column("تلفن", lambda r: fmt.phone(r.phone), NUMERIC, sort="phone"),
    Column("خدمت", lambda r: r.service, sort="service"),
    Column("گروه", lambda r: r.group, sort="group"),
    Column(
        "پایان کار",
        lambda r: fmt.date(fmt.local_date(r.done_at)) if r.done_at else "—",
        sort="done",
    ),
    Column("نوع", lambda r: KIND_LABELS.get(r.kind, r.kind), sort="kind"),
    Column("نوبت", lambda r: fmt.number(r.attempt), CENTER, sort="attempt"),
    Column("نتیجه", lambda r: outcome_label(r.outcome), sort="outcome"),
]

FEEDBACK_COLUMNS: list[Column[FeedbackRow]] = [
    Column("تاریخ", lambda r: fmt.date(fmt.local_date(r.received_at)), sort="date"),
    Column("خدمت", lambda r: r.service, sort="service", narrow=True),
    Column("گروه", lambda r: r.group, sort="group", narrow=True),
    Column("راه", lambda r: channel_label(r.channel), sort="channel", narrow=True),
    Column("کلی", lambda r: score(r.overall), CENTER, sort="overall", narrow=True),
    Column("توضیح", lambda r: r.comment, sort="comment", narrow=True),
]

COMPLAINT_COLUMNS: list[Column[ComplaintRow]] = [
    Column("شماره", lambda r: fmt.number(r.id), NUMERIC, sort="number"),
    Column("تاریخ", lambda r: fmt.date(fmt.local_date(r.opened_at)), sort="date", narrow=True),
    Column("گروه", lambda r: r.group, sort="group", narrow=True),
    Column("مشترک", lambda r: r.subscriber, sort="subscriber", narrow=True),
    Column("خدمت", lambda r: r.service, sort="service", narrow=True),
    Column("کمترین امتیاز", lambda r: score(r.lowest_score), CENTER, sort="lowest", narrow=True),
    Column("وضعیت", lambda r: STATE_LABELS.get(r.state, r.state), sort="state", narrow=True),
    Column("اقدام", lambda r: action_label(r.action), sort="action", narrow=True),
]

IDEA_COLUMNS: list[Column[IdeaRow]] = [
    Column("تاریخ", lambda r: fmt.date(fmt.local_date(r.created_at)), sort="date"),
    Column("مشترک", lambda r: r.subscriber or "—", sort="subscriber", narrow=True),
    Column("منبع", lambda r: IDEA_SOURCES.get(r.source, r.source), sort="source", narrow=True),
    Column("وضعیت", lambda r: idea_state_label(r.state), sort="state", narrow=True),
    Column("پیشنهاد", lambda r: r.text, sort="text", narrow=True),
]


def order_key(key: str, descending: bool) -> str:
    """A column's sort key as the services take it ("": the list's own order)."""
    return ("-" if descending and key else "") + key


class DayCalls:
    """A day's quality calls in list order, a page at a time."""

    def __init__(self, context: UiContext, day: dt.date, order: str = "") -> None:
        self._ctx, self.day, self.order = context, day, order

    def count(self) -> int:
        return self._ctx.quality.calls.count(self._ctx.actor, self.day)

    def fetch(self, offset: int, limit: int) -> Sequence[CallRow]:
        return self._ctx.quality.calls.calls(self._ctx.actor, self.day, offset, limit, self.order)

    def ordered(self, key: str, descending: bool) -> DayCalls:
        return DayCalls(self._ctx, self.day, order_key(key, descending))


class Complaints:
    """Complaints in one state (None: all), open first and newest first."""

    def __init__(
        self, context: UiContext, state: str | None, group_id: int | None = None, order: str = ""
    ) -> None:
        self._ctx, self._state, self._group, self.order = context, state, group_id, order

    def count(self) -> int:
        return self._ctx.quality.complaints.count(self._ctx.actor, self._state, self._group)

    def fetch(self, offset: int, limit: int) -> Sequence[ComplaintRow]:
        return self._ctx.quality.complaints.page(
            self._ctx.actor, self._state, self._group, offset, limit, self.order
        )

    def ordered(self, key: str, descending: bool) -> Complaints:
        return Complaints(self._ctx, self._state, self._group, order_key(key, descending))


class Ideas:
    """Ideas in one state (None: all), newest first."""

    def __init__(self, context: UiContext, state: str | None, order: str = "") -> None:
        self._ctx, self._state, self.order = context, state, order

    def count(self) -> int:
        return self._ctx.quality.ideas.count(self._ctx.actor, self._state)

    def fetch(self, offset: int, limit: int) -> Sequence[IdeaRow]:
        return self._ctx.quality.ideas.page(self._ctx.actor, self._state, offset, limit, self.order)

    def ordered(self, key: str, descending: bool) -> Ideas:
        return Ideas(self._ctx, self._state, order_key(key, descending))
