"""What a web-form import did, or, line by line, why nothing was imported."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.services.dto import ImportReport
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.messages import field_label, message_for_code


class ImportReportDialog(QDialog):
    """The result of one import, in Persian."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("نتیجه ورود فرم‌های وب")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QTableWidget(len(report.problems), 3)
        self.problems.setHorizontalHeaderLabels(["ردیف", "بخش", "مشکل"])
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, problem in enumerate(report.problems):
            cells = (
                fmt.number(problem.line) if problem.line else "—",
                field_label(problem.detail) if problem.detail else "—",
                message_for_code(problem.reason),
            )
            for column, text in enumerate(cells):
                self.problems.setItem(row, column, QTableWidgetItem(text))
        if report.ok:
            self.summary.setText(
                f"{fmt.number(len(report.created))} درخواست ثبت شد و در وضعیت «در انتظار "
                f"بررسی» قرار گرفت: {fmt.number(report.matched)} با مشترک شناخته‌شده و "
                f"{fmt.number(report.unmatched)} بدون مشترک.\n"
                f"{fmt.number(report.skipped_duplicates)} فرم قبلاً وارد شده بود و تکرار نشد."
            )
            self.problems.setVisible(False)
        else:
            self.summary.setText(
                f"در {fmt.number(len({p.line for p in report.problems}))} ردیف مشکل پیدا شد. "
                "هیچ درخواستی وارد نشد؛ پرونده را اصلاح کنید و دوباره وارد کنید."
            )
            self.summary.setStyleSheet("color: #b3261e; font-weight: bold;")
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_import_report(parent: QWidget | None, report: ImportReport) -> None:
    ImportReportDialog(report, parent).exec()
