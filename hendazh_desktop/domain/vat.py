"""A service's VAT schedule: dated entries, each a rate or an exemption from a Jalali day on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.jalali import format_date
from hendazh_desktop.domain.money import format_percent

# The first entry of every service: in force since long before the first invoice.
SINCE_EVER = dt.date(2000, 1, 1)
EXEMPT_LABEL = "معاف"


@dataclass(frozen=True, slots=True)
class VatEntry:
    """From ``effective_from`` on, the service is taxed at ``vat_bp`` or is ``exempt``."""

    effective_from: dt.date
    vat_bp: int
    exempt: bool

    def __post_init__(self) -> None:
        if self.exempt and self.vat_bp != 0:
            raise ValueError("an exemption carries no rate")

    def same_term(self, other: VatEntry) -> bool:
        return (self.vat_bp, self.exempt) == (other.vat_bp, other.exempt)

    @property
    def label(self) -> str:
        """«معاف» or «۱۰٪»."""
        return EXEMPT_LABEL if self.exempt else format_percent(self.vat_bp)


def entry_on(schedule: Sequence[VatEntry], day: dt.date) -> VatEntry | None:
    """The entry in force on ``day``: the latest that started on or before it."""
    started = [e for e in schedule if e.effective_from <= day]
    return max(started, key=lambda e: e.effective_from, default=None)


def check_new_entry(schedule: Sequence[VatEntry], entry: VatEntry, today: dt.date) -> bool:
    """Whether ``entry`` changes the schedule (False: the same term is already in force that
    day). Refused: a day in the past (issued invoices keep their rate, so such an entry would
    only misstate history), a day that already has an entry, and a day before a later entry
    (the later one would silently override it)."""
    field = "vat_effective_from"
    if entry.effective_from < today:
        raise ValidationError(field, "vat_day_past", today=format_date(today))
    later = [e for e in schedule if e.effective_from > entry.effective_from]
    if later:
        first = min(later, key=lambda e: e.effective_from)
        raise ValidationError(
            field, "vat_later_entry", day=format_date(first.effective_from), term=first.label
        )
    current = entry_on(schedule, entry.effective_from)
    if current is not None and current.same_term(entry):
        return False
    if any(e.effective_from == entry.effective_from for e in schedule):
        raise ValidationError(field, "vat_day_taken")
    return True
