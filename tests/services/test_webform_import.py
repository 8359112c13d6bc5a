"""Web-form import: CSV in any of the encodings offices meet, or JSON; matched to subscribers
by code or phone; re-imports skip what is already in; one bad row anywhere → nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.errors import PermissionDenied
from hendazh_desktop.services.requests.queue import QueueFilter, QueueService
from hendazh_desktop.services.requests.webform_import import WebFormImporter
from hendazh_desktop.services.wiring import wire

TO_VERIFY = QueueFilter(statuses=("to_verify",))


@pytest.fixture
def people(new_subscriber):
    return {
        "maryam": new_subscriber("مریم فسایی", "07132274517"),
        "reza": new_subscriber("رضا محمدی‌نژاد", "09362223344"),
    }


@pytest.fixture
def importer(db, clock):
    return WebFormImporter(db, clock=clock)


def request_count(db) -> int:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM service_requests").scalar()


def rows_by_id(db, actor) -> dict:
    return {r.id: r for r in QueueService(db).page(actor, QueueFilter(), 0, 1000)}


def test_csv_matches_by_code_and_phone_and_keeps_strangers(db, actor, people, importer, clock):
    code = people["maryam"].code
    text = (
        "ref,code,phone,name,service,address,description,preferred_date,window\n"
        f"w1,{code},,,برق‌کاری,,قطعی برق,,\n"
        "w2,,+98 936 222 3344,,PLB,,,,\n"
        'w3,,۰۹۱۷-۰۰۰-۱۱۱۱,"  نگار  احمدي ",نظافت,"ارم، كوچه ۲",'
        '"شرح\nدو خطی",۱۴۰۵/۰۱/۱۰,۱۰–۱۲\n'
    )
    report = importer.import_bytes(actor, "forms.csv", text.encode())
    assert report.ok and report.problems == ()
    assert (report.matched, report.unmatched, report.skipped_duplicates) == (2, 1, 0)
    assert len(report.created) == 3
    rows = rows_by_id(db, actor)
    w1, w2, w3 = (rows[i] for i in report.created)
    assert (w1.subscriber_code, w1.service, w1.description) == (code, "برق‌کاری", "قطعی برق")
    assert w1.address == people["maryam"].addresses[0].text  # the subscriber's own address
    assert (w2.subscriber_code, w2.service) == (people["reza"].code, "لوله‌کشی و تأسیسات")
    assert (w3.subscriber_code, w3.subscriber_name, w3.address) == ("", "نگار احمدی", "ارم، کوچه ۲")
    assert w3.description == "شرح\nدو خطی"
    assert w3.preferred_date == dt.date(2026, 3, 30)
    assert (w3.window_start, w3.window_end) == (dt.time(10), dt.time(12))
    assert {(r.status, r.channel) for r in (w1, w2, w3)} == {("to_verify", "web_form")}
    with db.engine.connect() as conn:
        contact = conn.execute(
            sa.text("SELECT contact_phone, external_ref FROM service_requests WHERE id = :i"),
            {"i": w3.id},
        ).one()
    assert tuple(contact) == ("09170001111", "w3")
    history = QueueService(db).history(actor, w3.id)
    assert [(h.from_status, h.to_status, h.reason, h.at) for h in history] == [
        (None, "to_verify", "فرم وب", clock.now)
    ]


def test_reimport_skips_what_is_already_in(db, actor, people, importer):
    text = "ref,phone,name,service\nr1,09362223344,,نظافت\nr2,09170001111,نامی,نظافت\n"
    nameless = "phone,name,service\n09170002222,نام,نظافت\n"
    first = importer.import_bytes(actor, "a.csv", text.encode("utf-8-sig"))
    digest = importer.import_bytes(actor, "b.csv", nameless.encode())
    assert first.ok and digest.ok, (first.problems, digest.problems)
    assert request_count(db) == 3
    again = importer.import_bytes(actor, "a.csv", text.encode())  # now without the BOM
    assert (again.created, again.skipped_duplicates, again.matched) == ((), 2, 0)
    assert importer.import_bytes(actor, "b.csv", nameless.encode()).skipped_duplicates == 1
    more = importer.import_bytes(actor, "c.csv", (text + "r3,09170003333,نام,نظافت\n").encode())
    assert (len(more.created), more.skipped_duplicates, more.unmatched) == (1, 2, 1)
    assert request_count(db) == 4


def test_windows_1256_with_persian_headers(db, actor, people, importer):
    """Windows-1256 has no Persian ی/ک: such files spell names and headers with Arabic ي/ك."""
    text = (
        "شناسه,کد اشتراک,تلفن,نام,خدمت,نشانی,توضیحات,تاریخ,بازه زمانی\n"
        "z1,,09170002222,علی کریمی,برق‌کاری,خیابان زند کوچه 5,سیم‌کشی آشپزخانه,1405/01/10,8-10\n"
        f"z2,{people['maryam'].code},,,نظافت,,,,\n"
    )
    arabic = text.replace("ی", "ي").replace("ک", "ك")
    data = arabic.encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = importer.import_bytes(actor, "old.csv", data)
    assert report.ok, report.problems
    assert (report.matched, report.unmatched) == (1, 1)
    rows = rows_by_id(db, actor)
    stranger = rows[report.created[0]]
    assert (stranger.subscriber_name, stranger.service) == ("علی کریمی", "برق‌کاری")
    assert stranger.address == "خیابان زند کوچه 5"  # the «نشاني» column was understood
    assert stranger.description == "سیم‌کشی آشپزخانه"
    assert stranger.preferred_date == dt.date(2026, 3, 30)
    assert (stranger.window_start, stranger.window_end) == (dt.time(8), dt.time(10))
    assert rows[report.created[1]].subscriber_code == people["maryam"].code
    found = QueueService(db).page(actor, QueueFilter(text="علی کریمی"), 0, 5)
    assert [r.id for r in found] == [report.created[0]]


def test_persian_headers_in_utf8(db, actor, people, importer):
    text = "کد پیگیری,موبایل,نام,خدمت,آدرس,شرح,تاریخ,ساعت\np1,09362223344,,نظافت,,شستشو,,۹-۱۱\n"
    report = importer.import_bytes(actor, "fa.csv", text.encode("utf-8-sig"))
    assert report.ok and report.matched == 1
    row = rows_by_id(db, actor)[report.created[0]]
    assert (row.subscriber_code, row.description, row.window_start) == (
        people["reza"].code,
        "شستشو",
        dt.time(9),
    )


def test_json_files(db, actor, people, importer):
    data = {
        "submissions": [
            {"ref": "j1", "phone": "09362223344", "service": "PLB"},
            {"ref": "j2", "phone": 9170004444, "name": "سارا", "service": "نظافت", "x": None},
            {"ref": "j3", "code": people["maryam"].code, "service": "cln"},
        ]
    }
    report = importer.import_bytes(actor, "forms.json", json.dumps(data).encode())
    assert report.ok and (report.matched, report.unmatched) == (2, 1)
    listed = json.dumps([{"ref": "j4", "phone": "09362223344", "service": "نظافت"}])
    assert importer.import_bytes(actor, "list.txt", listed.encode()).ok  # a list, sniffed
    assert request_count(db) == 4


@pytest.mark.parametrize(
    ("data", "line", "reason"),
    [
        (b"[{", 1, "import_json"),
        (b'{"submissions": 5}', 1, "import_json"),
        (
            b'[{"ref": "a", "service": "CLN", "phone": "09170001111", "name": "Sara"}, 7]',
            2,
            "required",
        ),
    ],
)
def test_broken_json(db, actor, importer, data, line, reason):
    report = importer.import_bytes(actor, "x.json", data)
    assert not report.ok
    assert (report.problems[0].line, report.problems[0].reason) == (line, reason)
    assert request_count(db) == 0


@pytest.mark.parametrize(
    ("bad_row", "problems"),
    [
        (
            "bad,0912,نام آزمون,خدمت ناشناخته",
            {("phone_length", "phone"), ("service_unknown", "service")},
        ),
        ("bad,09170000000,نام آزمون", {("import_column_count", "row")}),
        ("bad,09170000000,نام آزمون,نظافت,اضافه", {("import_column_count", "row")}),
        ('bad,"09170000000,نام آزمون,نظافت', {("import_csv", "")}),  # a quote never closed
    ],
)
def test_one_bad_row_in_twenty_thousand_imports_nothing(db, actor, importer, bad_row, problems):
    rows = 20_000
    lines = ["ref,phone,name,service"] + [f"r{n},0917{n:07d},نام آزمون,نظافت" for n in range(rows)]
    lines[12_345] = bad_row  # the file's line 12,346
    before = request_count(db)
    report = importer.import_bytes(actor, "big.csv", "\n".join(lines).encode())
    assert not report.ok and report.created == ()
    assert {(p.line, p.reason, p.detail) for p in report.problems} == {
        (12_346, reason, field) for reason, field in problems
    }
    assert request_count(db) == before
    assert QueueService(db).count(actor, TO_VERIFY) == 0


def test_every_bad_row_is_reported_with_its_line(db, actor, people, importer):
    text = (
        "ref,code,phone,name,service,preferred_date,window\n"
        "a0,,09170001110,نام,نظافت,,\n"  # line 2: good
        "a1,,09170001111,نام,نظافت,1404/12/30,\n"  # line 3
        "a2,12345678,,نام,نظافت,,\n"  # line 4: the check digit is wrong
        "a3,,09170001112,,نظافت,,\n"  # line 5: a stranger needs a name
        "\n"  # line 6: blank lines are skipped
        "a4,,09170001113,نام,نظافت,,12-10\n"  # line 7
        "a0,,09170001114,نام,نظافت,,\n"  # line 8: the same reference twice
        "a5,,,,نظافت,,\n"  # line 9: nothing to reach the sender by
        "a6,,09170001115,نام,,,\n"  # line 10
        "a7,,09170001116,نام,نظافت,,10\n"  # line 11
    )
    report = importer.import_bytes(actor, "x.csv", text.encode())
    assert {(p.line, p.reason, p.detail) for p in report.problems} == {
        (3, "date_nonexistent", "preferred_date"),
        (4, "code_check_digit", "code"),
        (4, "required", "phone"),
        (5, "required", "name"),
        (7, "window_order", "window"),
        (8, "import_duplicate_ref", "a0"),
        (9, "required", "phone"),
        (9, "required", "name"),
        (10, "required", "service"),
        (11, "time_format", "window"),
    }
    assert request_count(db) == 0


def test_empty_and_header_only_files(db, actor, importer):
    for data in (b"", "ref,phone,service\n".encode("utf-8-sig"), b"[]"):
        report = importer.import_bytes(actor, "empty.csv", data)
        assert report.ok and report.created == ()
    assert request_count(db) == 0


def test_import_needs_the_permission(db, actor, accountant, consultant, importer):
    data = b"ref,phone,name,service\nx1,09170001111,name,CLN\n"
    with pytest.raises(PermissionDenied):
        importer.import_bytes(accountant, "a.csv", data)
    assert request_count(db) == 0
    assert importer.import_bytes(consultant, "a.csv", data).ok
    assert request_count(db) == 1


def test_import_file_reads_the_path(db, actor, importer, tmp_path):
    path = tmp_path / "forms.csv"
    path.write_bytes("ref,phone,name,service\nf1,09170001111,نام,نظافت\n".encode("cp1256"))
    assert importer.import_file(actor, path).ok
    assert request_count(db) == 1


def test_checking_a_file_does_not_hold_the_write_lock(db, actor, importer, monkeypatch):
    """Checking 100,000 rows takes seconds; another PC saving meanwhile must not time out."""
    if not db.is_sqlite:
        pytest.skip("SQLite's single write lock")
    other = wire(Database(db.url))
    event.listen(other.engine, "connect", lambda conn, _: conn.execute("PRAGMA busy_timeout=100"))
    check_row = WebFormImporter._row
    saved: list[str] = []

    def row_then_write_elsewhere(self, uow, line, fields, services, today):
        if not saved:
            with other.write() as elsewhere:  # would fail after 100 ms if the lock were held
                elsewhere.catalogue.set_setting("saved_meanwhile", "yes")
                elsewhere.commit()
            saved.append("yes")
        return check_row(self, uow, line, fields, services, today)

    monkeypatch.setattr(WebFormImporter, "_row", row_then_write_elsewhere)
    try:
        data = "ref,phone,name,service\nq1,09170001111,نام,نظافت\n".encode()
        assert importer.import_bytes(actor, "q.csv", data).ok
    finally:
        other.dispose()
    assert saved == ["yes"] and request_count(db) == 1


def test_checking_reports_progress_and_a_cancel_writes_nothing(db, actor, importer):
    from hendazh_desktop.domain.progress import Cancelled

    rows = 1_200
    lines = ["ref,phone,name,service"] + [f"p{n},0917{n:07d},نام آزمون,نظافت" for n in range(rows)]
    data = "\n".join(lines).encode()
    before = request_count(db)
    seen: list[tuple[int, int]] = []

    def stop_after_first_batch() -> bool:
        return len(seen) > 1

    with pytest.raises(Cancelled):
        importer.import_bytes(
            actor,
            "big.csv",
            data,
            progress=lambda d, t, _m: seen.append((d, t)),
            cancelled=stop_after_first_batch,
        )
    assert seen[:2] == [(0, 2 * rows), (500, 2 * rows)]
    assert request_count(db) == before

    seen.clear()
    report = importer.import_bytes(
        actor, "big.csv", data, progress=lambda d, t, _m: seen.append((d, t))
    )
    assert report.ok and len(report.created) == rows
    checked = [(0, 2 * rows), (500, 2 * rows), (1000, 2 * rows), (rows, 2 * rows)]
    written = [(rows + 1000, 2 * rows), (2 * rows, 2 * rows)]  # two batches of writes
    assert seen == checked + written
