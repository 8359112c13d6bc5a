"""How money is shown (rial or toman): read before the first view, without the catalogue's
use cases and the mapped classes they load."""

from __future__ import annotations

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.repositories.setting_reads import stored_setting
from hendazh_desktop.domain.money import CurrencyUnit

CURRENCY_SETTING = "display_currency"


def display_currency(db: Database) -> CurrencyUnit:
    """The unit every signed-in user sees amounts in (rial unless set otherwise)."""
    with db.connect() as conn:
        value = stored_setting(conn, CURRENCY_SETTING)
    return CurrencyUnit(value) if value in {u.value for u in CurrencyUnit} else CurrencyUnit.RIAL
