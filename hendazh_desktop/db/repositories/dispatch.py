"""Dispatch queries: a day's board and the facts the best-group suggestion weighs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer, String, Time, column, text
from sqlalchemy.orm import Session

ON_THE_BOARD = ("assigned", "dispatched", "price_presented", "agreed", "in_progress", "done")
_ON_BOARD_SQL = ", ".join(f"'{s}'" for s in ON_THE_BOARD)


class DispatchRepository:
    """Set-based reads for the dispatch board (a few queries, whatever the number of groups)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def groups(self) -> Sequence[Any]:
        return list(
            self.session.execute(
                text(
                    "SELECT id, name, daily_capacity, kind FROM work_groups WHERE active "
                    "ORDER BY name_key"
                )
            )
        )

    def loads(self, day: dt.date) -> dict[int, int]:
        rows = self.session.execute(
            text(
                f"SELECT group_id, count(*) FROM service_requests WHERE scheduled_date = :d "
                f"AND group_id IS NOT NULL AND status IN ({_ON_BOARD_SQL}) GROUP BY group_id"
            ),
            {"d": day},
        )
        return {group_id: count for group_id, count in rows}

    def on_leave(self, day: dt.date) -> set[int]:
        rows = self.session.execute(
            text("SELECT group_id FROM group_leave WHERE day = :d"), {"d": day}
        )
        return {r[0] for r in rows}

    def skill_levels(self, service_id: int) -> dict[int, int]:
        rows = self.session.execute(
            text("SELECT group_id, level FROM group_skills WHERE service_id = :s"),
            {"s": service_id},
        )
        return {group_id: level for group_id, level in rows}

    def covering(self, zone_id: int | None) -> set[int]:
        if zone_id is None:
            return set()
        rows = self.session.execute(
            text("SELECT group_id FROM group_zones WHERE zone_id = :z"), {"z": zone_id}
        )
        return {r[0] for r in rows}

    def jobs(self, day: dt.date) -> Sequence[Any]:
        """Every job planned on the day, in time order within each group."""
        sql = text(
            "SELECT r.id, r.group_id, r.scheduled_start, r.status, "
            "COALESCE(s.name, r.contact_name), sv.name, COALESCE(z.name, ''), r.version "
            "FROM service_requests r JOIN services sv ON sv.id = r.service_id "
            "LEFT JOIN subscribers s ON s.id = r.subscriber_id "
            "LEFT JOIN addresses a ON a.id = r.address_id LEFT JOIN zones z ON z.id = a.zone_id "
            f"WHERE r.scheduled_date = :d AND r.group_id IS NOT NULL AND r.status IN "
            f"({_ON_BOARD_SQL}) ORDER BY r.group_id, r.scheduled_start IS NULL, "
            "r.scheduled_start, r.id"
        ).columns(
            column("id", Integer),
            column("group_id", Integer),
            column("scheduled_start", Time),
            column("status", String),
            column("subscriber", String),
            column("service", String),
            column("zone", String),
            column("version", Integer),
        )
        return list(self.session.execute(sql, {"d": day}))

    def request_facts(self, request_id: int) -> Any:
        """(service id, zone id, do-not-serve) of one request."""
        return self.session.execute(
            text(
                "SELECT r.service_id, a.zone_id, COALESCE(s.do_not_serve, FALSE) "
                "FROM service_requests r LEFT JOIN addresses a ON a.id = r.address_id "
                "LEFT JOIN subscribers s ON s.id = r.subscriber_id WHERE r.id = :r"
            ),
            {"r": request_id},
        ).first()
