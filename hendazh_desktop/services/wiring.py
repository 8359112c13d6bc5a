"""Which feature reacts to which domain event: the one place the office's handlers are listed.

Every composition root that makes a Database and runs services on it (the application, the
command line, the benches, the tests) calls ``wire(db)`` once; publishing on an unwired
database raises ``EventsNotWired`` instead of dropping the event.
"""

from __future__ import annotations

from typing import Any

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.events import Subscription


def office_handlers() -> list[Subscription[Any]]:
    """Every feature's subscriptions, in the order their handlers run for one event (imported
    here, when the first event is published, so a read-only command never loads them)."""
    from hendazh_desktop.services.billing.handlers import billing_handlers
    from hendazh_desktop.services.credit.handlers import credit_handlers
    from hendazh_desktop.services.wages.handlers import wage_handlers

    return [*billing_handlers(), *credit_handlers(), *wage_handlers()]


def wire(db: Database) -> Database:
    """Register the office's handlers on ``db`` (once); returns it for chaining."""
    db.events.wire_lazily(office_handlers)
    return db
