"""Row sources over the services, for the lazy table models."""

from __future__ import annotations

from collections.abc import Sequence

from hendazh_desktop.services.requests.queue import QueueFilter
from hendazh_desktop.services.requests.records import RequestRow
from hendazh_desktop.services.subscribers.records import SubscriberRow
from hendazh_desktop.ui.context import UiContext


class AllSubscribers:
    """Every subscriber in registration order (or by code or name), a page at a time."""

    def __init__(self, context: UiContext, order: str = "", descending: bool = False) -> None:
        self._ctx = context
        self._order, self._descending = order, descending

    def count(self) -> int:
        return self._ctx.search.count(self._ctx.actor)

    def fetch(self, offset: int, limit: int) -> Sequence[SubscriberRow]:
        return self._ctx.search.page(
            self._ctx.actor, offset, limit, order=self._order, descending=self._descending
        )

    def ordered(self, key: str, descending: bool) -> AllSubscribers:
        return AllSubscribers(self._ctx, key, descending)


class QueueRequests:
    """The requests matching the queue view's filter, a page at a time."""

    def __init__(self, context: UiContext, flt: QueueFilter) -> None:
        self._ctx = context
        self.filter = flt

    def count(self) -> int:
        return self._ctx.queue.count(self._ctx.actor, self.filter)

    def fetch(self, offset: int, limit: int) -> Sequence[RequestRow]:
        return self._ctx.queue.page(self._ctx.actor, self.filter, offset, limit)

