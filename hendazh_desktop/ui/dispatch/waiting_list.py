"""The dispatch board's list of requests waiting for a group: its columns and its rows, read
a page at a time and ordered in the database by the column clicked."""

from __future__ import annotations

from collections.abc import Sequence

from hendazh_desktop.domain.requests import Priority, RequestStatus
from hendazh_desktop.services.requests.records import RequestRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.window_model import Column
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.requests.queue_model import QUEUE_ORDERS

WAITING_COLUMNS: list[Column[RequestRow]] = [
    Column("شماره", lambda r: fmt.number(r.id), sort="number"),
    Column("انتظار", lambda r: fmt.age(r.created_at), sort="waiting"),
    Column("اولویت", lambda r: fmt.priority_label(r.priority), sort="priority"),
    Column("خدمت", lambda r: r.service, sort="service"),
    Column("منطقه", lambda r: r.zone, sort="zone", narrow=True),
    Column("مشترک", lambda r: r.subscriber_name, sort="subscriber", narrow=True),
    Column(
        "روز درخواستی",
        lambda r: fmt.date(r.preferred_date) if r.preferred_date else "—",
        sort="preferred_date",
    ),
    Column(
        "وضعیت",
        lambda r: (
            "در انتظار پرداخت"
            if r.status == RequestStatus.AWAITING_PREPAYMENT.value
            else fmt.time_window(r.window_start, r.window_end)
        ),
        sort="status",
    ),
]


def waiting_warn(row: RequestRow) -> bool:
    return row.priority >= Priority.URGENT or row.status == RequestStatus.AWAITING_PREPAYMENT


class WaitingRequests:
    """The requests waiting for a group, a page at a time, in the urgency order or the order
    of the column clicked."""

    def __init__(self, context: UiContext, sort: str = "urgency") -> None:
        self._ctx = context
        self.sort = sort

    def ordered(self, key: str, descending: bool) -> WaitingRequests:
        return WaitingRequests(self._ctx, QUEUE_ORDERS.get((key, descending), "urgency"))

    def count(self) -> int:
        return self._ctx.dispatch.waiting_count(self._ctx.actor)

    def fetch(self, offset: int, limit: int) -> Sequence[RequestRow]:
        return self._ctx.dispatch.waiting(self._ctx.actor, offset, limit, sort=self.sort)
