"""The audit view: changes made through the services appear newest first with before and
after side by side; filters; tampering behind the app's back is reported by the chain check."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from ui_helpers import type_text

from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.services.accounts.settings import SettingsDraft, SettingsService
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.ui.accounts.audit_view import CHANGED, AuditView, render_value
from hendazh_desktop.ui.common.window_model import select_row

PASSWORD = "a-good-password"
NOW = dt.datetime.now(dt.UTC)
TEN_DAYS_AGO = NOW - dt.timedelta(days=10)


COMPANY_FIELDS = (
    "legal_name",
    "economic_code",
    "national_id",
    "registration_number",
    "address",
    "postal_code",
    "phone",
)


def draft(**changes: str) -> SettingsDraft:
    values = dict(
        legal_name="",
        economic_code="",
        national_id="",
        registration_number="",
        province="فارس",
        city="شیراز",
        address="",
        postal_code="",
        phone="",
        display_currency="rial",
        default_vat_percent="10",
        vat_rounding="truncate",
        invoice_footer="",
        backup_dir="",
        backups_kept="14",
    )
    return SettingsDraft(**{**values, **changes})


@pytest.fixture
def people(ui_db):
    """An admin (ten days ago) who adds a manager today: entries 1 and 2."""
    old = UserService(ui_db, clock=lambda: TEN_DAYS_AGO)
    admin = old.create_first_admin("admin", "نادر سامانه", PASSWORD, PASSWORD)
    manager_info = UserService(ui_db).add_user(
        admin, "boss", "بهرام مدیری", Role.MANAGER.value, PASSWORD
    )
    return admin, Actor(manager_info.id, manager_info.username, Role.MANAGER)


@pytest.fixture
def view(qtbot, context_for, people):
    admin, _manager = people
    widget = AuditView(context=context_for(admin))
    qtbot.addWidget(widget)
    widget.resize(1150, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def side(table) -> list[tuple[str, str]]:
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_the_audit_model_passes_the_model_tester(qtmodeltester, view):
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 2


def test_the_log_sorts_by_number_or_time_in_the_database(view):
    """Newest first as it opens; a click on # (or the time) gives the oldest first, another
    click the newest again; the other columns sort once the log is narrowed."""
    first = lambda: view.model.row_item(0).id  # noqa: E731
    assert first() == 2
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert first() == 1
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert first() == 2
    assert view.model.sortable(2)  # the user: two entries, well under the limit
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    users = [view.model.index(r, 2).data() for r in range(view.model.rowCount())]
    assert users == sorted(users, key=lambda u: u != "سامانه")  # the system's first


def test_a_change_appears_at_the_top_with_before_and_after_side_by_side(
    qtmodeltester, view, ui_db, people
):
    _admin, manager = people
    stored = SettingsService(ui_db).get()  # the company details the fixture filled stay as are
    kept = {
        name: getattr(stored, name)
        for name in COMPANY_FIELDS
    }
    SettingsService(ui_db).update(manager, draft(city="مرودشت", backups_kept="۷", **kept))
    view.refresh()
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 3
    top = [view.model.index(0, c).data() for c in range(6)]
    assert top[0] == "۳" and top[2] == "بهرام مدیری"
    assert top[3:] == ["تنظیمات", "دفتر", "ویرایش"]
    assert top[1].startswith("۱۴") and "/" in top[1]  # Jalali date in Persian digits
    select_row(view.table, 0)
    assert side(view.before) == [("تعداد پشتیبان‌ها", "۱۴"), ("شهر", "شیراز")]
    assert side(view.after) == [("تعداد پشتیبان‌ها", "۷"), ("شهر", "مرودشت")]
    assert view.after.item(1, 1).background() == CHANGED
    assert view.before.rowHeight(1) == view.after.rowHeight(1)
    assert "بهرام مدیری" in view.summary.text()


def test_a_new_record_shows_nothing_before_and_readable_values_after(view):
    select_row(view.table, 0)  # the manager's account, created by the admin
    assert dict(side(view.before)) == {"نام کاربری": "—", "نام کامل": "—", "نقش": "—", "فعال": "—"}
    assert dict(side(view.after)) == {
        "نام کاربری": "boss",
        "نام کامل": "بهرام مدیری",
        "نقش": "مدیر",
        "فعال": "بله",
    }
    view.table.selectionModel().clearSelection()
    view.table.selectionModel().setCurrentIndex(
        view.model.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    assert dict(side(view.after))["نقش"] == "مدیر سیستم"


def test_values_are_rendered_for_people():
    assert render_value(None) == "—"
    assert render_value(True) == "بله" and render_value(False) == "خیر"
    assert render_value(1250) == "۱۲۵۰"
    assert render_value(1250, "commission_bp") == "۱۲٫۵٪"
    assert render_value("09171234567") == "۰۹۱۷۱۲۳۴۵۶۷"
    assert render_value("D:/backups2025") == "D:/backups2025"
    assert render_value("toman", "display_currency") == "تومان"
    assert render_value(["0917 همراه", "071"]) == "۰۹۱۷ همراه\n۰۷۱"


def test_filters_by_user_type_record_and_date_range(view, ui_db, people, today):
    _admin, manager = people
    SettingsService(ui_db).update(manager, draft(city="مرودشت"))
    view.refresh()
    assert view.model.rowCount() == 3
    view.user.setCurrentIndex(view.user.findText("بهرام مدیری"))
    assert view.model.rowCount() == 1
    view.user.setCurrentIndex(view.user.findText("نادر سامانه"))
    assert view.model.rowCount() == 2
    view.entity.setCurrentIndex(view.entity.findText("تنظیمات"))
    assert view.model.rowCount() == 0
    view.user.setCurrentIndex(0)  # «همه کاربران»
    assert view.user.currentText() == "همه کاربران"
    assert view.model.rowCount() == 1
    view.entity.setCurrentIndex(view.entity.findText("کاربر"))
    assert view.model.rowCount() == 2
    type_text(view.entity_id, to_persian_digits(str(manager.user_id)))  # Persian keyboard
    view.refresh()  # instead of waiting for the typing pause
    assert view.model.rowCount() == 1
    view.entity_id.clear()
    view.entity.setCurrentIndex(0)
    view.date_to.set_value(today - dt.timedelta(days=5))
    assert view.model.rowCount() == 1  # only the admin's account, ten days ago
    assert view.model.row_item(0).id == 1
    view.date_from.set_value(today - dt.timedelta(days=1))
    assert view.date_error.isVisible() and view.date_error.text() == (
        "تاریخ پایان پیش از تاریخ شروع است."
    )
    view.date_to.set_value(None)
    assert not view.date_error.isVisible()
    assert [view.model.row_item(r).id for r in range(view.model.rowCount())] == [3, 2]


def test_the_chain_check_reports_a_tampered_entry(qtbot, view, ui_db):
    with qtbot.waitSignal(view.status_message, timeout=10_000) as healthy:
        view.verify_button.click()
    assert healthy.args == ["زنجیره سالم است (۲ رکورد)."]
    assert view.verify_result.text() == "زنجیره سالم است (۲ رکورد)."
    raw = sqlite3.connect(ui_db.path)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("""UPDATE audit_log SET after_json = '{"role":"admin"}' WHERE id = 2""")
    raw.commit()
    raw.close()
    with qtbot.waitSignal(view.status_message, timeout=10_000):
        view.verify_button.click()
    text = view.verify_result.text()
    assert text.startswith("زنجیره شکسته است: رکورد ۲ ")
    assert "#b3261e" in view.verify_result.styleSheet()
    assert view.selected() is not None and view.selected().id == 2  # the broken entry
    assert view.verify_button.isEnabled()
