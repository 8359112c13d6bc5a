"""Work groups in the UI: a new team typed in, errors beside fields, leave on the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from ui_helpers import type_text

from hendazh_desktop.ui.dispatch.work_groups_view import WorkGroupsView


@pytest.fixture
def view(qtbot, ctx):
    widget = WorkGroupsView(context=ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_new_team_is_saved_with_skills_zones_and_leave(qtmodeltester, ctx, view):
    editor = view.editor
    editor.name.setFocus()
    type_text(editor.name, "گروه برق ارم")
    type_text(editor.phone, "۰۹۱۷۲۲۲۳۳۴۴")
    editor.add_member("آرش برقی", "09171231234")
    editor.add_member("نیما برقی", "")
    service_id = next(i for i, c in editor.skill_checks.items() if c.text() == "برق‌کاری")
    editor.skill_checks[service_id].setChecked(True)
    editor.skill_levels[service_id].setValue(5)
    editor.zones.item(2).setCheckState(Qt.CheckState.Checked)
    leave_day = dt.date.today() + dt.timedelta(days=10)
    editor.toggle_leave(leave_day)
    assert view.save()
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 1
    saved = ctx.work_groups.get(ctx.actor, view.model.row_item(0).id)
    assert saved.name == "گروه برق ارم" and saved.phone == "09172223344"
    assert saved.skills == ((service_id, 5),)
    assert saved.leave_days == (leave_day,)
    assert len(saved.members) == 2 and len(saved.zone_ids) == 1


def test_bad_fields_get_messages_and_nothing_is_saved(ctx, view):
    editor = view.editor
    type_text(editor.name, "گ")
    type_text(editor.phone, "0912")
    editor.capacity.setText("۹۹")
    editor.iban.setText("IR12")
    assert not view.save()
    for field in ("name", "phone", "daily_capacity", "iban", "skills", "member:0"):
        assert editor.errors.message(field), field
    assert "شبا" in editor.errors.message("iban")
    assert ctx.work_groups.list_groups(ctx.actor) == []


def test_consultant_sees_but_cannot_edit(qtbot, consultant_ctx):
    widget = WorkGroupsView(context=consultant_ctx)
    qtbot.addWidget(widget)
    assert not widget.editor.isEnabled() and not widget.save_button.isEnabled()
