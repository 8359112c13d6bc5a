"""Models of the people who do the work: workers and teams, their skills, zones and leave."""

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from hendazh_desktop.db.base import Base, sort_key_column, utcnow
from hendazh_desktop.domain.text import collation_key


class WorkGroup(Base):
    """A worker or a team that is dispatched to jobs."""

    __tablename__ = "work_groups"
    __table_args__ = (
        CheckConstraint("kind IN ('person', 'team')", name="kind"),
        CheckConstraint("daily_capacity BETWEEN 1 AND 20", name="daily_capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_key: Mapped[str] = mapped_column(String(100), index=True)
    sort_key: Mapped[str] = sort_key_column()
    kind: Mapped[str] = mapped_column(String(10))
    phone: Mapped[str] = mapped_column(String(11))
    iban: Mapped[str | None] = mapped_column(String(26))
    daily_capacity: Mapped[int] = mapped_column(Integer, default=4)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    @validates("name")
    def _keep_sort_key(self, _key: str, value: str) -> str:
        self.sort_key = collation_key(value)
        return value

    members: Mapped[list["GroupMember"]] = relationship(
        order_by="GroupMember.position", cascade="all, delete-orphan"
    )
    skills: Mapped[list["GroupSkill"]] = relationship(cascade="all, delete-orphan")
    zones: Mapped[list["GroupZone"]] = relationship(cascade="all, delete-orphan")
    leave: Mapped[list["GroupLeave"]] = relationship(
        order_by="GroupLeave.day", cascade="all, delete-orphan"
    )


class GroupMember(Base):
    """A person in a team (a single worker's group has that one person)."""

    __tablename__ = "group_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("work_groups.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(11), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class GroupSkill(Base):
    """A service the group can do, at a level from 1 (new) to 5 (master)."""

    __tablename__ = "group_skills"
    __table_args__ = (
        UniqueConstraint("group_id", "service_id", name="uq_group_skills_group_service"),
        CheckConstraint("level BETWEEN 1 AND 5", name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("work_groups.id"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    level: Mapped[int] = mapped_column(Integer)


class GroupZone(Base):
    """A zone of the city the group covers."""

    __tablename__ = "group_zones"
    __table_args__ = (UniqueConstraint("group_id", "zone_id", name="uq_group_zones_group_zone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("work_groups.id"), index=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"), index=True)


class GroupLeave(Base):
    """A day the group does not work."""

    __tablename__ = "group_leave"
    __table_args__ = (UniqueConstraint("group_id", "day", name="uq_group_leave_group_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("work_groups.id"), index=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
