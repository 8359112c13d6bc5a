"""Models of the quality loop: feedback on finished jobs, the daily call lists and their calls,
complaints, subscribers' ideas, and who asked not to be called."""

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hendazh_desktop.db.base import Base, utcnow
from hendazh_desktop.db.models.core import ServiceRequest

# The call list draws from jobs finished in the last days: a range on done_at.
Index("ix_service_requests_done_at", ServiceRequest.done_at)

_SCORE = "{0} IS NULL OR {0} BETWEEN 1 AND 5"


class Feedback(Base):
    """A subscriber's scores for one finished job, from one channel (one per job and channel)."""

    __tablename__ = "quality_feedback"
    __table_args__ = (
        UniqueConstraint("request_id", "channel", name="uq_quality_feedback_request_channel"),
        CheckConstraint("channel IN ('phone', 'web', 'quality_call')", name="channel"),
        CheckConstraint("overall BETWEEN 1 AND 5", name="overall"),
        CheckConstraint(_SCORE.format("work"), name="work"),
        CheckConstraint(_SCORE.format("punctuality"), name="punctuality"),
        CheckConstraint(_SCORE.format("conduct"), name="conduct"),
        CheckConstraint(_SCORE.format("cleanliness"), name="cleanliness"),
        CheckConstraint(_SCORE.format("price"), name="price"),
        Index("ix_quality_feedback_scores", "service_id", "group_id", "received_at", "overall"),
        Index("ix_quality_feedback_group", "group_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("work_groups.id"))
    channel: Mapped[str] = mapped_column(String(16))
    overall: Mapped[int] = mapped_column(Integer)
    work: Mapped[int | None] = mapped_column(Integer)
    punctuality: Mapped[int | None] = mapped_column(Integer)
    conduct: Mapped[int | None] = mapped_column(Integer)
    cleanliness: Mapped[int | None] = mapped_column(Integer)
    price: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    external_ref: Mapped[str | None] = mapped_column(String(80), unique=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("quality_calls.id"))
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class CallList(Base):
    """One working day's call list, with the seed it was drawn from."""

    __tablename__ = "quality_call_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    seed: Mapped[int] = mapped_column(BigInteger)
    size: Mapped[int] = mapped_column(Integer)
    window_days: Mapped[int] = mapped_column(Integer)
    recent_days: Mapped[int] = mapped_column(Integer)
    retries: Mapped[int] = mapped_column(Integer)
    eligible: Mapped[int] = mapped_column(Integer)  # jobs the sample was drawn from
    drawn_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    drawn_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Call(Base):
    """One call on a day's list: drawn, a retry of yesterday's unanswered, or added by hand."""

    __tablename__ = "quality_calls"
    __table_args__ = (
        UniqueConstraint("list_id", "request_id", name="uq_quality_calls_list_request"),
        CheckConstraint("kind IN ('drawn', 'retry', 'manual')", name="kind"),
        CheckConstraint(
            "outcome IN ('pending', 'answered', 'no_answer', 'refused', 'wrong_number')",
            name="outcome",
        ),
        Index("ix_quality_calls_subscriber_day", "subscriber_id", "day"),
        Index("ix_quality_calls_day_position", "day", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("quality_call_lists.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"))
    kind: Mapped[str] = mapped_column(String(10))
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    added_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_reason: Mapped[str] = mapped_column(String(300), default="")
    outcome: Mapped[str] = mapped_column(String(16), default="pending")
    outcome_at: Mapped[dt.datetime | None] = mapped_column()
    outcome_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(String(500), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)


class Complaint(Base):
    """A low score a manager must answer: what was done, and when it was closed."""

    __tablename__ = "quality_complaints"
    __table_args__ = (
        CheckConstraint("state IN ('open', 'closed')", name="state"),
        CheckConstraint(
            "action IS NULL OR action IN ('call_back', 'rework', 'warning', 'no_action')",
            name="action",
        ),
        Index("ix_quality_complaints_state_group", "state", "group_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(ForeignKey("quality_feedback.id"), unique=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("work_groups.id"))
    state: Mapped[str] = mapped_column(String(10), default="open")
    lowest_score: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    action: Mapped[str | None] = mapped_column(String(16))
    rework_request_id: Mapped[int | None] = mapped_column(ForeignKey("service_requests.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[dt.datetime | None] = mapped_column()
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)


class Idea(Base):
    """A suggestion, initiative or idea a subscriber offered, and where it stands."""

    __tablename__ = "quality_ideas"
    __table_args__ = (
        CheckConstraint("state IN ('new', 'review', 'adopted', 'declined')", name="state"),
        CheckConstraint("source IN ('call', 'feedback', 'intake')", name="source"),
        Index("ix_quality_ideas_state", "state", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("service_requests.id"))
    source: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default="new")
    manager_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)


class QualityScore(Base):
    """Running sums of a group's ratings for one service, each weighted by
    ``domain.quality.growth`` at the half-life it was summed with (rebuilt when it changes)."""

    __tablename__ = "quality_scores"

    group_id: Mapped[int] = mapped_column(ForeignKey("work_groups.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    weighted_sum: Mapped[float] = mapped_column(Float)
    weighted_count: Mapped[float] = mapped_column(Float)
    ratings: Mapped[int] = mapped_column(Integer)
    half_life_days: Mapped[int] = mapped_column(Integer)


class DoNotCall(Base):
    """A subscriber who asked not to be called for quality surveys."""

    __tablename__ = "quality_do_not_call"

    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"), primary_key=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    reason: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    by: Mapped[int] = mapped_column(ForeignKey("users.id"))
