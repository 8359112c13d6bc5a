"""The event dispatcher a Database hands to its units of work: it knows handlers, not services.

The composition root wires it once (``services.wiring.wire``) with the handlers of every
feature; a unit of work's ``publish`` then runs the event's handlers in registration order,
inside its own transaction. Publishing before the dispatcher was wired is a programming error
and raises ``EventsNotWired``: an unwired database would otherwise drop events silently.
Once wired it is read-only, so the units of work of several threads share it safely.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from hendazh_desktop.domain.events import DomainEvent

if TYPE_CHECKING:
    from hendazh_desktop.db.database import UnitOfWork

E = TypeVar("E", bound=DomainEvent)


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

    @property
    def wired(self) -> bool:
        return self._wired

    def wire(self, subscriptions: Iterable[Subscription[Any]]) -> None:
        """Register every handler (in this order) and open the dispatcher for publishing."""
        if self._wired:
            raise EventsAlreadyWired("the event dispatcher is wired already")
        for sub in subscriptions:
            self._handlers.setdefault(sub.kind, []).append(sub.handler)
        self._wired = True

    def handlers(self, kind: type[DomainEvent]) -> tuple[Callable[[UnitOfWork, Any], None], ...]:
        return tuple(self._handlers.get(kind, ()))

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
        for handler in self._handlers.get(type(event), ()):
            handler(uow, event)
