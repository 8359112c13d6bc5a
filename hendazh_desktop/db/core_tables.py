"""Light Core stand-ins for the tables that printing and opening read: names and types only.

A command-line chore that prints one invoice reads a dozen columns; importing the mapped
classes of every feature and configuring their mappers cost it about half a second, more
than the rest of the chore. These ``table()`` clauses carry no metadata, constraints or
relationships; each column has the same type class as its mapped column (so dates, UTC
datetimes and booleans come back as the ORM gives them), which a test checks against the
models' metadata.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Date, Integer, String, Text, column, table

from hendazh_desktop.db.types import UTCDateTime

users = table(
    "users",
    column("id", Integer),
    column("username", String),
)
settings = table(
    "settings",
    column("key", String),
    column("value", Text),
)
services = table("services", column("id", Integer))
zones = table(
    "zones",
    column("id", Integer),
    column("name", String),
)
subscribers = table(
    "subscribers",
    column("id", Integer),
    column("code", String),
    column("name", String),
    column("national_code", String),
)
subscriber_phones = table(
    "subscriber_phones",
    column("id", Integer),
    column("subscriber_id", Integer),
    column("number", String),
    column("position", Integer),
)
addresses = table(
    "addresses",
    column("id", Integer),
    column("subscriber_id", Integer),
    column("zone_id", Integer),
    column("text", String),
    column("postal_code", String),
    column("active", Boolean),
)
service_requests = table(
    "service_requests",
    column("id", Integer),
    column("address_id", Integer),
)
invoices = table(
    "invoices",
    column("id", Integer),
    column("kind", String),
    column("series", String),
    column("fiscal_year", Integer),
    column("number", Integer),
    column("subscriber_id", Integer),
    column("request_id", Integer),
    column("credits_invoice_id", Integer),
    column("terms", String),
    column("due_on", Date),
    column("notes", String),
    column("gross", Integer),
    column("discount", Integer),
    column("net", Integer),
    column("vat", Integer),
    column("total", Integer),
    column("issued_at", UTCDateTime),
    column("issued_on", Date),
    column("tax_number", String),
)
invoice_lines = table(
    "invoice_lines",
    column("id", Integer),
    column("invoice_id", Integer),
    column("position", Integer),
    column("code", String),
    column("description", String),
    column("quantity", Integer),
    column("unit", String),
    column("unit_price", Integer),
    column("gross", Integer),
    column("discount", Integer),
    column("net", Integer),
    column("vat_bp", Integer),
    column("vat_exempt", Boolean),
    column("vat", Integer),
    column("total", Integer),
)
invoice_balances = table(
    "invoice_balances",
    column("invoice_id", Integer),
    column("balance", Integer),
)
payments = table(
    "payments",
    column("id", Integer),
    column("series", String),
    column("fiscal_year", Integer),
    column("number", Integer),
    column("method", String),
    column("cheque_number", String),
)
cheque_events = table(
    "cheque_events",
    column("payment_id", Integer),
    column("kind", String),
    column("at", UTCDateTime),
)
allocations = table(
    "allocations",
    column("id", Integer),
    column("payment_id", Integer),
    column("credit_note_id", Integer),
    column("invoice_id", Integer),
    column("amount", Integer),
    column("reverses_id", Integer),
    column("at", UTCDateTime),
)

TABLES = (
    users,
    settings,
    services,
    zones,
    subscribers,
    subscriber_phones,
    addresses,
    service_requests,
    invoices,
    invoice_lines,
    invoice_balances,
    payments,
    cheque_events,
    allocations,
)
