"""One app instance of the lost-update test: read-modify-write the same values as another
process, through the services; prints what it did as JSON (errors counted, never hidden)."""

from __future__ import annotations

import json
import sys
import time

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.errors import Conflict
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.domain.subscriber_forms import PhoneDraft, SubscriberDraft
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire

COUNTER = "rmw_counter"


def increment_counter(db: Database) -> None:
    """Read a setting, add one, write it back: one write unit of work (BEGIN IMMEDIATE)."""
    with db.write() as uow:
        value = int(uow.catalogue.setting(COUNTER) or "0")
        uow.catalogue.set_setting(COUNTER, str(value + 1))
        uow.commit()


def increment_notes(subs: SubscriberService, actor: Actor, subscriber_id: int) -> int:
    """Read the card, add one to its notes, save with the version read; on "stale" the user
    reloads and tries again. Returns how many stale saves it took."""
    stale = 0
    while True:
        card = subs.card(actor, subscriber_id)
        draft = SubscriberDraft(
            name=card.name,
            phones=tuple(PhoneDraft(p.number, p.label) for p in card.phones),
            notes=str(int(card.notes or "0") + 1),
        )
        try:
            subs.update(actor, subscriber_id, draft, expected_version=card.version)
            return stale
        except Conflict as error:
            if error.code != "stale":
                raise
            stale += 1


def main(path: str, actor_id: int, subscriber_id: int, rounds: int, start_at: float) -> None:
    db = wire(Database(path))
    actor = Actor(actor_id, "worker", Role.MANAGER)
    subs = SubscriberService(db)
    counts = {"increments": 0, "updates": 0, "stale": 0}
    errors: list[str] = []
    time.sleep(max(0.0, start_at - time.time()))
    started = time.time()
    for _ in range(rounds):
        try:
            increment_counter(db)
            counts["increments"] += 1
        except Exception as error:  # e.g. "database is locked": the test asserts none
            errors.append(f"{type(error).__name__}: {error}"[:300])
        try:
            counts["stale"] += increment_notes(subs, actor, subscriber_id)
            counts["updates"] += 1
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}"[:300])
    finished = time.time()
    db.dispose()
    print(json.dumps({**counts, "errors": errors, "started": started, "finished": finished}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
