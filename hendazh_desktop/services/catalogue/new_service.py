"""A new service row with its first VAT entry and split rule (from the start of time)."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.models.billing import VatRate
from hendazh_desktop.db.models.core import Service
from hendazh_desktop.db.models.credit import SplitRuleRow
from hendazh_desktop.domain.catalogue import (
    DEFAULT_COMMISSION_BP,
    DEFAULT_MATERIALS_PREPAYMENT_BP,
    DEFAULT_RECIPIENT_SHARE_BP,
    DEFAULT_REFERRER_SHARE_BP,
    DEFAULT_VAT_BP,
)
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.vat import SINCE_EVER


def _next_code(taken: set[str]) -> str:
    number = 1
    while f"S{number:02d}" in taken:
        number += 1
    return f"S{number:02d}"


def add_service(
    uow: UnitOfWork, actor: Actor, now: dt.datetime, name: str, policy: str, price: int
) -> Service:
    """Insert the service last in the list, with the default rates in force from its start."""
    existing = uow.catalogue.services()
    service = Service(
        code=_next_code({s.code for s in existing}),
        name=name,
        payment_policy=policy,
        materials_prepayment_allowed=False,
        materials_prepayment_bp=DEFAULT_MATERIALS_PREPAYMENT_BP,
        vat_exempt=False,
        vat_rate_bp=DEFAULT_VAT_BP,
        commission_bp=DEFAULT_COMMISSION_BP,
        referrer_share_bp=DEFAULT_REFERRER_SHARE_BP,
        recipient_share_bp=DEFAULT_RECIPIENT_SHARE_BP,
        base_price=price,
        active=True,
        sort_order=max((s.sort_order for s in existing), default=0) + 1,
        version=1,
    )
    uow.catalogue.add(service)
    uow.flush()
    uow.billing.add(
        VatRate(
            service_id=service.id,
            effective_from=SINCE_EVER,
            vat_bp=DEFAULT_VAT_BP,
            exempt=False,
            created_by=actor.user_id,
            created_at=now,
        )
    )
    uow.credit.add(
        SplitRuleRow(
            service_id=service.id,
            effective_from=SINCE_EVER,
            commission_bp=DEFAULT_COMMISSION_BP,
            referrer_share_bp=DEFAULT_REFERRER_SHARE_BP,
            recipient_share_bp=DEFAULT_RECIPIENT_SHARE_BP,
            created_by=actor.user_id,
            created_at=now,
        )
    )
    return service
