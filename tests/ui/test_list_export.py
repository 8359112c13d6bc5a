"""Ctrl+E: the list in view, every row of it under its filter and order (not only the rows
fetched for the screen), to Excel or CSV on a worker thread; every list view can be exported."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from hendazh_desktop.domain.text import collation_key
from hendazh_desktop.ui.common import export
from hendazh_desktop.ui.common.export import plan_for, shown_cell, table_to_export
from hendazh_desktop.ui.common.window_model import WindowTableModel
from hendazh_desktop.ui.main_window import MainWindow
from hendazh_desktop.ui.registry import VIEWS

NAMES = ["آرش", "بهار", "پویا", "تینا", "ثمین", "جواد", "چکاوک"]


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(context=ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_ctrl_e_writes_every_row_not_only_the_fetched_block(
    qtbot, ctx, window, make_subscriber, tmp_path, monkeypatch
):
    for n, name in enumerate(NAMES):
        make_subscriber(f"{name} رضایی", f"0917200{n:04d}")
    monkeypatch.setattr(WindowTableModel, "BLOCK_SIZE", 2)
    monkeypatch.setattr(WindowTableModel, "MAX_BLOCKS", 1)
    window.show_view("subscribers")
    view = window.subscribers
    assert view is not None
    view.refresh()
    view.model.sort(1, Qt.SortOrder.DescendingOrder)  # by name, in the database
    target = tmp_path / "subscribers.xlsx"
    asked: list[str] = []
    monkeypatch.setattr(export, "ask_export_path", lambda _p, title: asked.append(title) or target)
    view.table.setFocus()
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "ردیف" in window.statusBar().currentMessage(), timeout=20_000)
    assert asked == ["مشترکین"]
    sheet = openpyxl.load_workbook(target).active
    assert sheet.sheet_view.rightToLeft
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("کد اشتراک", "نام")
    names = [r[1] for r in rows[1:]]
    # in Persian alphabetical order (پ before ت, unlike the code points)
    assert len(names) == 7 and names == sorted(names, key=collation_key, reverse=True)
    assert all(isinstance(r[2], str) and r[2].startswith("۰۹۱۷") for r in rows[1:])  # phones
    assert "۷ ردیف" in window.statusBar().currentMessage()


def test_every_list_view_has_a_table_to_export(qtbot, ctx, window):
    exportable = []
    for spec in VIEWS:
        # the dashboard has no list; a report is exported by its own «خروجی Excel»
        if spec.key in ("intake", "dashboard", "reports") or window.view(spec.key) is None:
            continue
        window.show_view(spec.key)
        view = window.view(spec.key)
        table = table_to_export(view)
        assert table is not None, spec.key
        plan = plan_for(table.model())
        assert plan.headers and all(plan.headers), spec.key
        assert plan.count() >= 0
        exportable.append(spec.key)
    assert len(exportable) >= 10


def test_amount_columns_export_rials_as_numbers():
    from hendazh_desktop.ui.billing.models import INVOICE_COLUMNS
    from hendazh_desktop.ui.common.export import column_header

    amounts = [c for c in INVOICE_COLUMNS if c.unit]
    assert [column_header(c) for c in amounts] == ["مبلغ کل (ریال)", "مانده (ریال)"]
    row = _invoice_row(total=1_234_567, balance=0, request_id=None)
    assert [c.value(row) for c in amounts if c.value] == [1_234_567, 0]


def test_invoice_cells_export_as_typed_not_parsed_back():
    """The number and the day are the text shown; the request is a number, or empty."""
    import datetime as dt

    from hendazh_desktop.ui.billing.models import INVOICE_COLUMNS, InvoiceSource  # noqa: F401
    from hendazh_desktop.ui.common.export import cell_reader

    readers = [cell_reader(c) for c in INVOICE_COLUMNS]
    row = _invoice_row(number="1404-000123", issued_on=dt.date(2025, 5, 3), request_id=77)
    cells = [read(row) for read in readers]
    assert cells[0] == "۱۴۰۴\u200e-\u200e۰۰۰۱۲۳"
    assert cells[1] == "۱۴۰۴/۰۲/۱۳"
    assert cells[6] == 77 and cells[7] == 1_000 and cells[8] == 250
    assert [read(_invoice_row(request_id=None)) for read in readers][6] is None


def _invoice_row(**changes):
    import dataclasses
    import datetime as dt

    from hendazh_desktop.services.billing.records import InvoiceRow

    row = InvoiceRow(
        id=1, kind="final", state="part_paid", number="1404-000001",
        issued_on=dt.date(2025, 5, 3), created_at=dt.datetime(2025, 5, 3, tzinfo=dt.UTC),
        subscriber_id=1, subscriber_name="مریم", subscription_code="100001", request_id=5,
        service_name="لوله‌کشی", total=1_000, paid=750, credited=0, balance=250, version=1,
    )  # fmt: skip
    return dataclasses.replace(row, **changes)


@pytest.mark.parametrize(
    ("shown", "cell"),
    [
        ("۱۲٬۳۴۵", 12345),
        ("۴٫۵", 4.5),
        ("۰۹۱۷۱۲۳۴۵۶۷", "۰۹۱۷۱۲۳۴۵۶۷"),  # a leading zero: text
        ("۱۴۰۳/۰۸/۱۵", "۱۴۰۳/۰۸/۱۵"),
        ("۱۲ ریال", "۱۲ ریال"),
        ("0", 0),
        ("", ""),
    ],
)
def test_shown_cells(shown, cell):
    assert shown_cell(shown) == cell


def test_the_database_export_is_the_administrators(qtbot, ui_db, context_for, tmp_path,
                                                   monkeypatch):  # fmt: skip
    from hendazh_desktop.domain.permissions import Role
    from hendazh_desktop.services.accounts.bootstrap import office_actor
    from hendazh_desktop.services.exports.records import ExportFormat

    manager = MainWindow(context=context_for(office_actor(ui_db, "boss", role=Role.MANAGER)))
    qtbot.addWidget(manager)
    assert not manager.export_database_action.isVisible()
    admin = MainWindow(context=context_for(office_actor(ui_db, "root", role=Role.ADMIN)))
    qtbot.addWidget(admin)
    assert admin.export_database_action.isVisible()
    target = tmp_path / "all.xlsx"
    monkeypatch.setattr(export, "ask_database_target", lambda _p: (target, ExportFormat.XLSX))
    operation = admin.export_database()
    assert operation is not None
    with qtbot.waitSignal(operation.finished, timeout=20_000) as outcome:
        pass
    assert outcome.args == ["succeeded"]
    assert "subscribers" in openpyxl.load_workbook(target, read_only=True).sheetnames
    assert "جدول" in admin.statusBar().currentMessage()
