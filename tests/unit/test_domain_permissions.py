"""Roles and the permission matrix."""

from __future__ import annotations

import dataclasses

import pytest

from hendazh_desktop.domain.errors import DomainError, PermissionDenied
from hendazh_desktop.domain.permissions import (
    MATRIX,
    ROLE_LABELS,
    Actor,
    Permission,
    Role,
    require,
)

P = Permission
VIEWS = {
    P.VIEW_SUBSCRIBERS,
    P.VIEW_REQUESTS,
    P.VIEW_SERVICES,
    P.VIEW_WORK_GROUPS,
    P.VIEW_BILLING,
    P.VIEW_GIFT_CREDIT,
}
BILLING = {P.ISSUE_INVOICES, P.RECORD_PAYMENTS, P.CREDIT_INVOICES}
WAGES = {P.VIEW_WAGES, P.MANAGE_WAGES}


def actor(role: Role) -> Actor:
    return Actor(1, role.value, role)


def test_consultants_cannot_edit_services_managers_can():
    assert not actor(Role.CONSULTANT).can(P.EDIT_SERVICES)
    assert actor(Role.MANAGER).can(P.EDIT_SERVICES)
    require(actor(Role.MANAGER), P.EDIT_SERVICES)  # no exception


def test_require_raises_permission_denied_with_its_code():
    with pytest.raises(PermissionDenied) as error:
        require(Actor(7, "sara", Role.CONSULTANT), P.EDIT_SERVICES)
    assert isinstance(error.value, DomainError)
    assert error.value.code == "permission_denied"
    assert error.value.params == {"permission": "edit_services", "role": "consultant"}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", list(Permission))
def test_require_agrees_with_can(role, permission):
    who = actor(role)
    if who.can(permission):
        require(who, permission)
    else:
        with pytest.raises(PermissionDenied):
            require(who, permission)


def test_every_role_has_a_row_and_a_label():
    assert set(MATRIX) == set(Role)
    assert set(ROLE_LABELS) == set(Role)
    assert all(label.strip() for label in ROLE_LABELS.values())
    assert len(set(ROLE_LABELS.values())) == len(ROLE_LABELS)


def test_everyone_may_look_at_the_office():
    for role in Role:
        assert MATRIX[role] >= VIEWS, role


def test_admin_may_do_everything():
    assert MATRIX[Role.ADMIN] == frozenset(Permission)


def test_only_admin_manages_users_restores_and_generates_demo_data():
    for permission in (P.MANAGE_USERS, P.RESTORE_DATABASE, P.GENERATE_DEMO_DATA):
        assert {r for r in Role if permission in MATRIX[r]} == {Role.ADMIN}


def test_accountant_views_everything_and_handles_money_only():
    assert MATRIX[Role.ACCOUNTANT] == frozenset(VIEWS | BILLING | WAGES | {P.VIEW_MONEY_REPORTS})
    assert not BILLING & MATRIX[Role.CONSULTANT] and not BILLING & MATRIX[Role.DISPATCHER]


def test_manager_keeps_everything_an_intake_role_has():
    assert MATRIX[Role.CONSULTANT] <= MATRIX[Role.DISPATCHER] <= MATRIX[Role.MANAGER]
    assert MATRIX[Role.MANAGER] <= MATRIX[Role.ADMIN]
    assert P.DISPATCH not in MATRIX[Role.CONSULTANT]
    assert P.VIEW_AUDIT in MATRIX[Role.MANAGER] and P.VIEW_AUDIT not in MATRIX[Role.DISPATCHER]


def test_wage_figures_are_for_accountants_and_managers_only():
    assert {r for r in Role if P.VIEW_WAGES in MATRIX[r]} == {
        Role.ACCOUNTANT,
        Role.MANAGER,
        Role.ADMIN,
    }
    assert {r for r in Role if P.APPROVE_WAGE_BATCHES in MATRIX[r]} == {Role.MANAGER, Role.ADMIN}


def test_actor_is_immutable():
    who = actor(Role.CONSULTANT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        who.role = Role.ADMIN  # type: ignore[misc]


def test_intake_roles_record_feedback_managers_judge_quality():
    assert {r for r in Role if P.RECORD_FEEDBACK in MATRIX[r]} == set(Role) - {Role.ACCOUNTANT}
    assert {r for r in Role if P.MANAGE_QUALITY in MATRIX[r]} == {Role.MANAGER, Role.ADMIN}


def test_only_managers_and_admins_adjust_gift_credit_the_front_desk_spends_it():
    assert {r for r in Role if P.ADJUST_GIFT_CREDIT in MATRIX[r]} == {Role.MANAGER, Role.ADMIN}
    assert {r for r in Role if P.SPEND_GIFT_CREDIT in MATRIX[r]} == set(Role) - {Role.ACCOUNTANT}


def test_reports_are_for_managers_and_money_reports_for_accountants_too():
    assert {r for r in Role if P.VIEW_REPORTS in MATRIX[r]} == {Role.MANAGER, Role.ADMIN}
    assert {r for r in Role if P.VIEW_DASHBOARD in MATRIX[r]} == {Role.MANAGER, Role.ADMIN}
    assert {r for r in Role if P.VIEW_MONEY_REPORTS in MATRIX[r]} == {
        Role.ACCOUNTANT,
        Role.MANAGER,
        Role.ADMIN,
    }
