"""What the quality services return: frozen rows of feedback, calls, complaints, ideas and
a group's scorecard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hendazh_desktop.db.repositories.quality import FeedbackFilter
from hendazh_desktop.domain.quality import Standing

__all__ = ["FeedbackFilter"]  # the feedback list's filter, as the screens name it


@dataclass(frozen=True, slots=True)
class QualitySettings:
    """The call list's and the score's settings."""

    window_days: int = 14  # N: jobs finished in the last N days are drawn from
    recent_days: int = 90  # M: nobody called in the last M days is called again
    daily_size: int = 20
    retries: int = 2  # extra tries of an unanswered call, on later days
    half_life_days: int = 180


@dataclass(frozen=True, slots=True)
class FeedbackRow:
    """One feedback as listed."""

    id: int
    request_id: int
    subscriber_id: int | None
    subscriber: str
    service: str
    group: str
    group_id: int | None
    channel: str
    overall: int
    work: int | None
    punctuality: int | None
    conduct: int | None
    cleanliness: int | None
    price: int | None
    comment: str
    received_at: dt.datetime


@dataclass(frozen=True, slots=True)
class FeedbackResult:
    """What recording a feedback did: the feedback, and the complaint it opened, if any."""

    feedback_id: int
    complaint_id: int | None
    idea_id: int | None


@dataclass(frozen=True, slots=True)
class CallListInfo:
    """A day's list: when, how it was drawn (the seed shows it is the one drawn)."""

    id: int
    day: dt.date
    seed: int
    size: int
    eligible: int
    window_days: int
    recent_days: int
    calls: int


@dataclass(frozen=True, slots=True)
class CallRow:
    """One call on a day's list, with what the consultant needs to make it."""

    id: int
    day: dt.date
    position: int
    request_id: int
    subscriber_id: int
    subscriber: str
    subscriber_code: str
    phone: str
    service: str
    group: str
    done_at: dt.datetime | None
    kind: str  # drawn, retry, manual
    attempt: int
    outcome: str
    note: str
    added_reason: str
    version: int


@dataclass(frozen=True, slots=True)
class ComplaintRow:
    """One complaint, open or closed."""

    id: int
    request_id: int
    group_id: int | None
    group: str
    subscriber: str
    service: str
    lowest_score: int
    comment: str
    channel: str
    state: str
    opened_at: dt.datetime
    action: str | None
    rework_request_id: int | None
    note: str
    closed_at: dt.datetime | None
    version: int


@dataclass(frozen=True, slots=True)
class IdeaRow:
    """One subscriber's idea and where it stands."""

    id: int
    subscriber_id: int | None
    subscriber: str
    request_id: int | None
    source: str
    text: str
    state: str
    manager_note: str
    created_at: dt.datetime
    version: int


@dataclass(frozen=True, slots=True)
class ServiceScore:
    """A group's standing for one service."""

    service_id: int
    service: str
    standing: Standing


@dataclass(frozen=True, slots=True)
class MonthScores:
    """A group's average scores in one Jalali month (None: that criterion was not asked)."""

    year: int
    month: int
    count: int
    overall: float
    criteria: tuple[float | None, ...]  # in domain.quality.Criterion order


@dataclass(frozen=True, slots=True)
class Scorecard:
    """A group's quality: per service now, per criterion over time, its complaints."""

    group_id: int
    group: str
    services: tuple[ServiceScore, ...]
    months: tuple[MonthScores, ...]
    open_complaints: int
    complaints: tuple[ComplaintRow, ...]
