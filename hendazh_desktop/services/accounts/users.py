"""Accounts: the first admin, sign-in with a lock after repeated failures, passwords, roles."""

from __future__ import annotations

import datetime as dt
import getpass
import math
import secrets
from dataclasses import dataclass

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.admin import LoginState
from hendazh_desktop.db.models.core import User
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import Conflict, DomainError, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_person_name
from hendazh_desktop.domain.passwords import check_new_password, clean_username, lock_until
from hendazh_desktop.domain.permissions import Actor, Permission, Role, require
from hendazh_desktop.services.accounts.passwords import hash_password, needs_rehash, verify_password
from hendazh_desktop.services.accounts.system_account import SYSTEM_USERNAME
from hendazh_desktop.services.clock import Clock, system_clock

DEMO_USERS = {
    Role.CONSULTANT: "سارا مشاوری",
    Role.DISPATCHER: "رضا اعزامی",
    Role.ACCOUNTANT: "مینا حسابی",
    Role.MANAGER: "بهرام مدیری",
    Role.ADMIN: "نادر سامانه",
}


def _minutes_left(until: dt.datetime, now: dt.datetime) -> int:
    """Whole minutes until ``until``, rounded up (15:00 left is 15, 0:30 left is 1)."""
    return max(1, math.ceil((until - now).total_seconds() / 60))


class SignInError(DomainError):
    """Sign-in refused: wrong name or password (one message for both), locked, inactive."""


@dataclass(frozen=True, slots=True)
class UserInfo:
    """An account as the users dialog lists it."""

    id: int
    username: str
    full_name: str
    role: str
    active: bool
    locked: bool


def _snapshot(user: User) -> dict[str, object]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "active": user.active,
    }


class UserService:
    """Everything about accounts; only admins manage other people's accounts."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def needs_first_admin(self) -> bool:
        """True on a brand-new database: no account can sign in yet."""
        with self._db.read() as uow:
            return not uow.users.any_login_user()

    def create_first_admin(
        self, username: str, full_name: str, password: str, confirm: str
    ) -> Actor:
        """The first account of a new office; refused once any account exists."""
        name = clean_username(username)
        full = clean_person_name(full_name, field="full_name")
        check_new_password(password, username=name, confirm=confirm)
        with self._db.write() as uow:
            if uow.users.any_login_user():
                raise Conflict("first_admin_exists")
            user = uow.users.add(
                User(
                    username=name,
                    full_name=full,
                    role=Role.ADMIN.value,
                    active=True,
                    password_hash=hash_password(password),
                )
            )
            self._audit(uow, user.id, user.id, AuditAction.CREATE, None, _snapshot(user))
            uow.commit()
            return Actor(user.id, user.username, Role.ADMIN)

    def sign_in(self, username: str, password: str) -> Actor:
        """The actor for a correct name and password; counts failures and locks the account
        for 15 minutes after the fifth in a row.

        Every attempt does the same work (one password-hash check, one audited commit), so
        the time taken does not tell whether a name exists or is locked.
        """
        name = username.strip().lower()
        with self._db.write() as uow:
            now = self._clock()  # read under the write lock
            user = uow.users.by_username(name)
            if user is None or user.username == SYSTEM_USERNAME:
                verify_password(None, password)  # same time as a real check
                self._audit_unknown(uow, name)
                uow.commit()
                raise SignInError("sign_in_failed")
            state = uow.session.get(LoginState, user.id) or LoginState(
                user_id=user.id, failed_attempts=0
            )
            uow.session.add(state)
            if state.locked_until is not None and state.locked_until <= now:
                # The lock has run out: the count starts again.
                state.failed_attempts, state.locked_until = 0, None
            if state.locked_until is not None:
                verify_password(None, password)
                self._audit(uow, None, user.id, AuditAction.LOGIN_FAILED, None, {"locked": True})
                uow.commit()
                raise SignInError("account_locked", minutes=_minutes_left(state.locked_until, now))
            if not verify_password(user.password_hash, password):
                state.failed_attempts += 1
                state.locked_until = lock_until(state.failed_attempts, now)
                self._audit(
                    uow,
                    None,
                    user.id,
                    AuditAction.LOGIN_FAILED,
                    None,
                    {"attempt": state.failed_attempts},
                )
                uow.commit()
                if state.locked_until is not None:
                    raise SignInError(
                        "account_locked", minutes=_minutes_left(state.locked_until, now)
                    )
                raise SignInError("sign_in_failed")
            if not user.active:
                self._audit(uow, None, user.id, AuditAction.LOGIN_FAILED, None, {"inactive": True})
                uow.commit()
                raise SignInError("account_inactive")
            state.failed_attempts, state.locked_until, state.last_login_at = 0, None, now
            if user.password_hash and needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            self._audit(uow, user.id, user.id, AuditAction.LOGIN, None, None)
            uow.commit()
            return Actor(user.id, user.username, Role(user.role))

    def sign_out(self, actor: Actor) -> None:
        """Record that the user signed out (a shared PC handed to the next shift)."""
        with self._db.write() as uow:
            self._audit(uow, actor.user_id, actor.user_id, AuditAction.LOGOUT, None, None)
            uow.commit()

    def list_users(self, actor: Actor) -> list[UserInfo]:
        require(actor, Permission.MANAGE_USERS)
        now = self._clock()
        with self._db.read() as uow:
            result = []
            for user in uow.users.all():
                if user.username == SYSTEM_USERNAME:
                    continue
                state = uow.session.get(LoginState, user.id)
                locked = bool(state and state.locked_until and state.locked_until > now)
                result.append(
                    UserInfo(user.id, user.username, user.full_name, user.role, user.active, locked)
                )
            return result

    def add_user(
        self, actor: Actor, username: str, full_name: str, role: str, password: str
    ) -> UserInfo:
        require(actor, Permission.MANAGE_USERS)
        name = clean_username(username)
        full = clean_person_name(full_name, field="full_name")
        if role not in {r.value for r in Role}:
            raise ValidationError("role", "invalid")
        check_new_password(password, username=name)
        with self._db.write() as uow:
            if uow.users.by_username(name) is not None or name == SYSTEM_USERNAME:
                raise ValidationError("username", "username_taken")
            user = uow.users.add(
                User(
                    username=name,
                    full_name=full,
                    role=role,
                    active=True,
                    password_hash=hash_password(password),
                )
            )
            self._audit(uow, actor.user_id, user.id, AuditAction.CREATE, None, _snapshot(user))
            uow.commit()
            return UserInfo(user.id, user.username, user.full_name, user.role, True, False)

    def change_own_password(self, actor: Actor, old: str, new: str, confirm: str) -> None:
        with self._db.write() as uow:
            user = self._user(uow, actor.user_id)
            if not verify_password(user.password_hash, old):
                raise ValidationError("old_password", "password_wrong")
            check_new_password(new, username=user.username, confirm=confirm)
            user.password_hash = hash_password(new)
            self._audit(uow, actor.user_id, user.id, AuditAction.PASSWORD, None, None)
            uow.commit()

    def reset_password(self, actor: Actor, username: str, new: str) -> None:
        """An admin sets a new password (and lifts a lock)."""
        require(actor, Permission.MANAGE_USERS)
        with self._db.write() as uow:
            user = uow.users.by_username(username.strip().lower())
            if user is None or user.username == SYSTEM_USERNAME:
                raise NotFound("user", username)
            check_new_password(new, username=user.username)
            user.password_hash = hash_password(new)
            state = uow.session.get(LoginState, user.id)
            if state is not None:
                state.failed_attempts, state.locked_until = 0, None
            self._audit(
                uow, actor.user_id, user.id, AuditAction.PASSWORD, None, {"reset_by_admin": True}
            )
            uow.commit()

    def set_active(self, actor: Actor, username: str, active: bool) -> None:
        require(actor, Permission.MANAGE_USERS)
        with self._db.write() as uow:
            user = uow.users.by_username(username.strip().lower())
            if user is None or user.username == SYSTEM_USERNAME:
                raise NotFound("user", username)
            if user.id == actor.user_id and not active:
                raise ValidationError("username", "cannot_deactivate_self")
            before = _snapshot(user)
            user.active = active
            self._audit(uow, actor.user_id, user.id, AuditAction.UPDATE, before, _snapshot(user))
            uow.commit()

    def set_role(self, actor: Actor, username: str, role: str) -> None:
        """An admin gives an account another role (audited, before and after); an admin
        cannot change their own, so the office always keeps one."""
        require(actor, Permission.MANAGE_USERS)
        if role not in {r.value for r in Role}:
            raise ValidationError("role", "invalid")
        with self._db.write() as uow:
            user = uow.users.by_username(username.strip().lower())
            if user is None or user.username == SYSTEM_USERNAME:
                raise NotFound("user", username)
            if user.id == actor.user_id:
                raise ValidationError("role", "cannot_change_own_role")
            if user.role == role:
                return
            before = _snapshot(user)
            user.role = role
            self._audit(uow, actor.user_id, user.id, AuditAction.UPDATE, before, _snapshot(user))
            uow.commit()

    def create_demo_users(self, actor: Actor) -> list[tuple[str, str, str]]:
        """One demo account per role with a fresh random password: (username, role,
        password) for each account created now; accounts already there are left alone."""
        require(actor, Permission.GENERATE_DEMO_DATA)
        created = []
        for role, full_name in DEMO_USERS.items():
            username = f"demo-{role.value}"
            with self._db.read() as uow:
                if uow.users.by_username(username) is not None:
                    continue
            password = secrets.token_urlsafe(9)
            self.add_user(actor, username, full_name, role.value, password)
            created.append((username, role.value, password))
        return created

    def system_actor(self) -> Actor:
        """Who command-line chores act as: a reserved account that cannot sign in, named with
        the operating-system user in the audit trail."""
        with self._db.read() as uow:  # made once; every later chore only reads it
            user = uow.users.by_username(SYSTEM_USERNAME)
            if user is not None:
                return Actor(user.id, user.username, Role.ADMIN)
        with self._db.write() as uow:
            user = uow.users.by_username(SYSTEM_USERNAME)
            if user is None:
                user = uow.users.add(
                    User(
                        username=SYSTEM_USERNAME,
                        full_name=f"خط فرمان ({getpass.getuser()})",
                        role=Role.ADMIN.value,
                        active=False,
                        password_hash=None,
                    )
                )
                uow.commit()
            return Actor(user.id, user.username, Role.ADMIN)

    @staticmethod
    def _user(uow: UnitOfWork, user_id: int) -> User:
        user = uow.users.get(user_id)
        if user is None:
            raise NotFound("user", user_id)
        return user

    def _audit_unknown(self, uow: UnitOfWork, name: str) -> None:
        uow.audit.append(
            at=self._clock(),
            user_id=None,
            entity="user",
            entity_id="unknown",
            action=AuditAction.LOGIN_FAILED.value,
            before=None,
            after={"username": name[:50]},
        )

    def _audit(
        self,
        uow: UnitOfWork,
        by: int | None,
        user_id: int,
        action: AuditAction,
        before: dict[str, object] | None,
        after: dict[str, object] | None,
    ) -> None:
        uow.audit.append(
            at=self._clock(),
            user_id=by,
            entity="user",
            entity_id=user_id,
            action=action.value,
            before=before,
            after=after,
        )
