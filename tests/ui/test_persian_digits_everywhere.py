"""Every amount and number a view shows is in Persian digits (amounts grouped with «٬»): the
texts of every widget and every list cell of every view in the registry, filled with a day's
work, hold no ASCII digit (text with Latin letters, such as a user name, keeps its own)."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)
from test_list_sorting import office  # noqa: F401  (the fixture: a day's work)

from hendazh_desktop.ui.registry import VIEWS

ASCII_DIGIT = re.compile(r"[0-9]")
LATIN = re.compile(r"[A-Za-z]")
UNGROUPED_AMOUNT = re.compile(r"[۰-۹]{4,}\s*(ریال|تومان)")  # ۱۲۵۰۰۰۰ ریال: no «٬»


def texts_of(view: QWidget) -> list[tuple[str, str]]:
    """(where, text) for what the view shows: widgets' texts, tab titles, list cells."""
    found: list[tuple[str, str]] = []
    for w in view.findChildren(QWidget):
        if not w.isVisibleTo(view):
            continue
        name = type(w).__name__
        if isinstance(w, QLabel | QAbstractButton):
            found.append((name, w.text()))
        elif isinstance(w, QLineEdit):
            found += [(name, w.text()), (name + " placeholder", w.placeholderText())]
        elif isinstance(w, QTextEdit | QPlainTextEdit):
            found.append((name, w.toPlainText()))
        elif isinstance(w, QGroupBox):
            found.append((name, w.title()))
        elif isinstance(w, QComboBox):
            found += [(name, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            found += [(name, w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            header = (
                w.horizontalHeader()
                if isinstance(w, QTableView)
                else w.header()
                if isinstance(w, QTreeView)
                else None
            )
            titled = header is not None and not header.isHidden()
            found += [(f"{name} cell", t) for t in cells(w.model(), headers=titled)]
    return found


def _size(model, parent: QModelIndex) -> tuple[int, int]:
    sizes = []
    for count in (model.rowCount, model.columnCount):
        try:
            sizes.append(count(parent))
        except TypeError:  # Qt's own widget models bind only the calls without a parent
            try:
                sizes.append(count() if not parent.isValid() else 0)
            except TypeError:  # a list model's columns
                sizes.append(1)
    return sizes[0], sizes[1]


def cells(
    model,
    parent: QModelIndex = QModelIndex(),  # noqa: B008
    depth: int = 0,
    *,
    headers: bool = False,
) -> list[str]:
    out = []
    rows, columns = _size(model, parent)
    for c in range(columns if headers and not parent.isValid() else 0):
        out.append(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
    for r in range(min(rows, 200)):
        for c in range(columns):
            index = model.index(r, c, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    out.append(value)
            if c == 0 and depth < 3 and _size(model, index)[0] > 0:
                out += cells(model, index, depth + 1)
    return out


def ascii_numbers(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Texts with ASCII digits (and no Latin word), or an amount not grouped with «٬»."""
    return [
        (w, t)
        for w, t in found
        if (ASCII_DIGIT.search(t) and not LATIN.search(t)) or UNGROUPED_AMOUNT.search(t)
    ]


def test_no_view_shows_an_ascii_digit(qtbot, ctx, office):  # noqa: F811
    wrong: dict[str, list[tuple[str, str]]] = {}
    for spec in VIEWS:
        view = spec.factory(ctx)
        qtbot.addWidget(view)
        view.resize(1280, 800)
        view.show()
        qtbot.waitExposed(view)
        if hasattr(view, "refresh"):
            view.refresh()
        found = texts_of(view)
        for tabs in view.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                found += texts_of(view)
        assert found, spec.key
        if bad := ascii_numbers(found):
            wrong[spec.key] = sorted(set(bad))
        view.close()
    assert not wrong, "\n".join(f"{k}: {v}" for k, v in wrong.items())


def test_the_audit_shows_amounts_grouped():
    from hendazh_desktop.ui.accounts.audit_labels import render_value

    assert render_value(1250000, "total") == "۱٬۲۵۰٬۰۰۰ ریال"
    assert render_value({"amount": 25000, "number": "1404-12"}).startswith("مبلغ: ۲۵٬۰۰۰ ریال")
    assert not ascii_numbers([("audit", render_value(1250000, "materials"))])


def type_amount(qtbot, edit, typed: str = "1250000") -> str:
    from ui_helpers import type_text

    edit.setFocus()
    edit.selectAll()
    type_text(edit, typed)
    return edit.text()


def test_amounts_are_grouped_in_persian_while_typed_in_every_dialog(qtbot, ctx, office):  # noqa: F811
    from hendazh_desktop.ui.catalogue.new_service_dialog import NewServiceDialog
    from hendazh_desktop.ui.catalogue.service_catalogue_dialog import ServiceCatalogueDialog
    from hendazh_desktop.ui.credit.adjust_dialog import AdjustGiftCreditDialog

    adjust = AdjustGiftCreditDialog(context=ctx, subscriber_id=office[0].id, name="آزمون")
    service = NewServiceDialog(context=ctx)
    catalogue = ServiceCatalogueDialog(context=ctx)
    for dialog in (adjust, service, catalogue):
        qtbot.addWidget(dialog)
        dialog.show()
    assert type_amount(qtbot, adjust.amount) == "۱٬۲۵۰٬۰۰۰"
    assert type_amount(qtbot, service.price, "۲۵۰۰۰۰۰") == "۲٬۵۰۰٬۰۰۰"
    assert type_amount(qtbot, catalogue.ui.basePriceEdit) == "۱٬۲۵۰٬۰۰۰"
