"""Accounts, sign-in locks, and services refusing roles that may not run them."""

from __future__ import annotations

import datetime as dt

import pytest

from hendazh_desktop.domain.errors import PermissionDenied, ValidationError
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.domain.subscriber_forms import PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.accounts.users import SignInError, UserService
from hendazh_desktop.services.catalogue.catalogue import CatalogueService, ServiceDraft
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.subscribers.register import SubscriberService


@pytest.fixture
def users(db, clock):
    return UserService(db, clock=clock)


def test_first_admin_only_once_and_no_default_password(users):
    assert users.needs_first_admin()
    admin = users.create_first_admin("admin", "مدیر سامانه", "long-enough-1", "long-enough-1")
    assert admin.role is Role.ADMIN
    assert not users.needs_first_admin()
    with pytest.raises(Exception) as error:
        users.create_first_admin("other", "دیگری", "long-enough-2", "long-enough-2")
    assert getattr(error.value, "code", "") == "first_admin_exists"


def test_first_admin_password_rules(users):
    with pytest.raises(ValidationError) as short:
        users.create_first_admin("admin", "مدیر", "short", "short")
    assert short.value.code == "password_too_short"
    with pytest.raises(ValidationError) as mismatch:
        users.create_first_admin("admin", "مدیر", "long-enough-1", "long-enough-2")
    assert mismatch.value.code == "password_mismatch"
    with pytest.raises(ValidationError) as same:
        users.create_first_admin("adminadmin", "مدیر", "adminadmin", "adminadmin")
    assert same.value.code == "password_too_weak"
    assert users.needs_first_admin()


def test_five_failures_lock_for_fifteen_minutes(users, clock):
    users.create_first_admin("admin", "مدیر", "right-password", "right-password")
    for _ in range(4):
        with pytest.raises(SignInError) as failed:
            users.sign_in("admin", "wrong")
        assert failed.value.code == "sign_in_failed"
    with pytest.raises(SignInError) as locked:
        users.sign_in("admin", "wrong")
    assert locked.value.code == "account_locked"
    with pytest.raises(SignInError) as still:
        users.sign_in("admin", "right-password")  # right password, but locked
    assert still.value.code == "account_locked"
    clock.now += dt.timedelta(minutes=14)
    with pytest.raises(SignInError):
        users.sign_in("admin", "right-password")
    clock.now += dt.timedelta(minutes=2)
    assert users.sign_in("ADMIN ", "right-password").username == "admin"


def test_unknown_user_gets_the_same_message(users):
    users.create_first_admin("admin", "مدیر", "right-password", "right-password")
    with pytest.raises(SignInError) as unknown:
        users.sign_in("nobody", "whatever")
    assert unknown.value.code == "sign_in_failed"


def test_admin_resets_and_owner_changes_password(users):
    admin = users.create_first_admin("admin", "مدیر", "right-password", "right-password")
    info = users.add_user(admin, "sara", "سارا مشاوری", "consultant", "first-password")
    assert info.role == "consultant"
    sara = users.sign_in("sara", "first-password")
    with pytest.raises(ValidationError) as wrong:
        users.change_own_password(sara, "not-it", "second-password", "second-password")
    assert wrong.value.code == "password_wrong"
    users.change_own_password(sara, "first-password", "second-password", "second-password")
    assert users.sign_in("sara", "second-password").user_id == sara.user_id
    users.reset_password(admin, "sara", "third-password")
    assert users.sign_in("sara", "third-password").user_id == sara.user_id
    with pytest.raises(PermissionDenied):
        users.reset_password(sara, "admin", "hijacked-password")


def test_deactivated_account_cannot_sign_in(users):
    admin = users.create_first_admin("admin", "مدیر", "right-password", "right-password")
    users.add_user(admin, "mina", "مینا حسابی", "accountant", "mina-password")
    users.set_active(admin, "mina", False)
    with pytest.raises(SignInError) as inactive:
        users.sign_in("mina", "mina-password")
    assert inactive.value.code == "account_inactive"
    with pytest.raises(ValidationError):
        users.set_active(admin, "admin", False)


def test_system_account_never_signs_in(users):
    system = users.system_actor()
    assert system.username == "system"
    with pytest.raises(SignInError):
        users.sign_in("system", "")
    assert users.needs_first_admin()  # the reserved account is not a login account


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.DISPATCHER, Role.ACCOUNTANT])
def test_only_managers_edit_services(db, role):
    actor = office_actor(db, f"u-{role.value}", role=role)
    catalogue = CatalogueService(db)
    service = catalogue.services(actor)[0]
    draft = ServiceDraft(
        service.name, service.payment_policy, True, "50", False, "10", "25", "10", "5", "0", True
    )
    with pytest.raises(PermissionDenied):
        catalogue.update_service(actor, service.id, draft, expected_version=service.version)
    manager = office_actor(db, "boss", role=Role.MANAGER)
    catalogue.update_service(manager, service.id, draft, expected_version=service.version)


def test_accountants_do_not_take_calls(db):
    accountant = office_actor(db, "acc", role=Role.ACCOUNTANT)
    with pytest.raises(PermissionDenied):
        SubscriberService(db).create(
            accountant, SubscriberDraft(name="علی", phones=(PhoneDraft("09171234567"),))
        )
    with pytest.raises(PermissionDenied):
        IntakeService(db).create_request(accountant, RequestDraft(1, 1, 1))


def test_only_admins_manage_users(db, users):
    manager = office_actor(db, "boss", role=Role.MANAGER)
    with pytest.raises(PermissionDenied):
        users.add_user(manager, "eve", "ایو", "admin", "eve-password")
    with pytest.raises(PermissionDenied):
        users.list_users(manager)


def test_an_admin_changes_a_role_and_it_is_audited(db, users):
    from sqlalchemy import text

    admin = users.create_first_admin("admin", "مدیر", "right-password", "right-password")
    users.add_user(admin, "mina", "مینا حسابی", "consultant", "mina-password")
    users.set_role(admin, "mina", Role.ACCOUNTANT.value)
    assert users.sign_in("mina", "mina-password").role is Role.ACCOUNTANT
    with db.read() as uow:
        before, after = uow.session.execute(
            text(
                "SELECT before_json, after_json FROM audit_log "
                "WHERE entity = 'user' AND action = 'update' ORDER BY id DESC LIMIT 1"
            )
        ).one()
    assert '"consultant"' in str(before) and '"accountant"' in str(after)
    with pytest.raises(ValidationError) as own:
        users.set_role(admin, "admin", Role.CONSULTANT.value)
    assert own.value.code == "cannot_change_own_role"
    with pytest.raises(ValidationError):
        users.set_role(admin, "mina", "owner")
    mina = users.sign_in("mina", "mina-password")
    with pytest.raises(PermissionDenied):
        users.set_role(mina, "admin", Role.CONSULTANT.value)
