"""«خروجی سامانه مودیان…»: the range defaults to this month; the file is written on a worker
thread and the status bar says how many documents it holds."""

from __future__ import annotations

import json

from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.jalali_periods import month_of
from hendazh_desktop.ui.billing import tax_export_dialog
from hendazh_desktop.ui.billing.tax_export_dialog import TaxExportDialog
from hendazh_desktop.ui.main_window import MainWindow


def test_the_range_defaults_to_this_month(qtbot, ctx):
    dialog = TaxExportDialog(context=ctx)
    qtbot.addWidget(dialog)
    month = month_of(today_local())
    assert (dialog.first.value(), dialog.last.value()) == (month.first, month.last)


def test_the_json_is_written_off_the_gui_thread(qtbot, ctx, tmp_path, monkeypatch):
    window = MainWindow(context=ctx)
    qtbot.addWidget(window)
    assert window.tax_export_action.isVisible()  # a manager sees billing
    target = tmp_path / "moadian.json"
    monkeypatch.setattr(TaxExportDialog, "exec", lambda self: 1)
    monkeypatch.setattr(tax_export_dialog, "ask_tax_json_path", lambda _p, _label: target)
    operation = window.export_tax_json()
    assert operation is not None
    with qtbot.waitSignal(operation.finished, timeout=20_000) as outcome:
        pass
    assert outcome.args == ["succeeded"]
    assert json.loads(target.read_text(encoding="utf-8")) == []
    assert "۰ سند" in window.statusBar().currentMessage()


def test_consultants_do_not_see_it(qtbot, consultant_ctx):
    window = MainWindow(context=consultant_ctx)
    qtbot.addWidget(window)
    assert not window.tax_export_action.isVisible()
