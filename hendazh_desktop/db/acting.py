"""Every write re-checks, in its own transaction, the account it acts for: a user deactivated,
or given another role, after signing in has a window whose actor is stale, and the services'
permission checks (made with that actor) would otherwise let them go on working.

The audit trail names the acting account of every write; ``AuditRepository.append`` notes it
(and the role the service checked permissions with) and this check runs before the commit.
Accounts that never sign in (no password: the command line, scripts) are not re-checked.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from hendazh_desktop.db.errors import AccountChanged
from hendazh_desktop.db.models.core import User

ACTING = "acting_accounts"


def note_acting(session: Session, user_id: int | None, role: str | None) -> None:
    if user_id is not None:
        session.info.setdefault(ACTING, {})[user_id] = role


@event.listens_for(Session, "before_commit")
def _recheck(session: Session) -> None:
    acting: dict[int, str | None] = session.info.pop(ACTING, {})
    for user_id, role in acting.items():
        row: Any = session.execute(
            select(User.active, User.role, User.password_hash).where(User.id == user_id)
        ).first()
        if row is None or row.password_hash is None:
            continue
        if not row.active:
            raise AccountChanged("account_inactive")
        if role is not None and row.role != role:
            raise AccountChanged("role_changed", role=row.role)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(ACTING, None)
