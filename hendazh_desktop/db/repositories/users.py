"""User queries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hendazh_desktop.db.models.core import User


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

    def all(self) -> list[User]:
        return list(self.session.execute(select(User).order_by(User.id)).scalars())

    def any_login_user(self) -> bool:
        """True if some account has a password (the reserved command-line account has none)."""
        stmt = select(User.id).where(User.password_hash.is_not(None)).limit(1)
        return self.session.execute(stmt).first() is not None

    def names(self, user_ids: list[int]) -> dict[int, str]:
        rows = self.session.execute(select(User.id, User.full_name).where(User.id.in_(user_ids)))
        return {uid: name for uid, name in rows}
