"""Column sets shared by several tables."""

from __future__ import annotations

from hendazh_desktop.services.subscribers.records import SubscriberRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.window_model import NUMERIC, Column

SUBSCRIBER_RESULT_COLUMNS: list[Column[SubscriberRow]] = [
    Column("کد اشتراک", lambda r: fmt.code(r.code), NUMERIC),
    Column("نام", lambda r: r.name),
    Column("تلفن", lambda r: fmt.phone(r.phone), NUMERIC),
    Column("منطقه", lambda r: r.zone),
]
