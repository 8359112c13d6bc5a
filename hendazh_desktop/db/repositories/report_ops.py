"""Aggregate queries of the operations side of the reports and the dashboard: requests by
service, the funnel of states reached, decline and cancellation reasons, time to dispatch,
rework, scores, and the open money figures (receivables, gift credit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from hendazh_desktop.db.models.billing import InvoiceBalance
from hendazh_desktop.db.models.core import RequestEvent, Service, ServiceRequest, Subscriber
from hendazh_desktop.db.models.dispatch import WorkGroup
from hendazh_desktop.db.models.quality import Feedback

OWING = ("open", "part_paid")


class OperationsQueries:
    """Counts over requests, their history and feedback, between two UTC moments."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _created(self, stmt: Any, start: dt.datetime, end: dt.datetime,
                 service_id: int | None = None, group_id: int | None = None,
                 consultant_id: int | None = None) -> Any:  # fmt: skip
        stmt = stmt.where(ServiceRequest.created_at >= start, ServiceRequest.created_at < end)
        if service_id is not None:
            stmt = stmt.where(ServiceRequest.service_id == service_id)
        if group_id is not None:
            stmt = stmt.where(ServiceRequest.group_id == group_id)
        if consultant_id is not None:
            stmt = stmt.where(ServiceRequest.created_by == consultant_id)
        return stmt

    def requests_created(self, start: dt.datetime, end: dt.datetime) -> int:
        stmt = self._created(select(func.count(ServiceRequest.id)), start, end)
        return int(self.session.execute(stmt).scalar_one())

    def requests_by_service(self, start: dt.datetime, end: dt.datetime,
                            **filters: int | None) -> list[tuple[str, int]]:  # fmt: skip
        counted = (
            self._created(
                select(ServiceRequest.service_id, func.count(ServiceRequest.id).label("n")),
                start,
                end,
                **filters,
            )
            .group_by(ServiceRequest.service_id)
            .subquery()
        )  # the requests drive: one range scan, then a join to the ten services
        stmt = (
            select(Service.name, counted.c.n)
            .join(counted, counted.c.service_id == Service.id)
            .order_by(Service.sort_order, Service.name)
        )
        return [(str(r[0]), int(r[1])) for r in self.session.execute(stmt)]

    def queue_now(self) -> int:
        """Requests waiting for a work group (queued, not yet assigned)."""
        stmt = select(func.count(ServiceRequest.id)).where(ServiceRequest.status == "queued")
        return int(self.session.execute(stmt).scalar_one())

    def done_between(self, start: dt.datetime, end: dt.datetime) -> int:
        stmt = select(func.count(ServiceRequest.id)).where(
            ServiceRequest.done_at >= start, ServiceRequest.done_at < end
        )
        return int(self.session.execute(stmt).scalar_one())

    def funnel(self, start: dt.datetime, end: dt.datetime,
               **filters: int | None) -> list[tuple[str, str, int]]:  # fmt: skip
        """(service, state, requests) for every state the requests created in the range have
        ever reached (from their history)."""
        stmt = self._created(
            select(Service.name, RequestEvent.to_status,
                   func.count(func.distinct(RequestEvent.request_id)))
            .join(ServiceRequest, ServiceRequest.id == RequestEvent.request_id)
            .join(Service, Service.id == ServiceRequest.service_id),
            start,
            end,
            **filters,
        ).group_by(Service.name, RequestEvent.to_status)  # fmt: skip
        return [(str(r[0]), str(r[1]), int(r[2])) for r in self.session.execute(stmt)]

    def reasons(self, status: str, start: dt.datetime, end: dt.datetime,
                **filters: int | None) -> list[tuple[str, int]]:  # fmt: skip
        """(reason, times) of the moves to ``status`` (declined, cancelled) of the requests
        created in the range, the most frequent first."""
        stmt = (
            self._created(
                select(RequestEvent.reason, func.count(RequestEvent.id))
                .join(ServiceRequest, ServiceRequest.id == RequestEvent.request_id)
                .where(RequestEvent.to_status == status),
                start,
                end,
                **filters,
            )
            .group_by(RequestEvent.reason)
            .order_by(func.count(RequestEvent.id).desc())
        )
        return [(str(r[0] or ""), int(r[1])) for r in self.session.execute(stmt)]

    def dispatch_times(self, start: dt.datetime, end: dt.datetime,
                       **filters: int | None) -> list[tuple[int, str, int, dt.datetime,
                                                            dt.datetime]]:  # fmt: skip
        """(request, service, its dispatch target in hours, created, dispatched) of the
        requests created in the range that were dispatched."""
        stmt = self._created(
            select(ServiceRequest.id, Service.name, Service.dispatch_target_hours,
                   ServiceRequest.created_at,
                   ServiceRequest.dispatched_at)
            .join(Service, Service.id == ServiceRequest.service_id)
            .where(ServiceRequest.dispatched_at.is_not(None)),
            start,
            end,
            **filters,
        ).order_by(ServiceRequest.id)  # fmt: skip
        return [(int(r[0]), str(r[1]), int(r[2]), r[3], r[4]) for r in self.session.execute(stmt)]

    def rework_by_group(self, start: dt.datetime, end: dt.datetime) -> list[tuple[str, int, int]]:
        """(group, jobs done, reworks asked of them) for the jobs done in the range."""
        rework = aliased(ServiceRequest)
        stmt = (
            select(WorkGroup.name, func.count(func.distinct(ServiceRequest.id)),
                   func.count(func.distinct(rework.id)))
            .join(WorkGroup, WorkGroup.id == ServiceRequest.group_id)
            .outerjoin(rework, rework.rework_of_id == ServiceRequest.id)
            .where(ServiceRequest.done_at >= start, ServiceRequest.done_at < end)
            .group_by(WorkGroup.name)
            .order_by(WorkGroup.name)
        )  # fmt: skip
        return [(str(r[0]), int(r[1]), int(r[2])) for r in self.session.execute(stmt)]

    def average_score(self, start: dt.datetime, end: dt.datetime) -> tuple[float | None, int]:
        """(mean overall score, answers) of the feedback received in the range."""
        stmt = select(func.avg(Feedback.overall), func.count(Feedback.id)).where(
            Feedback.received_at >= start, Feedback.received_at < end
        )
        avg, count = self.session.execute(stmt).one()
        return (float(avg) if avg is not None else None), int(count)

    def receivables(self) -> int:
        stmt = select(func.coalesce(func.sum(InvoiceBalance.balance), 0)).where(
            InvoiceBalance.state.in_(OWING)
        )
        return int(self.session.execute(stmt).scalar_one())

    def new_subscribers(self, start: dt.datetime, end: dt.datetime) -> tuple[int, int]:
        """(new subscribers, of whom came by referral) registered in the range."""
        stmt = select(func.count(Subscriber.id), func.count(Subscriber.referrer_id)).where(
            Subscriber.created_at >= start, Subscriber.created_at < end
        )
        total, referred = self.session.execute(stmt).one()
        return int(total), int(referred)

    def top_referrers(self, start: dt.datetime, end: dt.datetime,
                      limit: int = 20) -> list[tuple[str, str, int]]:  # fmt: skip
        """(name, code, subscribers referred in the range), the most first."""
        n = func.count().label("n")
        top = (
            select(Subscriber.referrer_id, n)
            .where(
                Subscriber.created_at >= start,
                Subscriber.created_at < end,
                Subscriber.referrer_id.is_not(None),
            )
            .group_by(Subscriber.referrer_id)
            .order_by(n.desc(), Subscriber.referrer_id)
            .limit(limit)
            .subquery()
        )  # counted on the (created_at, referrer_id) index alone, then the names of twenty
        stmt = (
            select(Subscriber.name, Subscriber.code, top.c.n)
            .join(top, top.c.referrer_id == Subscriber.id)
            .order_by(top.c.n.desc(), Subscriber.code)
        )
        return [(str(r[0]), str(r[1]), int(r[2])) for r in self.session.execute(stmt)]

    # -- quality -----------------------------------------------------------------------------
    def scores_by(
        self, by: str, start: dt.datetime, end: dt.datetime
    ) -> list[tuple[str, float, int]]:
        """(group or service, mean overall score, answers) of the feedback in the range."""
        if by == "group":
            key: Any = func.coalesce(WorkGroup.name, "")
            stmt = select(key, func.avg(Feedback.overall), func.count(Feedback.id)).outerjoin(
                WorkGroup, WorkGroup.id == Feedback.group_id
            )
        else:
            key = Service.name
            stmt = select(key, func.avg(Feedback.overall), func.count(Feedback.id)).join(
                Service, Service.id == Feedback.service_id
            )
        stmt = (
            stmt.where(Feedback.received_at >= start, Feedback.received_at < end)
            .group_by(key)
            .order_by(func.avg(Feedback.overall).desc())
        )
        return [(str(r[0]), float(r[1] or 0), int(r[2])) for r in self.session.execute(stmt)]

    def quality_counts(self, start: dt.datetime, end: dt.datetime) -> dict[str, int]:
        """Complaints opened, calls made (with an outcome), ideas given, in the range."""
        from hendazh_desktop.db.models.quality import Call, Complaint, Idea

        def count(stmt: Any) -> int:
            return int(self.session.execute(stmt).scalar_one())

        return {
            "complaints": count(select(func.count(Complaint.id)).where(
                Complaint.opened_at >= start, Complaint.opened_at < end)),
            "complaints_open": count(select(func.count(Complaint.id)).where(
                Complaint.opened_at >= start, Complaint.opened_at < end,
                Complaint.state == "open")),
            "calls": count(select(func.count(Call.id)).where(
                Call.outcome_at >= start, Call.outcome_at < end, Call.outcome != "pending")),
            "answered": count(select(func.count(Call.id)).where(
                Call.outcome_at >= start, Call.outcome_at < end, Call.outcome == "answered")),
            "ideas": count(select(func.count(Idea.id)).where(
                Idea.created_at >= start, Idea.created_at < end)),
        }  # fmt: skip
