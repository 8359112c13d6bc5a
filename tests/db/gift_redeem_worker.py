"""One PC redeeming gifts on a shared database: from an agreed moment, one piece at a time
until the gift is gone. Prints what it placed and how it was refused, as JSON."""

from __future__ import annotations

import json
import sys
import time
import uuid

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.services.gifts.orders import GiftOrders
from hendazh_desktop.services.wiring import wire


def main(url: str, actor_id: int, subscriber_id: int, item_id: int, at: float) -> None:
    db = wire(Database(url))
    orders = GiftOrders(db)
    actor = Actor(actor_id, "pc", Role.CONSULTANT)
    placed: list[int] = []
    refused: list[str] = []
    time.sleep(max(0.0, at - time.time()))
    try:
        for _ in range(60):
            try:
                order = orders.place(
                    actor, subscriber_id, [(item_id, 1)], operation_id=str(uuid.uuid4())
                )
                placed.append(order.number)
            except DomainError as error:
                refused.append(error.code)
                if error.code == "gift_out_of_stock":
                    break
    finally:
        db.dispose()
    print(json.dumps({"placed": placed, "refused": refused}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
