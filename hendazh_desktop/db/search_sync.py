"""Keeps the SQLite FTS5 search tables in step with subscribers and phones, in the same
transaction as the change (ORM events; triggers cannot write FTS5 with trusted_schema=OFF)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection

from hendazh_desktop.db.models.core import Subscriber, SubscriberPhone


def _sqlite(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite"


@event.listens_for(Subscriber, "after_insert")
def _subscriber_inserted(_mapper: Any, connection: Connection, target: Subscriber) -> None:
    if _sqlite(connection):
        connection.exec_driver_sql(
            "INSERT INTO subscriber_fts(rowid, name_key) VALUES (?, ?)",
            (target.id, target.name_key),
        )


@event.listens_for(Subscriber, "after_update")
def _subscriber_updated(_mapper: Any, connection: Connection, target: Subscriber) -> None:
    if _sqlite(connection) and inspect(target).attrs.name_key.history.has_changes():
        connection.exec_driver_sql("DELETE FROM subscriber_fts WHERE rowid = ?", (target.id,))
        connection.exec_driver_sql(
            "INSERT INTO subscriber_fts(rowid, name_key) VALUES (?, ?)",
            (target.id, target.name_key),
        )


@event.listens_for(SubscriberPhone, "after_insert")
def _phone_inserted(_mapper: Any, connection: Connection, target: SubscriberPhone) -> None:
    if _sqlite(connection):
        connection.exec_driver_sql(
            "INSERT INTO phone_fts(rowid, number) VALUES (?, ?)", (target.id, target.number)
        )


@event.listens_for(SubscriberPhone, "after_update")
def _phone_updated(_mapper: Any, connection: Connection, target: SubscriberPhone) -> None:
    if _sqlite(connection) and inspect(target).attrs.number.history.has_changes():
        connection.exec_driver_sql("DELETE FROM phone_fts WHERE rowid = ?", (target.id,))
        connection.exec_driver_sql(
            "INSERT INTO phone_fts(rowid, number) VALUES (?, ?)", (target.id, target.number)
        )


@event.listens_for(SubscriberPhone, "after_delete")
def _phone_deleted(_mapper: Any, connection: Connection, target: SubscriberPhone) -> None:
    if _sqlite(connection):
        connection.exec_driver_sql("DELETE FROM phone_fts WHERE rowid = ?", (target.id,))


def rebuild(connection: Connection) -> None:
    """Refill both search tables from scratch (after a bulk load)."""
    if not _sqlite(connection):
        return
    connection.exec_driver_sql("DELETE FROM subscriber_fts")
    connection.exec_driver_sql(
        "INSERT INTO subscriber_fts(rowid, name_key) SELECT id, name_key FROM subscribers"
    )
    connection.exec_driver_sql("DELETE FROM phone_fts")
    connection.exec_driver_sql(
        "INSERT INTO phone_fts(rowid, number) SELECT id, number FROM subscriber_phones"
    )
