"""User queries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hendazh_desktop.db.models import User


class UserRepository:
    """Reads and writes of application users."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_username(self, username: str) -> User | None:
        return self.session.execute(
            select(User).where(User.username == username)
        ).scalar_one_or_none()

    def get(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def add(self, user: User) -> User:
        self.session.add(user)
        self.session.flush()
        return user

    def names(self, user_ids: list[int]) -> dict[int, str]:
        rows = self.session.execute(select(User.id, User.full_name).where(User.id.in_(user_ids)))
        return {uid: name for uid, name in rows}
