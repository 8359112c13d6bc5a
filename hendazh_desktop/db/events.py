"""The event dispatcher a Database hands to its units of work: it knows handlers, not services.

The composition root wires it once (``services.wiring.wire``) with the handlers of every
feature; a unit of work's ``publish`` then runs the event's handlers in registration order,
inside its own transaction. Publishing before the dispatcher was wired is a programming error
and raises ``EventsNotWired``: an unwired database would otherwise drop events silently.
Once wired it is read-only, so the units of work of several threads share it safely.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from hendazh_desktop.db.database import UnitOfWork
    from hendazh_desktop.domain.events import DomainEvent

E = TypeVar("E", bound="DomainEvent")


class EventsNotWired(RuntimeError):
    """An event was published on a database whose dispatcher nobody wired."""


class EventsAlreadyWired(RuntimeError):
    """A dispatcher was wired twice (every handler would run twice)."""


@dataclass(frozen=True, slots=True)
class Subscription(Generic[E]):
    """One handler for one kind of event (exactly that class, not its subclasses)."""

    kind: type[E]
    handler: Callable[[UnitOfWork, E], None]


def on(kind: type[E], handler: Callable[[UnitOfWork, E], None]) -> Subscription[E]:
    """``on(JobDone, handle)``: a subscription whose handler type-checks against the event."""
    return Subscription(kind, handler)


class EventDispatcher:
    """Event kind -> handlers, fixed once at start-up."""

    def __init__(self) -> None:
        self._handlers: dict[type[DomainEvent], list[Callable[[UnitOfWork, Any], None]]] = {}
        self._wired = False
        self._pending: Callable[[], Iterable[Subscription[Any]]] | None = None
        self._lock = threading.Lock()

    @property
    def wired(self) -> bool:
        return self._wired

    def wire(self, subscriptions: Iterable[Subscription[Any]]) -> None:
        """Register every handler (in this order) and open the dispatcher for publishing."""
        self.wire_lazily(lambda: subscriptions)
        self._resolve()

    def wire_lazily(self, subscriptions: Callable[[], Iterable[Subscription[Any]]]) -> None:
        """Open the dispatcher now; ask for the subscriptions when the first event is published.
        A command that only reads (printing an invoice) never imports the handlers' features."""
        if self._wired:
            raise EventsAlreadyWired("the event dispatcher is wired already")
        self._pending = subscriptions
        self._wired = True

    def ready(self) -> None:
        """Import the handlers now if they are still pending: a write may publish, and
        importing them under its write lock would keep other PCs waiting that long."""
        self._resolve()

    def _resolve(self) -> dict[type[DomainEvent], list[Callable[[UnitOfWork, Any], None]]]:
        if self._pending is not None:
            with self._lock:  # units of work on several threads may publish first at once
                if self._pending is not None:
                    handlers: dict[type[DomainEvent], list[Callable[[UnitOfWork, Any], None]]]
                    handlers = {}
                    for sub in self._pending():
                        handlers.setdefault(sub.kind, []).append(sub.handler)
                    self._handlers = handlers
                    self._pending = None
        return self._handlers

    def handlers(self, kind: type[DomainEvent]) -> tuple[Callable[[UnitOfWork, Any], None], ...]:
        return tuple(self._resolve().get(kind, ()))

    def check_wired(self, event: DomainEvent) -> None:
        if not self._wired:
            raise EventsNotWired(
                f"{type(event).__name__} published on a database whose events are not wired: "
                "call services.wiring.wire(db) where the Database is made"
            )

    def dispatch(self, uow: UnitOfWork, event: DomainEvent) -> None:
        """Run the event's handlers in registration order, in the caller's transaction; any
        error propagates (and so rolls the whole unit of work back)."""
        self.check_wired(event)
        for handler in self._resolve().get(type(event), ()):
            handler(uow, event)
