"""Sign-in, first run, passwords, users, settings and the service catalogue, as typed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import type_text

from hendazh_desktop.ui.catalogue.service_catalogue_dialog import ServiceCatalogueDialog


def ok(dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    button = box.button(QDialogButtonBox.StandardButton.Ok) or box.button(
        QDialogButtonBox.StandardButton.Save
    )
    button.click()


@pytest.fixture
def shown(qtbot):
    def show(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return show


def test_catalogue_dialog_saves_persian_digits_and_shows_errors(ctx, shown):
    dialog = shown(ServiceCatalogueDialog(context=ctx))
    dialog.list.setCurrentRow(4)
    name = dialog.current().name
    edit = dialog.ui.commissionPercentEdit
    edit.clear()
    type_text(edit, "۱۲۰")
    dialog.ui.referrerSharePercentEdit.clear()
    type_text(dialog.ui.referrerSharePercentEdit, "۸۰")
    dialog.ui.recipientSharePercentEdit.clear()
    type_text(dialog.ui.recipientSharePercentEdit, "۳۰")
    assert not dialog.save()
    assert "۱۰۰" in dialog.errors.message("commission_percent")
    assert "۱۰۰٪" in dialog.errors.message("recipient_share_percent")
    edit.clear()
    type_text(edit, "۱۲٫۵")
    dialog.ui.recipientSharePercentEdit.clear()
    type_text(dialog.ui.recipientSharePercentEdit, "۱۰")
    assert dialog.save()
    saved = next(s for s in ctx.catalogue.services(ctx.actor) if s.name == name)
    assert saved.commission_bp == 1250 and saved.referrer_share_bp == 8000


def test_consultant_sees_the_catalogue_read_only(consultant_ctx, shown):
    dialog = shown(ServiceCatalogueDialog(context=consultant_ctx))
    assert not dialog.editor.isEnabled()
