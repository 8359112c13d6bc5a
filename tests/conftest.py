"""Shared service/db fixtures: a migrated temporary SQLite database, actors of each role, a
fixed clock, the seeded catalogue and a way to register subscribers."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, make_url

from hendazh_desktop.db.database import Database
from hendazh_desktop.demo.billing import fill_company
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.catalogue.records import ServiceInfo
from hendazh_desktop.services.subscribers.records import SubscriberCard
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


POSTGRES_URL = os.environ.get("HENDAZH_TEST_PG_URL", "")


@pytest.fixture(autouse=True, scope="session")
def _settings_folder(tmp_path_factory) -> None:
    """The audit chain's keys of the test databases in a folder of the run, never in the
    user's own settings (subprocesses inherit it)."""
    os.environ.setdefault("HENDAZH_SETTINGS_DIR", str(tmp_path_factory.mktemp("settings")))


def _fresh_postgres(url: str) -> None:
    """An empty public schema (each test starts from nothing, as with a new SQLite file)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS pristine CASCADE")
        for (schema,) in conn.exec_driver_sql(
            "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, 'snapshot_')"
        ).all():
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def _worker_postgres_url(url: str) -> str:
    """Each pytest-xdist worker gets a database of its own (created on first use), named after
    the configured one; a run without workers uses the configured database itself."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM pg_database WHERE datname = %(name)s", {"name": name}
        ).scalar()
        if not exists:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


_SCHEMA_FINGERPRINT = """
    SELECT (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped),
           (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'),
           (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public')
"""


class PostgresTemplate:
    """The migrated, seeded PostgreSQL database of one worker, kept as a copy of every table in
    a ``pristine`` schema: a test starts by putting the rows back (about 0.1 s) instead of
    migrating anew (about 3 s). A test that changed the schema itself gets a full rebuild."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self._build()

    def _build(self) -> None:
        _fresh_postgres(self.url)
        self._snapshots: dict[str, tuple[str, object]] = {}
        database = wire(Database(self.url))
        prepare_database(database, backup_dir=None)
        fill_company(database)
        database.dispose()
        with self.engine.begin() as conn:
            self._restore_sql = self._save(conn, "pristine")
            self.fingerprint = tuple(conn.exec_driver_sql(_SCHEMA_FINGERPRINT).one())

    @staticmethod
    def _save(conn: Connection, schema: str) -> str:
        """Copy every table of ``public`` into ``schema``; the SQL that puts them back."""
        tables = [
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        sequences = conn.exec_driver_sql(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        ).all()
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        for table in tables:
            conn.exec_driver_sql(f'CREATE TABLE "{schema}"."{table}" AS TABLE public."{table}"')
        statements = ["SET LOCAL session_replication_role = replica"]
        # DELETE, not TRUNCATE: these tables hold a few rows, and TRUNCATE makes new files.
        statements += [f'DELETE FROM public."{t}"' for t in tables]
        statements += [f'INSERT INTO public."{t}" SELECT * FROM "{schema}"."{t}"' for t in tables]
        for name, last_value in sequences:
            if last_value is None:
                statements.append(f"SELECT setval('public.\"{name}\"', 1, false)")
            else:
                statements.append(f"SELECT setval('public.\"{name}\"', {int(last_value)}, true)")
        return ";\n".join(statements)

    def snapshot(self, name: str, build: Callable[[], object]) -> object:
        """After ``reset``: the rows ``build`` writes, built once per worker and saved in a
        ``snapshot_<name>`` schema, then put back the way ``reset`` puts back the seed; what
        ``build`` returned."""
        saved = self._snapshots.get(name)
        if saved is None:
            made = build()
            with self.engine.begin() as conn:
                self._snapshots[name] = (self._save(conn, f"snapshot_{name}"), made)
            return made
        with self.engine.begin() as conn:
            conn.exec_driver_sql(saved[0])
        return saved[1]

    def reset(self) -> None:
        """Every table as it was after migrating and seeding; every sequence where it was."""
        with self.engine.begin() as conn:
            if tuple(conn.exec_driver_sql(_SCHEMA_FINGERPRINT).one()) == self.fingerprint:
                conn.exec_driver_sql(self._restore_sql)
                return
        self._build()


@pytest.fixture(scope="session")
def _postgres_template() -> Iterator[PostgresTemplate]:
    template = PostgresTemplate(_worker_postgres_url(POSTGRES_URL))
    yield template
    template.engine.dispose()


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory) -> Path:
    """One freshly migrated and seeded SQLite file per run, closed and checkpointed (a
    single file, nothing in a WAL): copying it is 20 times quicker than migrating again."""
    path = tmp_path_factory.mktemp("template") / "hendazh.db"
    database = wire(Database(str(path)))
    prepare_database(database, backup_dir=None)
    fill_company(database)
    database.checkpoint()
    database.dispose()
    return path


@pytest.fixture(params=["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"])
def db(request, tmp_path) -> Iterator[Database]:
    """A migrated, seeded database: a temporary SQLite file, and the same on PostgreSQL
    when HENDAZH_TEST_PG_URL names a server (CI starts one)."""
    if request.param == "postgresql":
        template = request.getfixturevalue("_postgres_template")
        template.reset()
        database = wire(Database(template.url))
    else:
        path = tmp_path / "hendazh.db"
        shutil.copyfile(request.getfixturevalue("_migrated_sqlite"), path)
        database = wire(Database(str(path)))
    prepare_database(database, backup_dir=tmp_path / "backups")  # current: no backup, no seed
    yield database
    database.dispose()


class SqliteSnapshots:
    """Named copies of SQLite databases as a ``build`` left them, made on first use in this
    worker (with what ``build`` returned), and copied back into a later test's database."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.saved: dict[str, tuple[Path, object]] = {}

    def restore(self, db: Database, name: str, build: Callable[[Database], object]) -> Any:
        assert db.path is not None
        if name not in self.saved:
            made = build(db)
            path = self.folder / f"{name}.db"
            with closing(sqlite3.connect(db.path)) as live, closing(sqlite3.connect(path)) as copy:
                live.backup(copy)  # reads the committed state, WAL included
            self.saved[name] = (path, made)
            return made
        path, made = self.saved[name]
        # The backup API overwrites the live file under SQLite's own locks: the engine's
        # pooled connections see the new content on their next transaction.
        with closing(sqlite3.connect(path)) as copy, closing(sqlite3.connect(db.path)) as live:
            copy.backup(live)
        return made


@pytest.fixture(scope="session")
def _sqlite_snapshots(tmp_path_factory) -> SqliteSnapshots:
    return SqliteSnapshots(tmp_path_factory.mktemp("snapshots"))


@pytest.fixture
def snapshot(request, db: Database) -> Callable[[str, Callable[[Database], object]], Any]:
    """``snapshot("name", build)``: the database as ``build(db)`` leaves it, built once per
    worker and backend and copied back for every later test (a demo office took 5-10 s to
    build per test; the copy takes a few milliseconds); returns what ``build`` returned.
    ``build`` runs once, so the database must be the same before every call of one name:
    call it first thing after ``db``, or name the snapshot after what was added before."""

    def restore(name: str, build: Callable[[Database], object]) -> Any:
        if not db.is_sqlite:
            template = request.getfixturevalue("_postgres_template")
            return template.snapshot(name, lambda: build(db))
        return request.getfixturevalue("_sqlite_snapshots").restore(db, name, build)

    return restore


@pytest.fixture
def manager(db: Database) -> Actor:
    return office_actor(db, "manager", full_name="بهرام مدیری", role=Role.MANAGER)


@pytest.fixture
def actor(db: Database) -> Actor:
    """The office user most tests act as (a manager)."""
    return office_actor(db, "tester", full_name="آزمونگر", role=Role.MANAGER)


@pytest.fixture
def consultant(db: Database) -> Actor:
    return office_actor(db, "consultant", full_name="سارا مشاوری", role=Role.CONSULTANT)


@pytest.fixture
def accountant(db: Database) -> Actor:
    return office_actor(db, "accountant", full_name="مینا حسابی", role=Role.ACCOUNTANT)


@pytest.fixture
def clock() -> FixedClock:
    # 1404/09/04 10:30 in Tehran
    return FixedClock(dt.datetime(2025, 11, 25, 7, 0, tzinfo=dt.UTC))


@pytest.fixture
def services(db: Database, actor: Actor) -> dict[str, ServiceInfo]:
    """The seeded catalogue by Persian name."""
    return {s.name: s for s in CatalogueService(db).services(actor, include_inactive=True)}


@pytest.fixture
def zone_ids(db: Database, actor: Actor) -> list[int]:
    return [z.id for z in CatalogueService(db).zones(actor)]


@pytest.fixture
def new_subscriber(
    db: Database, actor: Actor, zone_ids: list[int]
) -> Callable[..., SubscriberCard]:
    """Register a subscriber through the service: ``new_subscriber("نام", "0917…", …)``.
    Subscription codes come from a seeded generator, so code-prefix searches are repeatable."""
    rng = random.Random(20251125)

    def make(
        name: str,
        *phones: str,
        address: str | None = "شیراز، خیابان زند، پلاک ۱",
        zone_id: int | None = None,
        **fields: object,
    ) -> SubscriberCard:
        addresses = (AddressDraft(address, zone_id or zone_ids[0]),) if address is not None else ()
        draft = SubscriberDraft(
            name=name,
            phones=tuple(PhoneDraft(p) for p in phones),
            addresses=addresses,
            **fields,
        )
        return SubscriberService(db, rng=rng).create(actor, draft)

    return make
