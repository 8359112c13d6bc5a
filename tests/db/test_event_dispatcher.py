"""The event dispatcher a Database hands its units of work: order, queueing, loud failures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.events import EventsAlreadyWired, EventsNotWired, on
from hendazh_desktop.domain.events import DomainEvent
from hendazh_desktop.domain.permissions import Actor, Role

ACTOR = Actor(1, "tester", Role.MANAGER)
AT = dt.datetime(2025, 11, 25, 7, 0, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rang(DomainEvent):
    """A test event."""

    n: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Echoed(DomainEvent):
    """A test event a handler publishes."""

    n: int


def rang(n: int) -> Rang:
    return Rang(actor=ACTOR, at=AT, n=n)


@pytest.fixture
def bare(tmp_path) -> Database:
    """An unmigrated database: publishing touches no table."""
    database = Database(str(tmp_path / "events.db"))
    yield database
    database.dispose()


def test_handlers_run_in_registration_order(bare):
    seen: list[str] = []
    bare.events.wire(
        [
            on(Rang, lambda uow, e: seen.append(f"first {e.n}")),
            on(Echoed, lambda uow, e: seen.append("never")),
            on(Rang, lambda uow, e: seen.append(f"second {e.n}")),
            on(Rang, lambda uow, e: seen.append(f"third {e.n}")),
        ]
    )
    with bare.write() as uow:
        uow.publish(rang(1))
        uow.publish(rang(2))
    assert seen == ["first 1", "second 1", "third 1", "first 2", "second 2", "third 2"]


def test_handlers_get_the_publishing_unit_of_work(bare):
    got: list[UnitOfWork] = []
    bare.events.wire([on(Rang, lambda uow, e: got.append(uow))])
    with bare.write() as uow:
        uow.publish(rang(1))
    assert got == [uow]


def test_an_event_published_by_a_handler_waits_for_the_current_event(bare):
    """Every handler sees a transaction's events in the order they happened."""
    seen: list[str] = []

    def echo(uow: UnitOfWork, event: Rang) -> None:
        seen.append(f"echo {event.n}")
        uow.publish(Echoed(actor=event.actor, at=event.at, n=event.n))
        seen.append(f"echo {event.n} returned")

    bare.events.wire(
        [
            on(Rang, echo),
            on(Rang, lambda uow, e: seen.append(f"log rang {e.n}")),
            on(Echoed, lambda uow, e: seen.append(f"log echoed {e.n}")),
        ]
    )
    with bare.write() as uow:
        uow.publish(rang(7))
        seen.append("published")
    assert seen == ["echo 7", "echo 7 returned", "log rang 7", "log echoed 7", "published"]


def test_a_failing_handler_stops_the_rest_and_reaches_the_publisher(bare):
    seen: list[str] = []

    def fail(uow: UnitOfWork, event: Rang) -> None:
        raise LookupError("handler failed")

    bare.events.wire([on(Rang, fail), on(Rang, lambda uow, e: seen.append("after"))])
    with bare.write() as uow, pytest.raises(LookupError):
        uow.publish(rang(1))
    assert seen == []


def test_publishing_on_an_unwired_database_fails_loudly(bare):
    with bare.write() as uow, pytest.raises(EventsNotWired, match="Rang"):
        uow.publish(rang(1))


def test_a_database_is_wired_once(bare):
    bare.events.wire([])
    with pytest.raises(EventsAlreadyWired):
        bare.events.wire([])


def test_events_with_no_handler_are_fine_once_wired(bare):
    bare.events.wire([])
    with bare.write() as uow:
        uow.publish(rang(1))


def test_read_only_units_of_work_publish_nothing(bare):
    seen: list[int] = []
    bare.events.wire([on(Rang, lambda uow, e: seen.append(e.n))])
    with bare.read() as uow, pytest.raises(RuntimeError, match="read-only"):
        uow.publish(rang(1))
    assert seen == []


def test_events_are_frozen():
    event = rang(1)
    with pytest.raises(AttributeError):
        event.n = 2  # type: ignore[misc]


def test_lazy_wiring_asks_for_its_handlers_once_at_the_first_publish(bare):
    asked: list[int] = []
    seen: list[int] = []

    def subscriptions():
        asked.append(1)
        return [on(Rang, lambda uow, e: seen.append(e.n))]

    bare.events.wire_lazily(subscriptions)
    assert bare.events.wired and asked == []
    with bare.read() as uow:
        pass
    assert asked == []  # reading never loads the handlers
    with bare.write() as uow:
        assert asked == [1]  # loaded before the write lock is taken, not under it
        uow.publish(rang(1))
        uow.publish(rang(2))
        uow.commit()
    assert asked == [1] and seen == [1, 2]
    with pytest.raises(EventsAlreadyWired):
        bare.events.wire_lazily(subscriptions)
