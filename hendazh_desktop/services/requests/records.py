"""Frozen records of service requests: queue rows, history, intake and import results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RequestRow:
    """One service request as a row of the queue."""

    id: int
    created_at: dt.datetime
    subscriber_name: str
    subscriber_code: str
    service: str
    zone: str
    status: str
    priority: int
    preferred_date: dt.date | None
    window_start: dt.time | None
    window_end: dt.time | None
    channel: str
    version: int
    description: str
    address: str
    do_not_serve: bool


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of a request's history."""

    at: dt.datetime
    user: str
    from_status: str | None
    to_status: str
    reason: str


@dataclass(frozen=True, slots=True)
class CreatedRequest:
    """The number and first state of a new request."""

    id: int
    status: str


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """Why one line of a web-form file could not be used."""

    line: int
    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What a web-form import did: requests created, or every problem found (nothing written)."""

    created: tuple[int, ...]
    matched: int
    unmatched: int
    skipped_duplicates: int
    problems: tuple[ImportProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems
