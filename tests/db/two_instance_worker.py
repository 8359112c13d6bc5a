"""One "app instance" for the two-instance test: conflicting read-modify-write use cases on a
shared database for a fixed time; prints what it achieved as JSON."""

from __future__ import annotations

import json
import sys
import time

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.errors import Conflict
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire

COUNTER = "invoice_footer"  # a setting used as a shared counter


def main(db_path: str, actor_id: int, subscriber_id: int, seconds: float, tag: str) -> None:
    db = wire(Database(db_path))
    actor = Actor(actor_id, tag, Role.MANAGER)
    subscribers = SubscriberService(db)
    intake = IntakeService(db)
    done = {"edits": 0, "stale": 0, "requests": 0, "increments": 0, "errors": []}
    deadline = time.monotonic() + seconds
    step = 0
    while time.monotonic() < deadline:
        step += 1
        try:
            if step % 3 == 0:
                card = subscribers.card(actor, subscriber_id)
                notes = f"{tag}-{step}"
                draft = SubscriberDraft(
                    name=card.name,
                    phones=tuple(PhoneDraft(p.number) for p in card.phones),
                    addresses=tuple(
                        AddressDraft(a.text, a.zone_id, id=a.id) for a in card.addresses
                    ),
                    notes=notes,
                )
                try:
                    subscribers.update(actor, subscriber_id, draft, expected_version=card.version)
                    done["edits"] += 1
                except Conflict:
                    done["stale"] += 1  # someone else saved first: the user reloads
            elif step % 3 == 1:
                card = subscribers.card(actor, subscriber_id)
                intake.create_request(
                    actor, RequestDraft(subscriber_id, 1, card.addresses[0].id, description=tag)
                )
                done["requests"] += 1
            else:
                with db.write() as uow:  # a read-modify-write of one shared value
                    value = int(uow.catalogue.setting(COUNTER) or "0")
                    uow.catalogue.set_setting(COUNTER, str(value + 1))
                    uow.commit()
                done["increments"] += 1
        except Exception as error:  # counted, not hidden: the test asserts there are none
            done["errors"].append(f"{type(error).__name__}: {error}"[:200])
    db.dispose()
    print(json.dumps(done))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5])
