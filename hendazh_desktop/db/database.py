"""The Database handle and the unit of work: one transaction per use case."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from sqlalchemy import Connection, Engine, text

from hendazh_desktop.config import default_settings_dir
from hendazh_desktop.db.audit_key import AuditKeys
from hendazh_desktop.db.engine import WRITE_OPTION, database_url, make_engine, sqlite_path
from hendazh_desktop.db.errors import DatabaseBusy, is_lock_error, operation_ids_checked
from hendazh_desktop.db.events import EventDispatcher
from hendazh_desktop.db.lookups import KeyLookups

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from hendazh_desktop.db.repositories.split_posting import SplitPostingRepository
    from hendazh_desktop.domain.events import DomainEvent


def load_orm() -> None:
    """Map every table and register the session hooks: done when the first session is made,
    not when this module is imported, so a chore that reads with Core (printing an invoice)
    never pays for the ORM and the ~60 mapped classes of every feature."""
    from hendazh_desktop.db import (  # noqa: F401
        acting,  # re-checks the acting account before each commit
        models,  # maps every table
        money_seal,  # seals money rows in the audit chain
        search_sync,  # registers the FTS events
    )


class UnitOfWork:
    """A transaction with the repositories bound to it; commits only when told to. Events
    published in it run their handlers in the same transaction."""

    def __init__(
        self, factory: sessionmaker[Session], events: EventDispatcher, *, writes: bool
    ) -> None:
        self._factory = factory
        self._events = events
        self._writes = writes
        self._pending: deque[DomainEvent] = deque()
        self._dispatching = False

    def __enter__(self) -> Self:
        from hendazh_desktop.db.repositories.audit import AuditRepository
        from hendazh_desktop.db.repositories.billing import BillingRepository
        from hendazh_desktop.db.repositories.billing_lists import BillingListRepository
        from hendazh_desktop.db.repositories.catalogue import CatalogueRepository
        from hendazh_desktop.db.repositories.credit import CreditRepository
        from hendazh_desktop.db.repositories.dispatch import DispatchRepository
        from hendazh_desktop.db.repositories.gifts import GiftRepository
        from hendazh_desktop.db.repositories.pricing import PricingRepository
        from hendazh_desktop.db.repositories.quality import QualityRepository
        from hendazh_desktop.db.repositories.requests import RequestRepository
        from hendazh_desktop.db.repositories.subscribers import SubscriberRepository
        from hendazh_desktop.db.repositories.users import UserRepository
        from hendazh_desktop.db.repositories.wage_lists import WageListRepository
        from hendazh_desktop.db.repositories.wage_pages import WagePageRepository
        from hendazh_desktop.db.repositories.wages import WagesRepository
        from hendazh_desktop.db.repositories.work_groups import WorkGroupRepository

        self.session = self._factory()
        self.catalogue = CatalogueRepository(self.session)
        self.subscribers = SubscriberRepository(self.session)
        self.requests = RequestRepository(self.session)
        self.users = UserRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.work_groups = WorkGroupRepository(self.session)
        self.dispatch = DispatchRepository(self.session)
        self.pricing = PricingRepository(self.session)
        self.billing = BillingRepository(self.session)
        self.billing_lists = BillingListRepository(self.session)
        self.quality = QualityRepository(self.session)
        self.credit = CreditRepository(self.session)
        self.wages = WagesRepository(self.session)
        self.wage_lists = WageListRepository(self.session)
        self.wage_pages = WagePageRepository(self.session)
        self.gifts = GiftRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
        if exc is not None and is_lock_error(exc):
            # The busy timeout already retried for its whole length: say so in words.
            raise DatabaseBusy("database_busy") from exc

    @property
    def splits(self) -> SplitPostingRepository:
        """Core statements of posting a job's split (made on first use: only writes that
        complete a job need them)."""
        made: SplitPostingRepository | None = self.__dict__.get("_splits")
        if made is None or made.session is not self.session:
            from hendazh_desktop.db.repositories.split_posting import SplitPostingRepository

            made = self.__dict__["_splits"] = SplitPostingRepository(self.session)
        return made

    def commit(self) -> None:
        with operation_ids_checked():
            self.session.commit()

    def flush(self) -> None:
        with operation_ids_checked():
            self.session.flush()

    def publish(self, event: DomainEvent) -> None:
        """Run the event's handlers inside this transaction, before this call returns: what
        they write commits or rolls back with the use case that published it.

        An event a handler publishes waits until every handler of the current event has run,
        so each handler sees the events of a transaction in the order they happened."""
        if not self._writes:
            raise RuntimeError(f"{type(event).__name__} published in a read-only unit of work")
        self._events.check_wired(event)
        self._pending.append(event)
        if self._dispatching:
            return
        self._dispatching = True
        try:
            while self._pending:
                self._events.dispatch(self, self._pending.popleft())
        finally:
            self._dispatching = False
            self._pending.clear()


class Database:
    """Where the data lives: hands out read and write units of work, which share the event
    dispatcher the composition root wires (``services.wiring.wire``)."""

    def __init__(
        self,
        path_or_url: str,
        *,
        busy_timeout: float = 10.0,
        settings_dir: Path | None = None,
    ) -> None:
        self.url = database_url(path_or_url)
        self.engine: Engine = make_engine(self.url, busy_timeout=busy_timeout)
        self.path = sqlite_path(self.url)
        # The audit chain's key lives outside the database, in the settings folder.
        self.audit_keys = AuditKeys(settings_dir or default_settings_dir())
        self._factories: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None
        self.lookups = KeyLookups(self.engine)
        self.events = EventDispatcher()

    def session_info(self) -> dict[str, object]:
        """What every session of this database carries (the audit keys); a session is about
        to be made, so the tables are mapped and the session hooks registered first."""
        load_orm()
        return {"audit_keys": self.audit_keys}

    def _sessions(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        """The read and write session factories, made on first use."""
        if self._factories is None:
            from sqlalchemy.orm import sessionmaker

            read = sessionmaker(self.engine, expire_on_commit=False, info=self.session_info())
            write = sessionmaker(
                self.engine.execution_options(**{WRITE_OPTION: True}),
                expire_on_commit=False,
                info=self.session_info(),
            )
            self._factories = (read, write)
        return self._factories

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def read(self) -> UnitOfWork:
        """A unit of work that only reads (a plain BEGIN on SQLite)."""
        return UnitOfWork(self._sessions()[0], self.events, writes=False)

    def connect(self) -> Connection:
        """A Core connection that only reads (a plain BEGIN on SQLite), for the read paths
        that need no mapped class: use it as ``with db.connect() as conn``."""
        return self.engine.connect()

    def write(self) -> UnitOfWork:
        """A unit of work that writes: on SQLite it takes the write lock at BEGIN IMMEDIATE."""
        self.events.ready()  # the handlers it may publish to, loaded before the lock is taken
        return UnitOfWork(self._sessions()[1], self.events, writes=True)

    def checkpoint(self) -> None:
        """Fold the WAL back into the database file (at idle and on exit), after refreshing
        the planner's statistics of the queue (a bounded sample: about a tenth of a second),
        without which SQLite reads an "open" filter with the status index and sorts every
        request instead of walking the urgency index."""
        if self.is_sqlite:
            with self.engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
                conn.exec_driver_sql("PRAGMA analysis_limit=1000").close()  # returns a row
                conn.exec_driver_sql("ANALYZE service_requests")
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self.lookups.close()
        self.engine.dispose()

    def ping(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT 1")).scalar() == 1
