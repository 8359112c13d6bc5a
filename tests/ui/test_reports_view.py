"""The reports view: a report computed on a worker is shown as figures, a chart and its
tables (models pass Qt's checks); printed to PDF and exported; consultants do not see it."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QLabel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from report_helpers import demo_office

from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.ui.ops import wait_for_operations
from hendazh_desktop.ui.registry import views_for
from hendazh_desktop.ui.reports.period_picker import PRESETS
from hendazh_desktop.ui.reports.reports_view import ReportsView


def test_sales_report_shown_printed_and_exported(qtbot, qtmodeltester, ui_db, ctx, tmp_path):
    demo_office(ui_db)
    view = ReportsView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    view.choose("sales")
    view.period.choose_preset(PRESETS[6][0])  # this fiscal year
    view.period.kind.setCurrentIndex(view.period.kind.findData("range"))
    view.period.first.set_value(view.period.first.value().replace(year=2024))
    operation = view.run_report()
    assert operation is not None
    qtbot.waitUntil(lambda: view.report is not None, timeout=30_000)
    assert view.tabs.count() == 3
    model = view.tabs.widget(0).model()
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(model.rowCount() - 1, 0)) == "جمع"
    assert view.chart.chart().series()
    pdf = tmp_path / "r.pdf"
    view.print_pdf(path=pdf)
    qtbot.waitUntil(pdf.exists, timeout=30_000)
    book = tmp_path / "r.xlsx"
    view.export_excel(path=book)
    qtbot.waitUntil(book.exists, timeout=30_000)
    wait_for_operations()
    assert openpyxl.load_workbook(book).sheetnames[0] == view.report.tables[0].title[:31]


def test_reports_for_managers_and_accountants_only(ui_db):
    def keys(role: Role) -> set[str]:
        actor = office_actor(ui_db, role.value, role=role)
        return {v.key for v in views_for(actor)}

    assert "reports" in keys(Role.MANAGER) and "reports" in keys(Role.ACCOUNTANT)
    assert "reports" not in keys(Role.CONSULTANT) and "reports" not in keys(Role.DISPATCHER)


def test_a_second_report_replaces_the_figures_of_the_first(qtbot, ui_db, ctx):
    from hendazh_desktop.domain.jalali_periods import fiscal_year

    view = ReportsView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    view.show_report(ctx.reports.run(ctx.actor, "sales", fiscal_year(1405)))
    view.show_report(ctx.reports.run(ctx.actor, "vat", fiscal_year(1405)))
    container = view.figures.parentWidget()
    labels = container.findChildren(QLabel)
    assert len(labels) == len(view.report.figures) == view.figures.count()
    assert not [w for w in labels if "فروش خالص:" in w.text()]  # the sales figures went at once
