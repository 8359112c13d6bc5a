"""Core reads for what needs no mapped class: the checks made at open, the command-line
account, and everything an invoice or credit note prints (over ``db.core_tables``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from hendazh_desktop.db.core_tables import (
    addresses,
    allocations,
    cheque_events,
    invoice_balances,
    invoice_lines,
    invoices,
    payments,
    service_requests,
    services,
    settings,
    subscriber_phones,
    subscribers,
    users,
    zones,
)

if TYPE_CHECKING:
    from hendazh_desktop.db.database import Database

AnyRow = Any  # a Core row: its columns read as attributes


def user_id(conn: Connection, username: str) -> int | None:
    return conn.execute(select(users.c.id).where(users.c.username == username)).scalar()


def is_seeded(conn: Connection) -> bool:
    """Whether the catalogue has its services and zones (one cheap query each)."""
    return (
        conn.execute(select(services.c.id).limit(1)).first() is not None
        and conn.execute(select(zones.c.id).limit(1)).first() is not None
    )


def all_settings(conn: Connection) -> dict[str, str]:
    """Every stored setting in one query."""
    return {key: value for key, value in conn.execute(select(settings.c.key, settings.c.value))}


def invoice_id_by_number(conn: Connection, series: str, year: int, number: int) -> int | None:
    stmt = select(invoices.c.id).where(
        invoices.c.series == series, invoices.c.fiscal_year == year, invoices.c.number == number
    )
    return conn.execute(stmt).scalar()


@dataclass(frozen=True, slots=True)
class Buyer:
    """The subscriber an invoice is made out to, with the address and phone it prints."""

    subscriber: AnyRow
    phone: str
    address: AnyRow | None  # text, postal_code, zone_name (None when the zone is gone)


@dataclass(frozen=True, slots=True)
class InvoiceRows:
    """An invoice's printable rows: the invoice (with its balance), lines in order, what
    settled it (each allocation with its receipt, cheque event or credit note), the invoice
    it credits and the credit note that credits it, the buyer, and the office's settings."""

    settings: dict[str, str]
    invoice: AnyRow
    lines: list[AnyRow]
    settlements: list[AnyRow]
    credits: AnyRow | None
    credited_by: AnyRow | None
    buyer: Buyer


def _number_of(conn: Connection, invoice_id: int) -> AnyRow | None:
    stmt = select(invoices.c.series, invoices.c.fiscal_year, invoices.c.number).where(
        invoices.c.id == invoice_id
    )
    return conn.execute(stmt).first()


def _settlements(conn: Connection, invoice_id: int) -> list[AnyRow]:
    note = invoices.alias("note")
    stmt = (
        select(
            allocations.c.at,
            allocations.c.amount,
            allocations.c.payment_id,
            allocations.c.reverses_id,
            payments.c.series,
            payments.c.fiscal_year,
            payments.c.number,
            payments.c.method,
            payments.c.cheque_number,
            cheque_events.c.kind.label("event_kind"),
            cheque_events.c.at.label("event_at"),
            note.c.series.label("note_series"),
            note.c.fiscal_year.label("note_year"),
            note.c.number.label("note_number"),
        )
        .select_from(allocations)
        .outerjoin(payments, payments.c.id == allocations.c.payment_id)
        .outerjoin(cheque_events, cheque_events.c.payment_id == payments.c.id)
        .outerjoin(note, note.c.id == allocations.c.credit_note_id)
        .where(allocations.c.invoice_id == invoice_id)
        .order_by(allocations.c.id)
    )
    return list(conn.execute(stmt))


def _buyer(conn: Connection, subscriber_id: int, request_id: int | None) -> Buyer:
    subscriber = conn.execute(
        select(subscribers.c.code, subscribers.c.name, subscribers.c.national_code).where(
            subscribers.c.id == subscriber_id
        )
    ).one()
    phone = conn.execute(
        select(subscriber_phones.c.number)
        .where(subscriber_phones.c.subscriber_id == subscriber_id)
        .order_by(subscriber_phones.c.position, subscriber_phones.c.id)
        .limit(1)
    ).scalar()
    where = select(addresses.c.text, addresses.c.postal_code, zones.c.name.label("zone_name"))
    where = where.select_from(addresses).outerjoin(zones, zones.c.id == addresses.c.zone_id)
    address = None
    if request_id is not None:  # the address the job was done at
        address = conn.execute(
            where.join(service_requests, service_requests.c.address_id == addresses.c.id).where(
                service_requests.c.id == request_id
            )
        ).first()
    if address is None:  # else the subscriber's first active address
        address = conn.execute(
            where.where(addresses.c.subscriber_id == subscriber_id, addresses.c.active.is_(True))
            .order_by(addresses.c.id)
            .limit(1)
        ).first()
    return Buyer(subscriber, phone or "", address)


def printable_invoice(
    db: Database, *, invoice_id: int | None = None, number: tuple[str, int, int] | None = None
) -> InvoiceRows | None:
    """What an invoice (by id, or by series, year and number) prints, read in one
    transaction; None when there is no such invoice."""
    with db.connect() as conn:
        if number is not None:
            invoice_id = invoice_id_by_number(conn, *number)
        if invoice_id is None:
            return None
        return invoice_rows(conn, invoice_id)


def invoice_rows(conn: Connection, invoice_id: int) -> InvoiceRows | None:
    """What an invoice prints, or None when there is no such invoice."""
    invoice = conn.execute(
        select(invoices, invoice_balances.c.balance)
        .select_from(invoices)
        .outerjoin(invoice_balances, invoice_balances.c.invoice_id == invoices.c.id)
        .where(invoices.c.id == invoice_id)
    ).first()
    if invoice is None:
        return None
    lines = conn.execute(
        select(invoice_lines)
        .where(invoice_lines.c.invoice_id == invoice_id)
        .order_by(invoice_lines.c.position, invoice_lines.c.id)
    )
    credited_by = conn.execute(
        select(invoices.c.series, invoices.c.fiscal_year, invoices.c.number)
        .where(invoices.c.credits_invoice_id == invoice_id)
        .limit(1)
    ).first()
    credits = invoice.credits_invoice_id
    return InvoiceRows(
        settings=all_settings(conn),
        invoice=invoice,
        lines=list(lines),
        settlements=_settlements(conn, invoice_id),
        credits=_number_of(conn, credits) if credits is not None else None,
        credited_by=credited_by,
        buyer=_buyer(conn, invoice.subscriber_id, invoice.request_id),
    )
