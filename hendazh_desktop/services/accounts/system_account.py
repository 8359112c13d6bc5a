"""The reserved account command-line chores act as: made once, then found by one Core read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hendazh_desktop.db.document_reads import user_id
from hendazh_desktop.domain.permissions import Actor, Role

if TYPE_CHECKING:
    from hendazh_desktop.db.database import Database

SYSTEM_USERNAME = "system"


def system_actor(db: Database) -> Actor:
    """The command-line account (an admin that cannot sign in), without loading the ORM
    when it exists already (every chore but the first on a database)."""
    with db.connect() as conn:
        found = user_id(conn, SYSTEM_USERNAME)
    if found is not None:
        return Actor(found, SYSTEM_USERNAME, Role.ADMIN)
    from hendazh_desktop.services.accounts.users import UserService

    return UserService(db).system_actor()
