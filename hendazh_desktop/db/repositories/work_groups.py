"""Work group queries: the searchable list and whole records."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hendazh_desktop.db.models.dispatch import WorkGroup


class WorkGroupRepository:
    """Reads and writes of workers and work groups."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def listing(self, name_key: str = "", *, include_inactive: bool = True) -> list[WorkGroup]:
        stmt = (
            select(WorkGroup)
            .options(
                selectinload(WorkGroup.skills),
                selectinload(WorkGroup.zones),
                selectinload(WorkGroup.members),
            )
            .order_by(WorkGroup.active.desc(), WorkGroup.name_key)
        )
        if name_key:
            escaped = name_key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(WorkGroup.name_key.like(f"%{escaped}%", escape="\\"))
        if not include_inactive:
            stmt = stmt.where(WorkGroup.active.is_(True))
        return list(self.session.execute(stmt).scalars())

    def get(self, group_id: int) -> WorkGroup | None:
        stmt = (
            select(WorkGroup)
            .where(WorkGroup.id == group_id)
            .options(
                selectinload(WorkGroup.skills),
                selectinload(WorkGroup.zones),
                selectinload(WorkGroup.members),
                selectinload(WorkGroup.leave),
            )
        )
        return self.session.execute(stmt).scalar_one_or_none()

    def with_roster(self, group_id: int) -> WorkGroup | None:
        """The group with its members only (what paying its wages needs)."""
        stmt = (
            select(WorkGroup)
            .where(WorkGroup.id == group_id)
            .options(selectinload(WorkGroup.members))
        )
        return self.session.execute(stmt).scalar_one_or_none()

    def by_name(self, name: str) -> WorkGroup | None:
        stmt = select(WorkGroup).where(WorkGroup.name == name)
        return self.session.execute(stmt).scalar_one_or_none()

    def add(self, group: WorkGroup) -> WorkGroup:
        self.session.add(group)
        self.session.flush()
        return group
