"""Money reports reconcile with the ledgers recomputed here in plain SQL: sales by service, by
group and by day each sum to total sales; the VAT summary equals the line VAT of the season's
invoices; collections equal the payments; receivables equal the open balances."""

from __future__ import annotations

import pytest
from report_helpers import NOW, as_date, demo_office, everything, scalar, sql

from hendazh_desktop.domain.errors import PermissionDenied
from hendazh_desktop.domain.jalali_periods import day, end_day, fiscal_year, season_of
from hendazh_desktop.domain.progress import Cancelled
from hendazh_desktop.services.reports.collections import BY_METHOD, CHEQUES
from hendazh_desktop.services.reports.records import ReportFilters
from hendazh_desktop.services.reports.sales import BY_DAY, BY_GROUP, BY_SERVICE
from hendazh_desktop.services.reports.service import ReportService

SIGNED_NET = "CASE WHEN kind = 'credit_note' THEN -net ELSE net END"


@pytest.fixture
def office(db, snapshot):
    snapshot("demo_office", demo_office)
    return db


def _reports(db) -> ReportService:
    return ReportService(db, clock=lambda: NOW)


def test_sales_by_service_group_and_day_sum_to_total_sales(office, manager) -> None:
    period = everything()
    report = _reports(office).run(manager, "sales", period)
    expected_net = scalar(
        office,
        f"SELECT sum({SIGNED_NET}) FROM invoices WHERE issued_on >= :a AND issued_on < :b",
        a=period.first,
        b=end_day(period),
    )
    expected_vat = scalar(
        office,
        "SELECT sum(CASE WHEN kind = 'credit_note' THEN -vat ELSE vat END) FROM invoices "
        "WHERE issued_on IS NOT NULL",
    )
    assert expected_net > 0
    for title in (BY_SERVICE, BY_GROUP, BY_DAY):
        table = report.table(title)
        assert table.totals is not None
        assert table.totals[5] == expected_net, title
        assert sum(int(r[5]) for r in table.rows) == expected_net, title  # type: ignore[arg-type]
        assert table.totals[6] == expected_vat, title
    assert report.figure("فروش خالص") == expected_net
    credited = scalar(office, "SELECT sum(net) FROM invoices WHERE kind = 'credit_note'")
    assert report.figure("برگشت از فروش") == credited
    assert sum(report.chart.series[0].values) == expected_net  # type: ignore[union-attr]


def test_sales_filtered_by_service_are_that_service_only(office, manager) -> None:
    sid, name = sql(
        office,
        "SELECT s.id, s.name FROM invoices i JOIN services s ON s.id = i.service_id "
        "WHERE i.issued_on IS NOT NULL GROUP BY s.id, s.name ORDER BY count(*) DESC",
    )[0]
    report = _reports(office).run(manager, "sales", everything(), ReportFilters(service_id=sid))
    expected = scalar(
        office,
        f"SELECT sum({SIGNED_NET}) FROM invoices WHERE issued_on IS NOT NULL AND service_id = :s",
        s=sid,
    )
    assert report.figure("فروش خالص") == expected
    assert [r[0] for r in report.table(BY_SERVICE).rows] == [name]
    assert name in report.filters_text


def test_vat_summary_equals_line_vat_of_the_season(office, manager) -> None:
    days = sql(office, "SELECT DISTINCT issued_on FROM invoices WHERE issued_on IS NOT NULL")
    seasons = {season_of(as_date(d)) for (d,) in days}
    assert seasons
    for period in seasons:
        report = _reports(office).run(manager, "vat", period)
        line_vat = scalar(
            office,
            "SELECT sum(CASE WHEN i.kind = 'credit_note' THEN -l.vat ELSE l.vat END) "
            "FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id "
            "WHERE i.issued_on >= :a AND i.issued_on < :b",
            a=period.first,
            b=end_day(period),
        )
        exempt = scalar(
            office,
            "SELECT sum(CASE WHEN i.kind = 'credit_note' THEN -l.net ELSE l.net END) "
            "FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id "
            "WHERE i.issued_on >= :a AND i.issued_on < :b AND l.vat_exempt",
            a=period.first,
            b=end_day(period),
        )
        assert report.figure("مالیات خالص قابل پرداخت") == line_vat
        assert report.figure("فروش معاف") == exempt
        # the invoices' own VAT agrees with their lines'
        assert line_vat == scalar(
            office,
            "SELECT sum(CASE WHEN kind = 'credit_note' THEN -vat ELSE vat END) FROM invoices "
            "WHERE issued_on >= :a AND issued_on < :b",
            a=period.first,
            b=end_day(period),
        )


def test_collections_equal_the_payments_and_cheques(office, accountant) -> None:
    period = everything()
    report = _reports(office).run(accountant, "collections", period)
    received = scalar(office, "SELECT sum(amount) FROM payments WHERE direction = 'in'")
    refunded = scalar(office, "SELECT sum(amount) FROM payments WHERE direction = 'out'")
    assert received > 0
    totals = report.table(BY_METHOD).totals
    assert totals is not None and totals[2] == received and totals[4] == refunded
    assert totals[5] == received - refunded
    cheques = scalar(
        office, "SELECT sum(amount) FROM payments WHERE method = 'cheque' AND direction = 'in'"
    )
    cheque_totals = report.table(CHEQUES).totals
    assert cheque_totals is not None and cheque_totals[2] == cheques
    bounced = scalar(
        office,
        "SELECT sum(p.amount) FROM payments p JOIN cheque_events e ON e.payment_id = p.id "
        "WHERE e.kind = 'bounced'",
    )
    assert report.figure("چک‌های برگشتی") == bounced


def test_receivables_equal_the_open_balances(office, manager) -> None:
    report = _reports(office).run(manager, "receivables", fiscal_year(1404))
    owed = scalar(
        office,
        "SELECT sum(balance) FROM invoice_balances WHERE state IN ('open', 'part_paid')",
    )
    assert report.figure("جمع مطالبات") == owed
    table = report.tables[0]
    assert table.totals is not None and sum(table.totals[2:6]) == owed  # type: ignore[arg-type]


def test_money_reports_need_their_permission_and_can_be_cancelled(office, consultant,
                                                                  manager) -> None:  # fmt: skip
    service = _reports(office)
    assert service.available(consultant) == []
    with pytest.raises(PermissionDenied):
        service.run(consultant, "sales", everything())
    with pytest.raises(Cancelled):
        service.run(manager, "sales", everything(), cancelled=lambda: True)
    seen: list[tuple[int, int]] = []
    service.run(manager, "sales", everything(), progress=lambda d, t, m: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] > 0


def test_a_day_starts_at_tehran_midnight(office, manager) -> None:
    on = as_date(
        sql(office, "SELECT issued_on FROM invoices WHERE issued_on IS NOT NULL LIMIT 1")[0][0]
    )
    report = _reports(office).run(manager, "sales", day(on))
    assert report.figure("فروش خالص") == scalar(
        office, f"SELECT sum({SIGNED_NET}) FROM invoices WHERE issued_on = :d", d=on
    )


def test_report_prints_to_pdf_and_exports_to_a_right_to_left_workbook(
    office, manager, tmp_path
) -> None:
    import subprocess
    import unicodedata

    import openpyxl

    service = _reports(office)
    report = service.run(manager, "sales", everything())
    pdf = tmp_path / "sales.pdf"
    pages = service.to_pdf(manager, report, pdf)
    assert pages >= 1
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = unicodedata.normalize("NFKC", out)
    assert "گزارش فروش" in text and "صفحه" in text
    book_path = tmp_path / "sales.xlsx"
    result = service.to_sheet(manager, report, book_path)
    book = openpyxl.load_workbook(book_path)
    assert result.tables == len(report.tables) == len(book.sheetnames)
    sheet = book[book.sheetnames[0]]
    assert sheet.sheet_view.rightToLeft
    last = list(sheet.iter_rows(values_only=True))[-1]
    assert last[0] == "جمع" and last[5] == report.figure("فروش خالص")
    assert isinstance(last[5], int)
