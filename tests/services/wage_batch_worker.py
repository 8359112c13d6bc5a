"""One accountant's app instance: at an agreed moment, build a batch for the period and pay it."""

from __future__ import annotations

import sys
import time
import uuid

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.errors import Conflict, ValidationError
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.services.wages.batches import WageBatchService
from hendazh_desktop.services.wiring import wire


def main(url: str, actor_id: int, day_to: str, at: float) -> None:
    db = wire(Database(url))
    service = WageBatchService(db)
    actor = Actor(actor_id, "accountant", Role.ACCOUNTANT)
    time.sleep(max(0.0, at - time.time()))
    try:
        built = service.build(actor, "1400/01/01", day_to, operation_id=str(uuid.uuid4()))
        paid = service.pay(
            actor,
            built.batch.id,
            bank_ref=f"REF-{actor_id}",
            paid_on=day_to,
            expected_version=built.batch.version,
            operation_id=str(uuid.uuid4()),
        )
        print(f"paid {paid.batch.id} {paid.batch.total}")
    except (Conflict, ValidationError) as error:
        print(f"refused {error.code}")
    finally:
        db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]))
