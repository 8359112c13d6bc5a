"""The dashboard's reads in four plain SQL statements over a Core connection: no mapped class,
so the managers' first screen is filled without the ORM and its ~60 mapped classes, and
each statement is prepared in microseconds instead of compiled from an ORM query.

Each figure is the one the reports compute (report_ops, report_money, wage_lists); a test
holds the two equal on the demo office.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Date, DateTime, TextClause, bindparam, text

# A payable is due while its collection stands (no reversal of its split), it is the job's
# newest payable, and its fee is neither paid nor held by an open batch (wage_lists).
_WAGES_DUE = """
SELECT coalesce(sum(p.fee), 0) FROM wage_payables AS p
WHERE NOT EXISTS (SELECT 1 FROM wage_payables AS n WHERE n.request_id = p.request_id
                  AND n.id > p.id)
  AND NOT EXISTS (SELECT 1 FROM job_splits AS r WHERE r.reverses_id = p.split_id)
  AND NOT EXISTS (SELECT 1 FROM wage_items AS f JOIN wage_paid AS w ON w.item_id = f.id
                  WHERE f.payable_id = p.id AND f.kind = 'fee')
  AND NOT EXISTS (SELECT 1 FROM wage_items AS f JOIN wage_claims AS c ON c.item_id = f.id
                  WHERE f.payable_id = p.id AND f.kind = 'fee')
"""
_CHEQUES_DUE = """
FROM payments AS p JOIN payment_balances AS b ON b.payment_id = p.id
WHERE p.method = 'cheque' AND p.direction = 'in' AND b.cheque_state = 'pending'
  AND p.cheque_due_on >= :week_first AND p.cheque_due_on < :week_end
"""
_FIGURES = text(
    f"""
SELECT
 (SELECT count(*) FROM service_requests
   WHERE created_at >= :day_start AND created_at < :day_end),
 (SELECT count(*) FROM service_requests WHERE status = 'queued'),
 (SELECT count(*) FROM service_requests WHERE done_at >= :day_start AND done_at < :day_end),
 (SELECT coalesce(sum(balance), 0) FROM invoice_balances WHERE state IN ('open', 'part_paid')),
 (SELECT count(p.id) {_CHEQUES_DUE}),
 (SELECT coalesce(sum(p.amount), 0) {_CHEQUES_DUE}),
 (SELECT avg(overall) FROM quality_feedback
   WHERE received_at >= :score_start AND received_at < :score_end),
 (SELECT count(id) FROM quality_feedback
   WHERE received_at >= :score_start AND received_at < :score_end),
 (SELECT outstanding FROM credit_ledger_totals WHERE id = 1),
 ({_WAGES_DUE})
"""
).bindparams(
    bindparam("day_start", type_=DateTime()),
    bindparam("day_end", type_=DateTime()),
    bindparam("score_start", type_=DateTime()),
    bindparam("score_end", type_=DateTime()),
    bindparam("week_first", type_=Date()),
    bindparam("week_end", type_=Date()),
)
_BY_SERVICE = text(
    """
SELECT s.name, counted.n FROM services AS s
JOIN (SELECT service_id, count(id) AS n FROM service_requests
      WHERE created_at >= :start AND created_at < :end GROUP BY service_id) AS counted
  ON counted.service_id = s.id
ORDER BY s.sort_order, s.name
"""
).bindparams(bindparam("start", type_=DateTime()), bindparam("end", type_=DateTime()))
_FUNNEL = text(
    """
SELECT s.name, e.to_status, count(DISTINCT e.request_id) FROM request_events AS e
JOIN service_requests AS r ON r.id = e.request_id
JOIN services AS s ON s.id = r.service_id
WHERE r.created_at >= :start AND r.created_at < :end
GROUP BY s.name, e.to_status
"""
).bindparams(bindparam("start", type_=DateTime()), bindparam("end", type_=DateTime()))


@cache
def _revenue(ranges: int) -> TextClause:
    """Net sales (invoices less credit notes, before VAT) of ``ranges`` day ranges, one
    column each, in one pass over the issued invoices' covering index."""
    signed = "CASE WHEN kind = 'credit_note' THEN -net ELSE net END"
    columns = ",\n ".join(
        f"coalesce(sum(CASE WHEN issued_on >= :first_{i} AND issued_on < :end_{i} "
        f"THEN {signed} ELSE 0 END), 0)"
        for i in range(ranges)
    )
    binds = [
        bindparam(f"{edge}_{i}", type_=Date()) for i in range(ranges) for edge in ("first", "end")
    ]
    return text(
        f"SELECT {columns}\nFROM invoices WHERE issued_on >= :lowest AND issued_on < :highest"
    ).bindparams(*binds, bindparam("lowest", type_=Date()), bindparam("highest", type_=Date()))


def _utc(moment: dt.datetime) -> dt.datetime:
    """As the UTC columns store it: naive UTC (an aware moment is required)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    """The dashboard's single figures."""

    requests_today: int
    queue_now: int
    done_today: int
    receivables: int
    cheques_due_count: int
    cheques_due_amount: int
    average_score: float | None
    scores: int
    gift_credit_outstanding: int
    wages_due: int


class DashboardQueries:
    """The dashboard's statements, on a read-only Core connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def figures(
        self,
        day: tuple[dt.datetime, dt.datetime],
        week: tuple[dt.date, dt.date],
        scores: tuple[dt.datetime, dt.datetime],
    ) -> DashboardFigures:
        """The figures of the day [start, end), the cheques of the days [first, end) and the
        scores received in [start, end)."""
        row: Any = self.conn.execute(
            _FIGURES,
            {
                "day_start": _utc(day[0]),
                "day_end": _utc(day[1]),
                "week_first": week[0],
                "week_end": week[1],
                "score_start": _utc(scores[0]),
                "score_end": _utc(scores[1]),
            },
        ).one()
        return DashboardFigures(
            requests_today=int(row[0]),
            queue_now=int(row[1]),
            done_today=int(row[2]),
            receivables=int(row[3]),
            cheques_due_count=int(row[4]),
            cheques_due_amount=int(row[5]),
            average_score=None if row[6] is None else float(row[6]),
            scores=int(row[7]),
            gift_credit_outstanding=int(row[8] or 0),
            wages_due=int(row[9]),
        )

    def revenue(self, ranges: list[tuple[dt.date, dt.date]]) -> list[int]:
        """Net sales of each day range [first, end)."""
        params: dict[str, dt.date] = {
            "lowest": min(first for first, _ in ranges),
            "highest": max(end for _, end in ranges),
        }
        for i, (first, end) in enumerate(ranges):
            params[f"first_{i}"], params[f"end_{i}"] = first, end
        row = self.conn.execute(_revenue(len(ranges)), params).one()
        return [int(value) for value in row]

    def requests_by_service(self, start: dt.datetime, end: dt.datetime) -> list[tuple[str, int]]:
        """(service, requests created in [start, end)), in the catalogue's order."""
        rows = self.conn.execute(_BY_SERVICE, {"start": _utc(start), "end": _utc(end)})
        return [(str(name), int(n)) for name, n in rows]

    def funnel(self, start: dt.datetime, end: dt.datetime) -> list[tuple[str, str, int]]:
        """(service, state, requests) for every state the requests created in [start, end)
        have ever reached (from their history)."""
        rows = self.conn.execute(_FUNNEL, {"start": _utc(start), "end": _utc(end)})
        return [(str(name), str(state), int(n)) for name, state, n in rows]
