"""Quality queries: the jobs a call list is drawn from, its exclusions, rating buckets for the
groups' scores, and the paged lists of calls, feedback, complaints and ideas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, Date, TextClause, bindparam, text
from sqlalchemy.orm import Session

from hendazh_desktop.db.base import UTCDateTime
from hendazh_desktop.db.ordering import both_ways

FINISHED = ("done", "invoiced", "paid", "closed")
_FINISHED_SQL = ", ".join(f"'{s}'" for s in FINISHED)

_CALL_COLUMNS = (
    "c.id, c.day, c.position, c.request_id, c.subscriber_id, s.name, s.code, "
    "(SELECT p.number FROM subscriber_phones p WHERE p.subscriber_id = s.id "
    "ORDER BY p.position, p.id LIMIT 1), sv.name, g.name, r.done_at, c.kind, c.attempt, "
    "c.outcome, c.note, c.added_reason, c.version"
)
_CALL_FROM = (
    "FROM quality_calls c JOIN subscribers s ON s.id = c.subscriber_id "
    "JOIN service_requests r ON r.id = c.request_id JOIN services sv ON sv.id = r.service_id "
    "LEFT JOIN work_groups g ON g.id = r.group_id"
)
CRITERIA = ("work", "punctuality", "conduct", "cleanliness", "price")
_FEEDBACK_COLUMNS = (
    "f.id, f.request_id, f.subscriber_id, s.name, sv.name, g.name, f.group_id, f.channel, "
    "f.overall, f.work, f.punctuality, f.conduct, f.cleanliness, f.price, f.comment, "
    "f.received_at"
)
_FEEDBACK_FROM = (
    "FROM quality_feedback f LEFT JOIN subscribers s ON s.id = f.subscriber_id "
    "JOIN services sv ON sv.id = f.service_id LEFT JOIN work_groups g ON g.id = f.group_id"
)

# The lists' orders by column ("-key" reverses; "" is each list's own order). The day's call
# list is short; the others sort by anything but their first (indexed) order only once a
# filter has narrowed them (the UI's NARROW_ROWS). Empty values sort as "" on both databases.
CALL_ORDERS = both_ways(
    {
        "": "c.position",
        "position": "c.position",
        "subscriber": "s.sort_key, c.position",
        "phone": "8, c.position",  # the subscriber's first phone (the 8th selected column)
        "service": "sv.sort_key, c.position",
        "group": "COALESCE(g.sort_key, ''), c.position",
        "done": "r.done_at IS NULL, r.done_at, c.position",
        "kind": "c.kind, c.position",
        "attempt": "c.attempt, c.position",
        "outcome": "COALESCE(c.outcome, ''), c.position",
    }
)
FEEDBACK_ORDERS = both_ways(
    {
        "": "f.received_at DESC, f.id DESC",
        "date": "f.received_at, f.id",
        "subscriber": "COALESCE(s.sort_key, ''), f.id",
        "service": "sv.sort_key, f.id",
        "group": "COALESCE(g.sort_key, ''), f.id",
        "channel": "f.channel, f.id",
        "overall": "f.overall, f.id",
        **{c: f"f.{c} IS NULL, f.{c}, f.id" for c in CRITERIA},
        "comment": "f.comment, f.id",
    }
)
COMPLAINT_ORDERS = both_ways(
    {
        "": "k.state DESC, k.opened_at DESC, k.id DESC",
        "number": "k.id",
        "date": "k.opened_at, k.id",
        "group": "COALESCE(g.sort_key, ''), k.id",
        "subscriber": "COALESCE(s.sort_key, ''), k.id",
        "service": "sv.sort_key, k.id",
        "lowest": "k.lowest_score, k.id",
        "state": "k.state, k.id",
        "action": "COALESCE(k.action, ''), k.id",
    }
)
IDEA_ORDERS = both_ways(
    {
        "": "i.created_at DESC, i.id DESC",
        "date": "i.created_at, i.id",
        "subscriber": "COALESCE(s.sort_key, ''), i.id",
        "source": "i.source, i.id",
        "state": "i.state, i.id",
        "text": "i.text, i.id",
    }
)


@dataclass(frozen=True, slots=True)
class FeedbackFilter:
    """Which feedback a list shows (None: any)."""

    group_id: int | None = None
    service_id: int | None = None
    subscriber_id: int | None = None
    max_overall: int | None = None
    min_overall: int | None = None
    channel: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None

    def where(self) -> tuple[str, dict[str, Any]]:
        parts, params = ["1 = 1"], {}
        for column, key, op in (
            ("f.group_id", "group_id", "="),
            ("f.service_id", "service_id", "="),
            ("f.subscriber_id", "subscriber_id", "="),
            ("f.overall", "max_overall", "<="),
            ("f.overall", "min_overall", ">="),
            ("f.channel", "channel", "="),
            ("f.received_at", "since", ">="),
            ("f.received_at", "until", "<"),
        ):
            value = getattr(self, key)
            if value is not None:
                parts.append(f"{column} {op} :{key}")
                params[key] = value
        return " AND ".join(parts), params


def as_utc(value: Any) -> dt.datetime | None:
    """A timestamp read by a text query (a string on SQLite) as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def as_date(value: Any) -> dt.date:
    """A date read by a text query (a string on SQLite) as a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _naive(moment: dt.datetime) -> dt.datetime:
    """Kept aware: the typed bind stores it the way the models store their timestamps."""
    return moment.astimezone(dt.UTC)


def _typed(sql: str, params: dict[str, Any]) -> TextClause:
    """The text query with its date and time parameters bound through the models' types, so
    they compare with stored values (SQLite compares the stored text)."""
    binds: list[BindParameter[Any]] = []
    for name, value in params.items():
        if isinstance(value, dt.datetime):
            binds.append(bindparam(name, type_=UTCDateTime()))
        elif isinstance(value, dt.date):
            binds.append(bindparam(name, type_=Date()))
    statement = text(sql)
    return statement.bindparams(*binds) if binds else statement


class QualityRepository:
    """Set-based reads of the quality tables (the writes go through the models)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _rows(self, sql: str, params: dict[str, Any] | None = None) -> Sequence[Any]:
        """Rows of a text query on the session's connection (Core: no ORM row processing,
        which cost more than the query on the call list's 20,000 jobs)."""
        return self.session.connection().execute(_typed(sql, params or {}), params or {}).all()

    def _count(self, sql: str, params: dict[str, Any] | None = None) -> int:
        return int(self.session.execute(_typed(sql, params or {}), params or {}).scalar_one())

    # -- drawing the call list ---------------------------------------------------------
    def finished_jobs(self, since: dt.datetime, until: dt.datetime) -> Sequence[Any]:
        """(request, subscriber, service, group) of jobs finished in [since, until)."""
        return self._rows(
            "SELECT id, subscriber_id, service_id, group_id FROM service_requests "
            "WHERE done_at >= :since AND done_at < :until AND subscriber_id IS NOT NULL "
            f"AND group_id IS NOT NULL AND status IN ({_FINISHED_SQL})",
            {"since": _naive(since), "until": _naive(until)},
        )

    def subscribers_called(self, since: dt.date, before: dt.date) -> set[int]:
        """Subscribers on a call list of a day in [since, before)."""
        rows = self._rows(
            "SELECT DISTINCT subscriber_id FROM quality_calls WHERE day >= :s AND day < :b",
            {"s": since, "b": before},
        )
        return {r[0] for r in rows}

    def do_not_call(self, as_of: dt.datetime) -> set[int]:
        rows = self._rows(
            "SELECT subscriber_id FROM quality_do_not_call WHERE active AND at <= :t",
            {"t": _naive(as_of)},
        )
        return {r[0] for r in rows}

    def jobs_with_feedback(self, since: dt.datetime, as_of: dt.datetime) -> set[int]:
        """Jobs finished since ``since`` that had feedback by ``as_of`` (the jobs by their
        done_at index, then their feedback by its request index)."""
        rows = self._rows(
            "SELECT DISTINCT f.request_id FROM quality_feedback f WHERE f.request_id IN "
            "(SELECT r.id FROM service_requests r WHERE r.done_at >= :since) "
            "AND f.received_at <= :t",
            {"since": _naive(since), "t": _naive(as_of)},
        )
        return {r[0] for r in rows}

    def active_groups(self) -> set[int]:
        return {r[0] for r in self._rows("SELECT id FROM work_groups WHERE active")}

    def retries_due(self, day: dt.date, max_attempts: int, as_of: dt.datetime) -> Sequence[Any]:
        """Unanswered calls of days before ``day`` still worth another try on it: (request,
        subscriber, attempt), the latest earlier call of each job only, without feedback or
        a do-not-call by ``as_of``."""
        return self._rows(
            "SELECT c.request_id, c.subscriber_id, c.attempt FROM quality_calls c "
            "WHERE c.day < :d AND c.outcome = 'no_answer' AND c.attempt < :n "
            "AND NOT EXISTS (SELECT 1 FROM quality_calls l WHERE l.request_id = c.request_id "
            "AND l.day < :d AND l.id > c.id) "
            "AND NOT EXISTS (SELECT 1 FROM quality_feedback f WHERE f.request_id = c.request_id "
            "AND f.received_at <= :t) "
            "AND c.subscriber_id NOT IN (SELECT subscriber_id FROM quality_do_not_call "
            "WHERE active AND at <= :t) ORDER BY c.id",
            {"d": day, "n": max_attempts, "t": _naive(as_of)},
        )

    # -- the day's calls ------------------------------------------------------------------
    def calls(self, day: dt.date, offset: int, limit: int, order: str = "") -> Sequence[Any]:
        return self._rows(
            f"SELECT {_CALL_COLUMNS} {_CALL_FROM} WHERE c.day = :d "
            f"ORDER BY {CALL_ORDERS[order]} LIMIT :limit OFFSET :offset",
            {"d": day, "limit": limit, "offset": offset},
        )

    def call(self, call_id: int) -> Any:
        rows = self._rows(f"SELECT {_CALL_COLUMNS} {_CALL_FROM} WHERE c.id = :id", {"id": call_id})
        return rows[0] if rows else None

    def call_count(self, day: dt.date) -> int:
        return self._count("SELECT count(*) FROM quality_calls WHERE day = :d", {"d": day})

    # -- feedback -------------------------------------------------------------------------
    def feedback(
        self, where: FeedbackFilter, offset: int, limit: int, order: str = ""
    ) -> Sequence[Any]:
        sql, params = where.where()
        return self._rows(
            f"SELECT {_FEEDBACK_COLUMNS} {_FEEDBACK_FROM} WHERE {sql} "
            f"ORDER BY {FEEDBACK_ORDERS[order]} LIMIT :limit OFFSET :offset",
            {**params, "limit": limit, "offset": offset},
        )

    def feedback_count(self, where: FeedbackFilter) -> int:
        sql, params = where.where()
        return self._count(f"SELECT count(*) FROM quality_feedback f WHERE {sql}", params)

    # -- scores ---------------------------------------------------------------------------
    def rating_buckets(self, service_id: int | None, group_id: int | None = None) -> Sequence[Any]:
        """(group, service, day, sum of overall, count) per day: what a score is built from."""
        where, params = ["f.group_id IS NOT NULL"], {}
        if service_id is not None:
            where.append("f.service_id = :s")
            params["s"] = service_id
        if group_id is not None:
            where.append("f.group_id = :g")
            params["g"] = group_id
        return self._rows(
            "SELECT f.group_id, f.service_id, date(f.received_at), sum(f.overall), count(*) "
            f"FROM quality_feedback f WHERE {' AND '.join(where)} "
            "GROUP BY f.group_id, f.service_id, date(f.received_at)",
            params,
        )

    def criterion_sums(self, group_id: int) -> Sequence[Any]:
        """A group's feedback per day and service: (day, service, sum and count of overall,
        then sum and count of each criterion in Criterion order)."""
        crit = ", ".join(f"sum(f.{c}), count(f.{c})" for c in CRITERIA)
        return self._rows(
            f"SELECT date(f.received_at), f.service_id, sum(f.overall), count(*), {crit} "
            "FROM quality_feedback f WHERE f.group_id = :g "
            "GROUP BY date(f.received_at), f.service_id",
            {"g": group_id},
        )

    def open_complaints(self) -> dict[int, int]:
        rows = self._rows(
            "SELECT group_id, count(*) FROM quality_complaints WHERE state = 'open' "
            "AND group_id IS NOT NULL GROUP BY group_id"
        )
        return {r[0]: r[1] for r in rows}

    # -- complaints and ideas -------------------------------------------------------------
    def complaints(
        self, state: str | None, group_id: int | None, offset: int, limit: int, order: str = ""
    ) -> Sequence[Any]:
        where, params = self._complaint_where(state, group_id)
        return self._rows(
            "SELECT k.id, k.request_id, k.group_id, g.name, s.name, sv.name, k.lowest_score, "
            "f.comment, f.channel, k.state, k.opened_at, k.action, k.rework_request_id, k.note, "
            "k.closed_at, k.version FROM quality_complaints k "
            "JOIN quality_feedback f ON f.id = k.feedback_id "
            "LEFT JOIN work_groups g ON g.id = k.group_id "
            "LEFT JOIN subscribers s ON s.id = f.subscriber_id "
            "JOIN services sv ON sv.id = f.service_id "
            f"WHERE {where} ORDER BY {COMPLAINT_ORDERS[order]} LIMIT :limit OFFSET :offset",
            {**params, "limit": limit, "offset": offset},
        )

    def complaint_count(self, state: str | None, group_id: int | None) -> int:
        where, params = self._complaint_where(state, group_id)
        return self._count(f"SELECT count(*) FROM quality_complaints k WHERE {where}", params)

    @staticmethod
    def _complaint_where(state: str | None, group_id: int | None) -> tuple[str, dict[str, Any]]:
        where: list[str] = ["1 = 1"]
        params: dict[str, Any] = {}
        if state is not None:
            where.append("k.state = :state")
            params["state"] = state
        if group_id is not None:
            where.append("k.group_id = :g")
            params["g"] = group_id
        return " AND ".join(where), params

    def ideas(self, state: str | None, offset: int, limit: int, order: str = "") -> Sequence[Any]:
        where = "i.state = :state" if state else "1 = 1"
        return self._rows(
            "SELECT i.id, i.subscriber_id, s.name, i.request_id, i.source, i.text, i.state, "
            "i.manager_note, i.created_at, i.version FROM quality_ideas i "
            f"LEFT JOIN subscribers s ON s.id = i.subscriber_id WHERE {where} "
            f"ORDER BY {IDEA_ORDERS[order]} LIMIT :limit OFFSET :offset",
            {"state": state, "limit": limit, "offset": offset},
        )

    def idea_count(self, state: str | None) -> int:
        where = "state = :state" if state else "1 = 1"
        return self._count(f"SELECT count(*) FROM quality_ideas WHERE {where}", {"state": state})

    def jobs_of_subscriber(self, subscriber_id: int, limit: int) -> Sequence[Any]:
        """A subscriber's finished jobs, newest first: (request, service, group, done_at)."""
        return self._rows(
            "SELECT r.id, sv.name, g.name, r.done_at FROM service_requests r "
            "JOIN services sv ON sv.id = r.service_id "
            "LEFT JOIN work_groups g ON g.id = r.group_id "
            "WHERE r.subscriber_id = :s AND r.done_at IS NOT NULL "
            f"AND r.status IN ({_FINISHED_SQL}) ORDER BY r.done_at DESC LIMIT :limit",
            {"s": subscriber_id, "limit": limit},
        )

    def channels_given(self, request_ids: Sequence[int]) -> dict[int, set[str]]:
        """The channels that already gave feedback on each of these jobs."""
        given: dict[int, set[str]] = {}
        if not request_ids:
            return given
        marks = ", ".join(f":r{i}" for i in range(len(request_ids)))
        rows = self._rows(
            f"SELECT request_id, channel FROM quality_feedback WHERE request_id IN ({marks})",
            {f"r{i}": r for i, r in enumerate(request_ids)},
        )
        for request_id, channel in rows:
            given.setdefault(request_id, set()).add(channel)
        return given
