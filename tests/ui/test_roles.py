"""What each role sees: actions it may not use are hidden or disabled before anyone tries
(domain/permissions.py decides; the services refuse again behind the buttons)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hendazh_desktop.app import build_context
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.ui.accounts.settings_dialog import SettingsDialog
from hendazh_desktop.ui.catalogue.service_catalogue_dialog import ServiceCatalogueDialog
from hendazh_desktop.ui.main_window import MainWindow
from hendazh_desktop.ui.registry import VIEWS


@dataclass(frozen=True)
class Expected:
    """What one role's window offers."""

    views: tuple[str, ...]
    new_call: bool  # F2 and the intake
    import_forms: bool
    backup: bool
    users: bool
    money_unit: bool  # the toman switch
    edit_catalogue: bool
    edit_settings: bool
    new_subscriber: bool
    cancel_request: bool
    price_on_site: bool  # queue's price button
    dispatch: bool  # assign, move, unassign, job sheet on the board
    edit_groups: bool
    take_payment: bool
    issue_invoice: bool


OFFICE = (
    "intake", "subscribers", "queue", "board", "invoicing", "work_groups", "credit_ledger", "gifts"
)  # fmt: skip
QUALITY = ("calls", "feedback", "complaints", "ideas", "scorecard")
EVERY = ("dashboard", *OFFICE, "wages", "reports", "audit", *QUALITY)  # wages, reports: not intake
INTAKE = (*OFFICE, *QUALITY)
ACCOUNTING = (*OFFICE[1:], "wages", "reports")
ROLES = {
    Role.CONSULTANT: Expected(INTAKE, True, True, False, False, False, False, False, True, True,
                              False, False, False, False, False),
    Role.DISPATCHER: Expected(INTAKE, True, True, False, False, False, False, False, True, True,
                              True, True, True, False, False),
    Role.ACCOUNTANT: Expected(ACCOUNTING, False, False, False, False, False, False,
                              False, False, False, False, False, False, True, True),
    Role.MANAGER: Expected(EVERY, True, True, True, False, True, True, True, True, True, True,
                           True, True, True, True),
    Role.ADMIN: Expected(EVERY, True, True, True, True, True, True, True, True, True, True, True,
                         True, True, True),
}  # fmt: skip


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_only_the_actions_it_may_use(qtbot, ui_db, role):
    expected = ROLES[role]
    context = build_context(ui_db, office_actor(ui_db, f"user-{role.value}", role=role))
    window = MainWindow(context=context)
    qtbot.addWidget(window)
    assert tuple(spec.key for spec in window.view_specs()) == expected.views
    assert tuple(window.view_actions) == expected.views  # menu entries and shortcuts too
    assert window.new_call_action.isVisible() is expected.new_call
    assert (window.intake is not None) is expected.new_call
    assert window.import_action.isVisible() is expected.import_forms
    assert window.backup_action.isVisible() is expected.backup
    assert window.users_action.isVisible() is expected.users
    assert window.toman_action.isEnabled() is expected.money_unit

    subscribers = window.view("subscribers")
    assert subscribers.new_button.isEnabled() is expected.new_subscriber
    assert subscribers.card.edit_button.isEnabled() is expected.new_subscriber
    queue = window.view("queue")
    assert queue.cancel_button.isVisibleTo(queue) is expected.cancel_request
    assert queue.price_button.isVisibleTo(queue) is expected.price_on_site
    board = window.view("board")
    for button in (
        board.assign_button,
        board.move_button,
        board.unassign_button,
        board.dispatch_button,
        board.price_button,
    ):
        assert button.isEnabled() is expected.dispatch, button.text()
    assert board.groups.acceptDrops() is expected.dispatch
    groups = window.view("work_groups")
    assert groups.can_edit is expected.edit_groups
    assert groups.save_button.isEnabled() is expected.edit_groups
    invoices = window.view("invoicing").invoices
    assert invoices.pay_button.isVisibleTo(invoices) is expected.take_payment
    assert invoices.issue_button.isVisibleTo(invoices) is expected.issue_invoice

    catalogue = ServiceCatalogueDialog(context=context, parent=window)
    qtbot.addWidget(catalogue)
    assert catalogue.ui.saveButton.isEnabled() is expected.edit_catalogue
    settings = SettingsDialog(context=context, parent=window)
    qtbot.addWidget(settings)
    assert settings.can_edit is expected.edit_settings
    assert settings.read_only_note.isVisibleTo(settings) is not expected.edit_settings


def test_the_registry_declares_each_view_and_shortcut_once():
    assert len({spec.key for spec in VIEWS}) == len(VIEWS)
    assert len({spec.shortcut for spec in VIEWS}) == len(VIEWS)
    assert all(spec.title and spec.icon and spec.permission for spec in VIEWS)
