"""The reports view (گزارش‌ها): pick a report, a Jalali period and its filters; it is computed
on a worker with a progress dialog and «انصراف», then shown as key figures, a chart and its
tables; printed to PDF and exported to Excel through the shared export writer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.services.reports.base import Filter, ReportSpec
from hendazh_desktop.services.reports.formatting import shown
from hendazh_desktop.services.reports.records import ColumnKind, Report, ReportFilters
from hendazh_desktop.ui.common.export import ask_export_path, safe_file_name
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import Operation, Task, run_in_background, run_op, show_failure
from hendazh_desktop.ui.reports.charts import ChartView
from hendazh_desktop.ui.reports.period_picker import PeriodPicker
from hendazh_desktop.ui.reports.table_model import ReportTableModel


class ReportsView(QWidget):
    """Managers' (and, for the money ones, accountants') reports."""

    status_message = Signal(str)
    """A line for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.service = context.reports
        self.report: Report | None = None
        self.operation: Operation[Report] | None = None
        self.picker = QComboBox()
        for spec in self.service.available(context.actor):
            self.picker.addItem(spec.title, spec.key)
        self.period = PeriodPicker(today=lambda: today_local())
        self.service_filter = QComboBox()
        self.group_filter = QComboBox()
        self.consultant_filter = QComboBox()
        self.run_button = QPushButton("نمایش گزارش")
        self.pdf_button = QPushButton("چاپ PDF…")
        self.excel_button = QPushButton("خروجی Excel…")
        self.figures = QGridLayout()
        self.chart = ChartView()
        self.tabs = QTabWidget()
        self._build()
        self._fill_filters()
        self._on_picker_current_index_changed(0)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("گزارش:"))
        top.addWidget(self.picker, 1)
        top.addWidget(self.period, 3)
        filters = QHBoxLayout()
        for label, combo in (("خدمت:", self.service_filter), ("گروه:", self.group_filter),
                             ("مشاور:", self.consultant_filter)):  # fmt: skip
            filters.addWidget(QLabel(label))
            filters.addWidget(combo, 1)
        filters.addWidget(self.run_button)
        filters.addWidget(self.pdf_button)
        filters.addWidget(self.excel_button)
        figures = QWidget()
        figures.setLayout(self.figures)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.tabs)
        split.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(figures)
        layout.addWidget(split, 1)
        self.picker.currentIndexChanged.connect(self._on_picker_current_index_changed)
        self.run_button.clicked.connect(self.run_report)
        self.pdf_button.clicked.connect(self.print_pdf)
        self.excel_button.clicked.connect(self.export_excel)
        self.pdf_button.setEnabled(False)
        self.excel_button.setEnabled(False)

    def _fill_filters(self) -> None:
        actor = self.context.actor
        self.service_filter.addItem("همه", None)
        for s in run_op(self, lambda: self.context.catalogue.services(actor)) or []:
            self.service_filter.addItem(s.name, s.id)
        self.group_filter.addItem("همه", None)
        for g in run_op(self, lambda: self.context.work_groups.list_groups(actor)) or []:
            self.group_filter.addItem(g.name, g.id)
        self.consultant_filter.addItem("همه", None)
        for user_id, name in run_op(self, lambda: self.service.consultants(actor)) or []:
            self.consultant_filter.addItem(name, user_id)

    def current_spec(self) -> ReportSpec:
        return self.service.spec(str(self.picker.currentData()))

    def _on_picker_current_index_changed(self, _index: int) -> None:
        if self.picker.count() == 0:
            return
        spec = self.current_spec()
        self.service_filter.setEnabled(Filter.SERVICE in spec.filters)
        self.group_filter.setEnabled(Filter.GROUP in spec.filters)
        self.consultant_filter.setEnabled(Filter.CONSULTANT in spec.filters)

    def choose(self, key: str) -> None:
        self.picker.setCurrentIndex(self.picker.findData(key))

    def refresh(self) -> None:
        """F5: compute the shown report again."""
        if self.report is not None:
            self.run_report()

    # -- computing ---------------------------------------------------------------------------
    def run_report(self) -> Operation[Report] | None:
        if self.picker.count() == 0:
            return None
        try:
            period = self.period.period()
        except DomainError as error:
            show_failure(self, error)
            return None
        spec = self.current_spec()
        filters = ReportFilters(
            service_id=(
                self.service_filter.currentData() if self.service_filter.isEnabled() else None
            ),
            group_id=self.group_filter.currentData() if self.group_filter.isEnabled() else None,
            consultant_id=(self.consultant_filter.currentData()
                           if self.consultant_filter.isEnabled() else None),
        )  # fmt: skip
        actor = self.context.actor

        def work(task: Task) -> Report:
            return self.service.run(actor, spec.key, period, filters, progress=task.progress,
                                    cancelled=task.cancelled)  # fmt: skip

        self.operation = run_in_background(
            self,
            work,
            label=f"در حال ساختن «{spec.title}»…",
            cancellable=True,
            on_success=self.show_report,
            on_cancelled=lambda: self.status_message.emit("گزارش لغو شد."),
        )
        return self.operation

    def show_report(self, report: Report) -> None:
        self.report = report
        while self.figures.count():
            item = self.figures.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone at once: deleteLater waits for the event loop
                widget.setParent(None)
                widget.deleteLater()
        for i, f in enumerate(report.figures):
            label = QLabel(f"{f.label}: <b>{shown(f.value, f.kind)}</b>")
            self.figures.addWidget(label, i // 3, i % 3)
        self.chart.show_chart(report.chart)
        self.tabs.clear()
        for t in report.tables:
            table = list_table(ReportTableModel(t))
            self.tabs.addTab(table, t.title)
        self.pdf_button.setEnabled(True)
        self.excel_button.setEnabled(True)
        self.status_message.emit(f"{report.title} — {report.period.label}")

    # -- output ------------------------------------------------------------------------------
    def _name(self) -> str:
        assert self.report is not None
        return safe_file_name(f"{self.report.title} {self.report.period.label}")

    def print_pdf(self, *, path: Path | None = None) -> Operation[int] | None:
        report = self.report
        if report is None:
            return None
        if path is None:
            start = str(Path(QDir.homePath()) / f"{self._name()}.pdf")
            chosen, _ = QFileDialog.getSaveFileName(self, "چاپ گزارش", start, "سند PDF (*.pdf)")
            if not chosen:
                return None
            path = Path(chosen).with_suffix(".pdf")
        target, actor = path, self.context.actor
        return run_in_background(
            self,
            lambda task: self.service.to_pdf(actor, report, target, cancelled=task.cancelled),
            label="در حال ساختن PDF گزارش…",
            cancellable=True,
            on_success=lambda pages: self.status_message.emit(
                f"گزارش در {target.name} نوشته شد ({shown(pages, ColumnKind.COUNT)} صفحه)."
            ),
        )

    def export_excel(self, *, path: Path | None = None) -> Operation[object] | None:
        report = self.report
        if report is None:
            return None
        target = path or ask_export_path(self, self._name())
        if target is None:
            return None
        actor = self.context.actor
        return run_in_background(
            self,
            lambda task: self.service.to_sheet(actor, report, target),
            label="در حال نوشتن خروجی گزارش…",
            on_success=lambda _r: self.status_message.emit(f"گزارش در {target.name} نوشته شد."),
        )
