"""What a web-form import did, or, line by line, why nothing was imported."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from hendazh_desktop.services.requests.records import ImportProblem, ImportReport
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.field_errors import ERROR_STYLE
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import NUMERIC, Column, ListSource, WindowTableModel
from hendazh_desktop.ui.messages import field_label, message_for_code

DUPLICATE_REF = "import_duplicate_ref"
# The file as a whole could not be read (its line, when given, is where reading stopped).
FILE_PROBLEMS = frozenset(
    {"import_encoding", "import_too_large", "import_too_many_rows", "import_json", "import_csv"}
)


def problem_part(problem: ImportProblem) -> str:
    """Which part of the line is wrong (the whole file when the line is 0)."""
    if problem.line == 0 or problem.reason in FILE_PROBLEMS:
        return "کل پرونده"
    if problem.reason == DUPLICATE_REF:
        return field_label("ref")
    return field_label(problem.detail) if problem.detail else "—"


def problem_text(problem: ImportProblem) -> str:
    text = message_for_code(problem.reason)
    if problem.reason == DUPLICATE_REF and problem.detail:
        text += f" ({problem.detail})"  # the form's reference as it is in the file
    return text


PROBLEM_COLUMNS: list[Column[ImportProblem]] = [
    Column("ردیف", lambda p: fmt.count(p.line) if p.line else "—", NUMERIC),
    Column("بخش", problem_part),
    Column("مشکل", problem_text),
]


def summary_text(report: ImportReport) -> str:
    """The outcome in one or two Persian sentences."""
    if report.problems:
        unreadable = [p for p in report.problems if p.reason in FILE_PROBLEMS or not p.line]
        if unreadable:
            return f"پرونده خوانده نشد: {problem_text(unreadable[0])}\nهیچ درخواستی وارد نشد."
        lines = {p.line for p in report.problems}
        return (
            f"در {fmt.count(len(lines))} ردیف، {fmt.count(len(report.problems))} مشکل پیدا شد. "
            "هیچ درخواستی وارد نشد؛ پرونده را اصلاح کنید و دوباره وارد کنید."
        )
    created = len(report.created)
    if created == 0 and report.skipped_duplicates == 0:
        return "پرونده هیچ فرمی نداشت؛ درخواستی ثبت نشد."
    text = (
        f"{fmt.count(created)} درخواست ثبت شد و در وضعیت «در انتظار بررسی» قرار گرفت: "
        f"{fmt.count(report.matched)} با مشترک شناخته‌شده و "
        f"{fmt.count(report.unmatched)} بدون مشترک."
        if created
        else "درخواست تازه‌ای ثبت نشد."
    )
    if report.skipped_duplicates:
        text += f"\n{fmt.count(report.skipped_duplicates)} فرم پیش‌تر وارد شده بود و دوباره ثبت نشد."
    return text


class ImportReportDialog(QDialog):
    """The result of one import, in Persian: counts, or a table of every problem."""

    def __init__(self, *, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("نتیجه ورود فرم‌های وب")
        self.setMinimumWidth(560)
        self.summary = QLabel(summary_text(report))
        self.summary.setWordWrap(True)
        # Hundreds of thousands of problems are possible: the lazy model shows them quickly.
        self.problems: WindowTableModel[ImportProblem] = WindowTableModel(PROBLEM_COLUMNS)
        self.problems.set_source(ListSource(report.problems))
        self.table = list_table(self.problems)
        self.table.setColumnWidth(0, 70)
        self.table.setColumnWidth(1, 110)
        self.table.setVisible(bool(report.problems))
        if report.problems:
            self.summary.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
            self.setMinimumHeight(360)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


def show_import_report(parent: QWidget | None, report: ImportReport) -> None:
    """Show the report and wait until it is closed."""
    ImportReportDialog(report=report, parent=parent).exec()
