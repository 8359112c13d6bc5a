"""What the taxpayers' system's JSON is made from: the invoices and credit notes issued on a range
of days, with their lines, their services' IDs, their buyers and the payments applied to them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hendazh_desktop.db.models.billing import Allocation, Invoice, Payment
from hendazh_desktop.db.models.core import Address, Service, Subscriber


def issued_between(session: Session, first: dt.date, last: dt.date) -> list[Invoice]:
    """The documents issued from ``first`` to ``last`` (local days), in issue order."""
    query = (
        select(Invoice)
        .where(Invoice.issued_on >= first, Invoice.issued_on <= last)
        .options(selectinload(Invoice.lines))
        .order_by(Invoice.issued_at, Invoice.id)
    )
    return list(session.scalars(query))


def tax_numbers(session: Session, ids: set[int]) -> dict[int, str | None]:
    """The tax numbers of these invoices (the originals that credit notes return)."""
    if not ids:
        return {}
    rows = session.execute(select(Invoice.id, Invoice.tax_number).where(Invoice.id.in_(ids)))
    return {i: n for i, n in rows}


def service_tax_ids(session: Session) -> dict[int, str | None]:
    return {i: t for i, t in session.execute(select(Service.id, Service.tax_service_id))}


def buyers(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    """Each subscriber's national code and the postal code of their first address with one."""
    if not ids:
        return {}
    found = {i: (code or "", "") for i, code in session.execute(
        select(Subscriber.id, Subscriber.national_code).where(Subscriber.id.in_(ids))
    )}  # fmt: skip
    postal = session.execute(
        select(Address.subscriber_id, Address.postal_code)
        .where(Address.subscriber_id.in_(ids), Address.postal_code.is_not(None))
        .order_by(Address.id)
    )
    for subscriber_id, code in postal:
        national, known = found[subscriber_id]
        if not known and code:
            found[subscriber_id] = (national, code)
    return found


def payments_applied(session: Session, ids: set[int]) -> dict[int, list[tuple[Payment, int]]]:
    """The payments applied to each invoice, with the amount each left on it (net of
    reversals: a bounced cheque applies nothing)."""
    if not ids:
        return {}
    rows = session.execute(
        select(Allocation.invoice_id, Allocation.payment_id, Allocation.amount)
        .where(Allocation.invoice_id.in_(ids), Allocation.payment_id.is_not(None))
        .order_by(Allocation.id)
    )
    net: dict[tuple[int, int], int] = defaultdict(int)
    for invoice_id, payment_id, amount in rows:
        if invoice_id is not None and payment_id is not None:
            net[(invoice_id, payment_id)] += amount
    payments = {
        p.id: p
        for p in session.scalars(
            select(Payment).where(Payment.id.in_({pid for _i, pid in net}))
        )
    }
    applied: dict[int, list[tuple[Payment, int]]] = defaultdict(list)
    for (invoice_id, payment_id), amount in net.items():
        if amount > 0:
            applied[invoice_id].append((payments[payment_id], amount))
    return applied
