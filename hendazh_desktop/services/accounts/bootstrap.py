"""First-run set-up: the schema, the seeded catalogue and zones, and the acting office user."""

from __future__ import annotations

from pathlib import Path

from hendazh_desktop.db import migrate
from hendazh_desktop.db.database import Database
from hendazh_desktop.db.document_reads import is_seeded
from hendazh_desktop.domain.catalogue import (
    DEFAULT_COMMISSION_BP,
    DEFAULT_MATERIALS_PREPAYMENT_BP,
    DEFAULT_RECIPIENT_SHARE_BP,
    DEFAULT_REFERRER_SHARE_BP,
    DEFAULT_SERVICES,
    DEFAULT_VAT_BP,
    SHIRAZ_ZONES,
)
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.domain.vat import SINCE_EVER


def prepare_database(db: Database, *, backup_dir: Path | None) -> Path | None:
    """Migrate (after a backup of an existing file) and seed what a new office needs."""
    backup = migrate.upgrade(db, backup_dir=backup_dir)
    seed_catalogue(db)
    return backup


def seed_catalogue(db: Database) -> None:
    """The ten services and the city's zones, on first run only (later edits are kept)."""
    with db.connect() as conn:  # every later start: a Core read, no ORM, no write lock
        if is_seeded(conn):
            return
    from hendazh_desktop.db.models.billing import VatRate
    from hendazh_desktop.db.models.core import Service, Zone
    from hendazh_desktop.db.models.credit import SplitRuleRow

    with db.write() as uow:
        if not uow.catalogue.services():
            for order, s in enumerate(DEFAULT_SERVICES):
                uow.catalogue.add(
                    Service(
                        code=s.code,
                        name=s.name,
                        payment_policy=s.policy.value,
                        materials_prepayment_allowed=s.materials_prepayment,
                        materials_prepayment_bp=DEFAULT_MATERIALS_PREPAYMENT_BP,
                        vat_exempt=s.vat_exempt,
                        vat_rate_bp=0 if s.vat_exempt else DEFAULT_VAT_BP,
                        commission_bp=DEFAULT_COMMISSION_BP,
                        referrer_share_bp=DEFAULT_REFERRER_SHARE_BP,
                        recipient_share_bp=DEFAULT_RECIPIENT_SHARE_BP,
                        base_price=s.base_price,
                        active=True,
                        sort_order=order,
                        version=1,
                    )
                )
            uow.flush()
            for service in uow.catalogue.services():
                uow.billing.add(
                    VatRate(
                        service_id=service.id,
                        effective_from=SINCE_EVER,
                        vat_bp=service.vat_rate_bp,
                        exempt=service.vat_exempt,
                    )
                )
                uow.credit.add(
                    SplitRuleRow(
                        service_id=service.id,
                        effective_from=SINCE_EVER,
                        commission_bp=DEFAULT_COMMISSION_BP,
                        referrer_share_bp=DEFAULT_REFERRER_SHARE_BP,
                        recipient_share_bp=DEFAULT_RECIPIENT_SHARE_BP,
                    )
                )
        if not uow.catalogue.zones():
            for order, name in enumerate(SHIRAZ_ZONES):
                uow.catalogue.add(Zone(name=name, sort_order=order))
        uow.commit()


def office_actor(
    db: Database, username: str, *, full_name: str = "", role: Role = Role.MANAGER
) -> Actor:
    """An account without a password (it can never sign in), created on first use: what
    scripts, tests and benchmarks act as when they need a named user of a given role."""
    from hendazh_desktop.db.models.core import User

    name = clean_text(username, field="username", max_length=50, required=True)
    with db.write() as uow:
        user = uow.users.by_username(name)
        if user is None:
            user = uow.users.add(
                User(username=name, full_name=full_name or name, role=role.value, active=True)
            )
            uow.commit()
        return Actor(user.id, user.username, Role(user.role))
