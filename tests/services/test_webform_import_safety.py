"""The web-form import is as strict as the intake form, and a large import lets another PC
save meanwhile (short write batches; a lock that outlasts the wait is a Persian message)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.errors import DatabaseBusy
from hendazh_desktop.domain.subscriber_forms import PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.requests.webform_import import WebFormImporter
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire
from hendazh_desktop.ui.messages import MESSAGES

WORKER = Path(__file__).with_name("webform_load_worker.py")


@pytest.fixture
def importer(db, clock):
    return WebFormImporter(db, clock=clock)


def count(db) -> int:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM service_requests").scalar()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'[{"ref": "a", "phone": "09170001111", "name": "Ali", "service": NaN}]', "import_json"),
        (b'[{"ref": "a", "phone": Infinity, "name": "Ali", "service": "CLN"}]', "import_json"),
        (b'[{"ref": "a", "phone": -Infinity, "name": "Ali", "service": "CLN"}]', "import_json"),
        (b"[" * 100_000 + b"]" * 100_000, "import_json_depth"),
        (b'[{"ref": "a", "phone": ["0917"], "name": "Ali", "service": "CLN"}]', "import_value"),
    ],
)
def test_json_numbers_and_shapes_the_form_cannot_hold(db, actor, importer, data, reason):
    report = importer.import_bytes(actor, "x.json", data)
    assert not report.ok and report.problems[0].reason == reason
    assert reason in MESSAGES
    assert count(db) == 0


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("a,09170001111,1234,نظافت,", ("name_characters", "name")),
        ("a,09170001111,<b>علی</b>,نظافت,", ("name_characters", "name")),
        ("a,09170001111,nan,نظافت,1404/10/01", None),  # "nan" is letters: a (Latin) name
        ("a,09170001111,علی,نظافت,1310/01/01", ("date_in_past", "preferred_date")),
        ("a,09170001111,علی,نظافت,1499/01/01", ("date_too_far", "preferred_date")),
        ("a,09170001111,علی,نظافت,1404/12/30", ("date_nonexistent", "preferred_date")),
    ],
)
def test_rows_checked_like_the_intake_form(db, actor, importer, row, problem):
    data = ("ref,phone,name,service,preferred_date\n" + row).encode()
    report = importer.import_bytes(actor, "x.csv", data)
    if problem is None:
        assert report.ok
        return
    assert not report.ok
    assert (report.problems[0].reason, report.problems[0].detail) == problem
    assert count(db) == 0


def test_a_lock_held_too_long_is_a_persian_message(tmp_path, db, actor):
    """Another process holds the write lock past the wait: the user gets «database_busy»."""
    if not db.is_sqlite:
        pytest.skip("SQLite's write lock")
    assert db.path is not None
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(4)\n",
            str(db.path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        impatient = wire(Database(str(db.path), busy_timeout=0.5))
        try:
            with pytest.raises(DatabaseBusy) as busy:
                SubscriberService(impatient).create(
                    actor,
                    SubscriberDraft(name="سارا کریمی", phones=(PhoneDraft("09170002222"),)),
                )
            assert busy.value.code in MESSAGES
        finally:
            impatient.dispose()


def test_a_large_import_lets_another_process_save(tmp_path, db, actor):
    """A 30,000-row import in a second process; this one saves a subscriber every 50 ms
    meanwhile: every save succeeds and none waits anywhere near a second."""
    if not db.is_sqlite:
        pytest.skip("one SQLite file shared by two processes")
    rows = 30_000
    lines = ["ref,phone,name,service"] + [f"r{n},0917{n:07d},نام آزمون,نظافت" for n in range(rows)]
    source = tmp_path / "big.csv"
    source.write_text("\n".join(lines), encoding="utf-8")
    importer_actor = office_actor(db, "importer")
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), str(db.path), str(importer_actor.user_id), str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    waits: list[float] = []
    errors: list[str] = []
    service = SubscriberService(db)
    stop = threading.Event()

    def saver() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            started = time.monotonic()
            try:
                service.create(
                    actor,
                    SubscriberDraft(name="مشترک همزمان", phones=(PhoneDraft(f"0935{n:07d}"),)),
                )
            except Exception as error:  # any failure is what the test counts
                errors.append(repr(error))
            waits.append(time.monotonic() - started)
            time.sleep(0.05)

    thread = threading.Thread(target=saver)
    thread.start()
    out, err = worker.communicate(timeout=600)
    stop.set()
    thread.join()
    assert worker.returncode == 0, err
    assert json.loads(out)["created"] == rows
    assert errors == []
    assert len(waits) > 10
    assert max(waits) < 1.0, sorted(waits)[-5:]
    assert count(db) == rows
