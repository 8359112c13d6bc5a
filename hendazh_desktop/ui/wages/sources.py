"""Row sources of the wages view's lists: a count and pages from the services, each able to
give its rows in another order of the database (a header click)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.wages.queries import PayableFilter, WageQueries
from hendazh_desktop.services.wages.records import (
    BatchLineRecord,
    BatchRecord,
    PayableRow,
    ReimbursementRecord,
    WageItemRecord,
)

T = TypeVar("T")


class OrderedPages(Generic[T]):
    """A list's count and its pages in one order ("-key" descending; "" the list's own)."""

    def __init__(
        self,
        count: Callable[[], int],
        page: Callable[[int, int, str], Sequence[T]],
        order: str,
        *,
        default: str,
    ) -> None:
        self._count, self._page, self._default = count, page, default
        self.order = order or default

    def count(self) -> int:
        return self._count()

    def fetch(self, offset: int, limit: int) -> Sequence[T]:
        return self._page(offset, limit, self.order)

    def ordered(self, key: str, descending: bool) -> OrderedPages[T]:
        """The same rows by a column, in the database ("": the list's own order)."""
        order = ("-" if descending else "") + key if key else self._default
        return OrderedPages(self._count, self._page, order, default=self._default)


def payables(
    queries: WageQueries, actor: Actor, flt: PayableFilter, order: str = ""
) -> OrderedPages[PayableRow]:
    """The payables under one filter, newest job first."""
    return OrderedPages(
        lambda: queries.payable_count(actor, flt),
        lambda o, n, order: queries.payables(actor, flt, o, n, order),
        order,
        default="-request",
    )


def batches(queries: WageQueries, actor: Actor) -> OrderedPages[BatchRecord]:
    """Every payout batch, newest first."""
    return OrderedPages(
        lambda: queries.batch_count(actor),
        lambda o, n, order: queries.batch_page(actor, o, n, order),
        "",
        default="-number",
    )


def lines(queries: WageQueries, actor: Actor, batch_id: int) -> OrderedPages[BatchLineRecord]:
    """A batch's lines, as built."""
    return OrderedPages(
        lambda: queries.line_count(actor, batch_id),
        lambda o, n, order: queries.line_page(actor, batch_id, o, n, order),
        "",
        default="id",
    )


def advances(
    queries: WageQueries, actor: Actor, group_id: int | None
) -> OrderedPages[WageItemRecord]:
    """The advances of a group (or all), newest first."""
    return OrderedPages(
        lambda: queries.advance_count(actor, group_id),
        lambda o, n, order: queries.advance_page(actor, group_id, o, n, order),
        "",
        default="-number",
    )


def reimbursements(
    queries: WageQueries, actor: Actor, group_id: int | None
) -> OrderedPages[ReimbursementRecord]:
    """The reimbursements of a group (or all), newest first."""
    return OrderedPages(
        lambda: queries.reimbursement_count(actor, group_id),
        lambda o, n, order: queries.reimbursement_page(actor, group_id, o, n, order),
        "",
        default="-number",
    )
