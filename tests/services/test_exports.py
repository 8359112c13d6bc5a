"""Exports: a paged list written whole (every page, not the screen's), cancelled without a
file; the whole database to one workbook or a folder of CSVs, for the administrator only."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.dump import schema_tables
from hendazh_desktop.domain.errors import PermissionDenied
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.domain.progress import Cancelled
from hendazh_desktop.domain.text import collation_key
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.exports.database import DatabaseExport, cell, jalali_text
from hendazh_desktop.services.exports.lists import export_list
from hendazh_desktop.services.exports.records import ExportFormat
from hendazh_desktop.services.subscribers.search import SubscriberSearch


@pytest.fixture
def admin(db: Database) -> Actor:
    return office_actor(db, "admin", full_name="مدیر سامانه", role=Role.ADMIN)


@pytest.fixture
def seven(new_subscriber) -> list[str]:
    names = ["آرش", "بهار", "پویا", "تینا", "ثمین", "جواد", "چکاوک"]
    return [new_subscriber(f"{name} کاظمی", f"0917100{n:04d}").name for n, name in enumerate(names)]


def _subscriber_list(db: Database, actor: Actor, pages: list[tuple[int, int]]):
    search = SubscriberSearch(db)

    def fetch(offset: int, limit: int):
        pages.append((offset, limit))
        return search.page(actor, offset, limit, order="name", descending=True)

    return dict(
        title="مشترکین",
        headers=["کد", "نام", "تلفن", "شماره"],
        count=lambda: search.count(actor),
        fetch=fetch,
        cells=lambda r: [r.code, r.name, r.phone, r.id],
    )


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"  # (the SQLite database lives in tmp_path itself)
    folder.mkdir()
    return folder


def test_a_list_is_written_whole_page_by_page_in_its_order(db, actor, seven, out):
    pages: list[tuple[int, int]] = []
    steps: list[tuple[int, int]] = []
    result = export_list(
        out / "list.xlsx",
        **_subscriber_list(db, actor, pages),
        page=3,
        progress=lambda done, total, _m: steps.append((done, total)),
    )
    assert result.rows == 7
    assert pages == [(0, 3), (3, 3), (6, 3)]  # the same paged query the list shows
    assert steps[-1] == (7, 7)
    sheet = openpyxl.load_workbook(result.path).active
    names = [sheet.cell(row=r, column=2).value for r in range(2, 9)]
    # in Persian alphabetical order (پ before ت, unlike the code points)
    assert names == sorted(seven, key=collation_key, reverse=True)
    assert sheet.cell(row=2, column=3).value.startswith("0917")  # a phone stays text
    assert isinstance(sheet.cell(row=2, column=4).value, int)


def test_a_list_to_csv(db, actor, seven, out):
    result = export_list(out / "list.csv", **_subscriber_list(db, actor, []), page=4)
    with result.path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert len(rows) == 8 and rows[0][1] == "نام"


def test_a_cancelled_export_leaves_the_old_file_and_no_part(db, actor, seven, out):
    target = out / "list.xlsx"
    target.write_bytes(b"old")
    asked = iter([False, True])
    with pytest.raises(Cancelled):
        export_list(
            target, **_subscriber_list(db, actor, []), page=3, cancelled=lambda: next(asked)
        )
    assert target.read_bytes() == b"old"
    assert list(out.iterdir()) == [target]


def test_the_whole_database_to_one_workbook(db, admin, seven, out):
    result = DatabaseExport(db).export(admin, out / "all.xlsx", ExportFormat.XLSX)
    book = openpyxl.load_workbook(result.path, read_only=True)
    assert set(book.sheetnames) == {t.name for t in schema_tables()}  # every table
    assert {"subscribers", "invoices", "users", "audit_log"} <= set(book.sheetnames)
    assert result.tables == len(book.sheetnames)
    subscribers = list(book["subscribers"].iter_rows(values_only=True))
    header = subscribers[0]
    assert len(subscribers) == 1 + 7
    assert sorted(r[header.index("name")] for r in subscribers[1:]) == sorted(seven)
    users = list(book["users"].iter_rows(values_only=True))
    assert "password_hash" not in users[0] and "username" in users[0]


def test_the_whole_database_to_a_folder_of_csv_files(db, admin, seven, out):
    target = out / "dump"
    result = DatabaseExport(db).export(admin, target, ExportFormat.CSV)
    files = {p.stem for p in target.iterdir()}
    assert {"subscribers", "users"} <= files and result.tables == len(files)
    with (target / "subscribers.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.reader(stream))) == 1 + 7
    assert not (out / ".dump.part").exists()


def test_only_the_administrator_exports_the_database(db, actor, out):
    with pytest.raises(PermissionDenied):
        DatabaseExport(db).export(actor, out / "all.xlsx", ExportFormat.XLSX)
    assert not list(out.iterdir())


def test_a_cancelled_database_export_leaves_nothing(db, admin, seven, out):
    with pytest.raises(Cancelled):
        DatabaseExport(db).export(
            admin, out / "dump", ExportFormat.CSV, cancelled=lambda: True
        )
    assert not list(out.iterdir())


def test_database_values_as_cells():
    import datetime as dt

    moment = dt.datetime(2025, 3, 20, 20, 31, 5, tzinfo=dt.UTC)  # 1404/01/01 00:01:05 Tehran
    assert jalali_text(moment) == "1404/01/01 00:01:05"
    assert cell(dt.date(2025, 3, 20)) == "1403/12/30"  # leap Esfand
    assert cell(True) == 1 and cell(12) == 12 and cell(None) is None
    assert cell({"b": 1, "a": "ب"}) == '{"a": "ب", "b": 1}'
    assert cell(b"\x89PNG" + bytes(2000)) == "[2,004 bytes]"


def _streamed(closed: list[bool], rows: int = 7):
    def stream(batch: int):
        try:
            for start in range(0, rows, batch):
                yield list(range(start, min(start + batch, rows)))
        finally:
            closed.append(True)

    def paged(_offset: int, _limit: int):
        raise AssertionError("a list that streams is not read by pages")

    return dict(
        title="فهرست", headers=["شماره"], count=lambda: rows, fetch=paged,
        cells=lambda n: [n], stream=stream,
    )  # fmt: skip


def test_a_list_that_streams_is_read_by_one_query_and_closed(out):
    closed: list[bool] = []
    steps: list[tuple[int, int]] = []
    result = export_list(
        out / "s.xlsx", **_streamed(closed), page=3,
        progress=lambda done, total, _m: steps.append((done, total)),
    )  # fmt: skip
    assert result.rows == 7 and closed == [True]
    assert steps == [(0, 7), (3, 7), (6, 7), (7, 7)]
    sheet = openpyxl.load_workbook(result.path).active
    assert [sheet.cell(row=r, column=1).value for r in range(2, 9)] == list(range(7))


def test_a_cancelled_streamed_export_ends_its_read_and_leaves_no_file(out):
    closed: list[bool] = []
    asked = iter([False, True])
    with pytest.raises(Cancelled):
        export_list(out / "s.xlsx", **_streamed(closed), page=3, cancelled=lambda: next(asked))
    assert closed == [True]  # the read transaction ended with the export, not at collection
    assert list(out.iterdir()) == []


def test_the_cycle_collector_is_paused_for_an_export_and_restored(out):
    import gc

    seen: list[bool] = []
    assert gc.isenabled()

    def cells(n: int):
        seen.append(gc.isenabled())
        return [n]

    export_list(
        out / "g.xlsx", title="فهرست", headers=["شماره"], count=lambda: 3,
        fetch=lambda offset, limit: list(range(3))[offset : offset + limit], cells=cells,
    )  # fmt: skip
    assert seen == [False, False, False]  # paused while the rows were written
    assert gc.isenabled()  # and on again after
    gc.disable()
    try:
        export_list(
            out / "h.xlsx", title="فهرست", headers=["شماره"], count=lambda: 1,
            fetch=lambda offset, limit: [1][offset : offset + limit], cells=lambda n: [n],
        )  # fmt: skip
        assert not gc.isenabled()  # a collector that was off stays off
    finally:
        gc.enable()
