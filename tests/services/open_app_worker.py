"""An "open app" for the restore test: holds the database open as the app does (a pooled
connection after a first read), and saves when told to on standard input."""

from __future__ import annotations

import sys

from hendazh_desktop.db.database import Database
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.wiring import wire


def main(path: str) -> None:
    db = wire(Database(path))
    users = UserService(db)
    users.needs_first_admin()  # a first read: the connection stays open in the pool
    print("open", flush=True)
    for line in sys.stdin:
        if line.strip() == "save":
            users.add_user(
                users.system_actor(), "after-restore", "پس از بازگردانی", "consultant", "pw-long-1"
            )
            print("saved", flush=True)
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
