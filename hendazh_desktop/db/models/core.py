"""The ORM models of the office: users, settings, the catalogue, subscribers and requests."""

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from hendazh_desktop.db.base import Base, integer_check, money_column, sort_key_column, utcnow
from hendazh_desktop.domain.text import collation_key

# A done job still waiting for its money (no payable yet) is one of these; the wages' list
# reads them by this text, which the partial index's condition repeats word for word.
AWAITING_WAGE = "status IN ('done', 'invoiced') AND done_at IS NOT NULL AND group_id IS NOT NULL"

class User(Base):
    """A person who logs in to the application."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    sort_key: Mapped[str] = sort_key_column()
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    @validates("full_name")
    def _keep_sort_key(self, _key: str, value: str) -> str:
        self.sort_key = collation_key(value)
        return value


class Setting(Base):
    """One application setting (display currency, company details, …)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Zone(Base):
    """A district of the city that addresses and work groups belong to."""

    __tablename__ = "zones"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    sort_key: Mapped[str] = sort_key_column()

    @validates("name")
    def _keep_sort_key(self, _key: str, value: str) -> str:
        self.sort_key = collation_key(value)
        return value


class Service(Base):
    """One of the ten services, with its payment policy and money rules (rates in basis points)."""

    __tablename__ = "services"
    __table_args__ = (
        CheckConstraint("payment_policy IN ('prepaid', 'postpaid')", name="payment_policy"),
        CheckConstraint(
            "vat_rate_bp BETWEEN 0 AND 10000 AND commission_bp BETWEEN 0 AND 10000 "
            "AND referrer_share_bp BETWEEN 0 AND 10000 AND recipient_share_bp BETWEEN 0 AND 10000 "
            "AND referrer_share_bp + recipient_share_bp <= 10000 "
            "AND materials_prepayment_bp BETWEEN 0 AND 10000",
            name="rates",
        ),
        integer_check("services", "base_price"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    payment_policy: Mapped[str] = mapped_column(String(10))
    materials_prepayment_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    materials_prepayment_bp: Mapped[int] = mapped_column(Integer, default=5000)
    vat_exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    vat_rate_bp: Mapped[int] = mapped_column(Integer, default=1000)
    commission_bp: Mapped[int] = mapped_column(Integer, default=2000)
    referrer_share_bp: Mapped[int] = mapped_column(Integer, default=1000)
    recipient_share_bp: Mapped[int] = mapped_column(Integer, default=500)
    base_price: Mapped[int] = money_column()
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    tax_service_id: Mapped[str | None] = mapped_column(String(13))  # شناسه کالا/خدمت
    # The time from request to dispatch the service is held to (the operations report).
    dispatch_target_hours: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    sort_key: Mapped[str] = sort_key_column()

    @validates("name")
    def _keep_sort_key(self, _key: str, value: str) -> str:
        self.sort_key = collation_key(value)
        return value


class Subscriber(Base):
    """A customer of the company, known by a subscription code."""

    __tablename__ = "subscribers"
    __table_args__ = (
        Index("ix_subscribers_name_key", "name_key"),
        Index("ix_subscribers_sort_key", "sort_key", "id"),
        Index("ix_subscribers_created_at", "created_at", "referrer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    sort_key: Mapped[str] = sort_key_column()
    national_code: Mapped[str | None] = mapped_column(String(10), unique=True)
    referrer_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"), index=True)
    do_not_serve: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_serve_reason: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    @validates("name")
    def _keep_sort_key(self, _key: str, value: str) -> str:
        self.sort_key = collation_key(value)
        return value

    phones: Mapped[list["SubscriberPhone"]] = relationship(
        back_populates="subscriber",
        order_by="SubscriberPhone.position",
        cascade="all, delete-orphan",
    )
    addresses: Mapped[list["Address"]] = relationship(
        back_populates="subscriber", order_by="Address.id", cascade="all, delete-orphan"
    )


class SubscriberPhone(Base):
    """A phone number of a subscriber; a number belongs to one subscriber only."""

    __tablename__ = "subscriber_phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"), index=True)
    number: Mapped[str] = mapped_column(String(11), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(40), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    subscriber: Mapped["Subscriber"] = relationship(back_populates="phones")


class Address(Base):
    """A place where work is done, in one zone of the city."""

    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"), index=True)
    title: Mapped[str] = mapped_column(String(40), default="")
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"), index=True)
    text: Mapped[str] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    subscriber: Mapped["Subscriber"] = relationship(back_populates="addresses")


class ServiceRequest(Base):
    """One job in the work queue."""

    __tablename__ = "service_requests"
    __table_args__ = (
        Index("ix_service_requests_status_priority", "status", "priority", "created_at"),
        Index("ix_service_requests_board", "scheduled_date", "group_id"),
        # the month's requests by service read no row (the dashboard, the reports); the id
        # keeps the queue's «oldest» order (created_at, id) in index order (0023)
        Index("ix_service_requests_created_id_service", "created_at", "id", "service_id"),
        # the done jobs still waiting for their money (the wages' payables list)
        Index(
            "ix_service_requests_awaiting_wage",
            "id",
            "group_id",
            "service_id",
            sqlite_where=text(AWAITING_WAGE),
            postgresql_where=text(AWAITING_WAGE),
        ),
        CheckConstraint(
            "window_start IS NULL OR window_end IS NULL OR window_start < window_end",
            name="window_order",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    address_id: Mapped[int | None] = mapped_column(ForeignKey("addresses.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    preferred_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    window_start: Mapped[dt.time | None] = mapped_column(Time)
    window_end: Mapped[dt.time | None] = mapped_column(Time)
    priority: Mapped[int] = mapped_column(Integer, default=1)
    channel: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(24))
    # What a web form said about the sender, kept when no subscriber could be matched.
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(11), default="")
    contact_address: Mapped[str] = mapped_column(String(300), default="")
    external_ref: Mapped[str | None] = mapped_column(String(80), unique=True)
    # Dispatch: which group, on which day (and from what time) the job is planned.
    group_id: Mapped[int | None] = mapped_column(ForeignKey("work_groups.id"), index=True)
    scheduled_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    scheduled_start: Mapped[dt.time | None] = mapped_column(Time)
    dispatched_at: Mapped[dt.datetime | None] = mapped_column()
    done_at: Mapped[dt.datetime | None] = mapped_column()
    rework_of_id: Mapped[int | None] = mapped_column(ForeignKey("service_requests.id"))
    # Set by billing when the materials prepayment of the agreed price is paid.
    materials_prepaid_at: Mapped[dt.datetime | None] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    events: Mapped[list["RequestEvent"]] = relationship(
        back_populates="request", order_by="RequestEvent.id"
    )


class RequestEvent(Base):
    """One line of a request's history: a change of state, by whom, when and why."""

    __tablename__ = "request_events"
    # the states a request reached, read without its rows (the dashboard's funnel)
    __table_args__ = (Index("ix_request_events_request_status", "request_id", "to_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(String(500), default="")

    request: Mapped["ServiceRequest"] = relationship(back_populates="events")
