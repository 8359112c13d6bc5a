"""One dispatcher's app instance: at an agreed moment, assign a request to a group."""

from __future__ import annotations

import datetime as dt
import sys
import time

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.errors import Conflict
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.services.dispatch.assignment import DispatchService
from hendazh_desktop.services.wiring import wire


def main(db_path: str, actor_id: int, request_id: int, group_id: int, at: float) -> None:
    db = wire(Database(db_path))
    service = DispatchService(db)
    actor = Actor(actor_id, "dispatcher", Role.DISPATCHER)
    service.board(actor, dt.date(2025, 12, 1))  # the board both dispatchers were looking at
    time.sleep(max(0.0, at - time.time()))
    try:
        service.assign(actor, request_id, group_id, dt.date(2025, 12, 1), expected_version=1)
        print("assigned")
    except Conflict as error:
        print(f"conflict {error.code}")
    finally:
        db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
