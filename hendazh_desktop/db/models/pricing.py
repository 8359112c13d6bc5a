"""Models of the on-site price (versioned, never edited) and the subscriber's answer to it."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hendazh_desktop.db.base import Base, integer_check, utcnow


class PriceVersion(Base):
    """One price the group presented; a changed price is a new version."""

    __tablename__ = "price_versions"
    __table_args__ = (
        UniqueConstraint("request_id", "version", name="uq_price_versions_request_version"),
        integer_check("price_versions", "labour_total"),
        integer_check("price_versions", "materials_total"),
        CheckConstraint("total = labour_total + materials_total", name="total_adds_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    labour_total: Mapped[int] = mapped_column(Integer)
    materials_total: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))

    lines: Mapped[list["PriceLineRow"]] = relationship(
        order_by="PriceLineRow.position", cascade="all, delete-orphan"
    )


class PriceLineRow(Base):
    """A line of labour or materials: quantity × unit price, in rials."""

    __tablename__ = "price_lines"
    __table_args__ = (
        CheckConstraint("kind IN ('labour', 'material')", name="kind"),
        CheckConstraint("quantity >= 1", name="quantity_positive"),
        integer_check("price_lines", "unit_price"),
        CheckConstraint("line_total = quantity * unit_price", name="line_total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    price_id: Mapped[int] = mapped_column(ForeignKey("price_versions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    line_total: Mapped[int] = mapped_column(Integer)


class Agreement(Base):
    """The subscriber's yes or no to one price version: who, how, when."""

    __tablename__ = "agreements"
    __table_args__ = (
        CheckConstraint("decision IN ('agreed', 'declined')", name="decision"),
        CheckConstraint("method IN ('in_person', 'phone', 'sms')", name="method"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    price_id: Mapped[int] = mapped_column(ForeignKey("price_versions.id"), index=True)
    decision: Mapped[str] = mapped_column(String(10))
    method: Mapped[str] = mapped_column(String(10))
    person: Mapped[str] = mapped_column(String(100))
    sms_code: Mapped[str | None] = mapped_column(String(6))
    reason: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
