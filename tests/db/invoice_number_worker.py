"""One PC issuing invoices and receipts on a shared database for a fixed time; a quarter of
its numbering transactions fail after taking a number. Prints what it committed as JSON."""

from __future__ import annotations

import json
import sys
import time
import uuid

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.billing import INVOICE_SERIES
from hendazh_desktop.domain.jalali import fiscal_year_of, today_local
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.wiring import wire


class Abandoned(Exception):
    """A transaction that took a number and then failed."""


def main(
    url: str,
    actor_id: int,
    subscriber_id: int,
    service_id: int,
    address_id: int,
    seconds: float,
    start_at: float,
) -> None:
    db = wire(Database(url))
    actor = Actor(actor_id, "pc", Role.MANAGER)
    intake, payments = IntakeService(db), PaymentService(db)
    done = {"invoices": 0, "receipts": 0, "abandoned": 0, "errors": []}
    # Both PCs start together, after their imports: a PC whose start a busy machine delayed
    # once found the other's whole run already under way and issued nothing in its window.
    time.sleep(max(0.0, start_at - time.time()))
    deadline = time.monotonic() + seconds
    step = 0
    while time.monotonic() < deadline:
        step += 1
        try:
            if step % 4 == 0:
                try:
                    with db.write() as uow:
                        uow.billing.next_number(INVOICE_SERIES, fiscal_year_of(today_local()))
                        raise Abandoned
                except Abandoned:
                    done["abandoned"] += 1
            elif step % 4 == 1:
                payments.record_payment(
                    actor, PaymentDraft(str(uuid.uuid4()), subscriber_id, "cash", "1000")
                )
                done["receipts"] += 1
            else:
                intake.create_request(actor, RequestDraft(subscriber_id, service_id, address_id))
                done["invoices"] += 1  # a prepaid service: its prepayment invoice is issued
        except Exception as exc:
            done["errors"].append(repr(exc))
    db.dispose()
    print(json.dumps(done))


if __name__ == "__main__":
    main(
        sys.argv[1],
        int(sys.argv[2]),
        int(sys.argv[3]),
        int(sys.argv[4]),
        int(sys.argv[5]),
        float(sys.argv[6]),
        float(sys.argv[7]),
    )
