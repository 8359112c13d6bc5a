"""«خروجی سامانه مودیان»: the invoices of a Jalali range as the taxpayers' system's JSON, built
and checked on a worker thread; the documents not ready are listed and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.jalali_periods import month_of
from hendazh_desktop.services.billing.tax_invoices import TaxExport
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import Operation, Task, run_in_background


class TaxExportDialog(QDialog):
    """The range (this month by default); OK asks where to write, then builds on a worker."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.setWindowTitle("خروجی سامانه مودیان")
        self.setMinimumWidth(440)
        this_month = month_of(today_local())
        self.first = JalaliDateEdit(optional=False)
        self.first.set_value(this_month.first)
        self.last = JalaliDateEdit(optional=False)
        self.last.set_value(this_month.last)
        self.note = QLabel(
            "صورتحساب‌ها و اعلامیه‌های برگشت صادرشده در این بازه، با ساختار سامانه مودیان، "
            "برای ارسال حسابدار با ابزار رسمی؛ از این برنامه چیزی فرستاده نمی‌شود."
        )
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("از تاریخ:", self.first)
        form.addRow("تا تاریخ:", self.last)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(buttons)


def ask_tax_json_path(parent: QWidget | None, label: str) -> Path | None:
    suggested = str(Path(QDir.homePath()) / f"moadian-{label}.json")
    path, _ = QFileDialog.getSaveFileName(parent, "خروجی سامانه مودیان", suggested, "JSON (*.json)")
    return Path(path).with_suffix(".json") if path else None


def export_tax_json(
    parent: QWidget, context: UiContext, *, on_done: Callable[[str], None] | None = None
) -> Operation[TaxExport] | None:
    """Ask for the range and the file, then build, check and write on a worker thread."""
    dialog = TaxExportDialog(context=context, parent=parent)
    if not dialog.exec():
        return None
    first, last = dialog.first.value(), dialog.last.value()
    if first is None or last is None:
        return None
    target = ask_tax_json_path(parent, f"{fmt.date(first)}-{fmt.date(last)}".replace("/", ""))
    if target is None:
        return None
    exporter = context.tax_export

    def work(_task: Task) -> TaxExport:
        export = exporter.build(context.actor, first, last)
        if export.ok:
            exporter.write(context.actor, first, last, target)
        return export

    def done(export: TaxExport) -> None:
        if export.ok:
            text = f"{fmt.count(len(export.documents))} سند در {target.name} نوشته شد."
            if on_done is not None:
                on_done(text)
            return
        QMessageBox.warning(
            parent,
            "خروجی سامانه مودیان",
            "این سندها هنوز آماده نیستند؛ پرونده‌ای نوشته نشد:\n" + "\n".join(export.problems[:20]),
        )

    return run_in_background(
        parent, work, label="در حال ساختن خروجی سامانه مودیان…", on_success=done
    )
