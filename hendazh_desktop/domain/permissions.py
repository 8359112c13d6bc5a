"""Roles, permissions and the matrix that decides which role may run which use case."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from hendazh_desktop.domain.errors import PermissionDenied


class Role(enum.StrEnum):
    """What a user is in the office; decides what they may do."""

    CONSULTANT = "consultant"
    DISPATCHER = "dispatcher"
    ACCOUNTANT = "accountant"
    MANAGER = "manager"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.CONSULTANT: "مشاور",
    Role.DISPATCHER: "هماهنگ‌کننده اعزام",
    Role.ACCOUNTANT: "حسابدار",
    Role.MANAGER: "مدیر",
    Role.ADMIN: "مدیر سیستم",
}


class Permission(enum.StrEnum):
    """One thing a role may be allowed to do."""

    VIEW_SUBSCRIBERS = "view_subscribers"
    EDIT_SUBSCRIBERS = "edit_subscribers"
    CREATE_REQUESTS = "create_requests"
    VIEW_REQUESTS = "view_requests"
    CANCEL_REQUESTS = "cancel_requests"
    VERIFY_REQUESTS = "verify_requests"
    IMPORT_WEB_FORMS = "import_web_forms"
    VIEW_SERVICES = "view_services"
    EDIT_SERVICES = "edit_services"
    EDIT_SETTINGS = "edit_settings"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    BACKUP_DATABASE = "backup_database"
    RESTORE_DATABASE = "restore_database"
    GENERATE_DEMO_DATA = "generate_demo_data"
    VIEW_WORK_GROUPS = "view_work_groups"
    MANAGE_WORK_GROUPS = "manage_work_groups"
    DISPATCH = "dispatch"
    VIEW_BILLING = "view_billing"
    ISSUE_INVOICES = "issue_invoices"
    RECORD_PAYMENTS = "record_payments"
    CREDIT_INVOICES = "credit_invoices"
    RECORD_FEEDBACK = "record_feedback"  # feedback, quality calls, ideas; see quality lists
    MANAGE_QUALITY = "manage_quality"  # close complaints, judge ideas, add calls by hand
    VIEW_GIFT_CREDIT = "view_gift_credit"
    SPEND_GIFT_CREDIT = "spend_gift_credit"
    ADJUST_GIFT_CREDIT = "adjust_gift_credit"
    MANAGE_GIFTS = "manage_gifts"  # the gift catalogue's items and stock
    VIEW_WAGES = "view_wages"  # wage figures: never consultants or dispatchers
    MANAGE_WAGES = "manage_wages"  # advances, reimbursements, shares, build and pay batches
    APPROVE_WAGE_BATCHES = "approve_wage_batches"
    EXPORT_DATABASE = "export_database"  # every table to Excel or CSV (admin)
    VIEW_REPORTS = "view_reports"  # the managers' reports (operations, quality, subscribers)
    VIEW_MONEY_REPORTS = "view_money_reports"  # sales, collections, VAT, credit, wages reports
    VIEW_DASHBOARD = "view_dashboard"  # the manager's first screen


P = Permission
_OFFICE = {
    P.VIEW_SUBSCRIBERS,
    P.VIEW_REQUESTS,
    P.VIEW_SERVICES,
    P.VIEW_WORK_GROUPS,
    P.VIEW_BILLING,
    P.VIEW_GIFT_CREDIT,
}
_BILLING = {P.ISSUE_INVOICES, P.RECORD_PAYMENTS, P.CREDIT_INVOICES}
_WAGES = {P.VIEW_WAGES, P.MANAGE_WAGES}
_REPORTS = {P.VIEW_REPORTS, P.VIEW_MONEY_REPORTS, P.VIEW_DASHBOARD}
_INTAKE = _OFFICE | {
    P.EDIT_SUBSCRIBERS,
    P.CREATE_REQUESTS,
    P.CANCEL_REQUESTS,
    P.VERIFY_REQUESTS,
    P.IMPORT_WEB_FORMS,
    P.RECORD_FEEDBACK,
    P.SPEND_GIFT_CREDIT,
}

MATRIX: dict[Role, frozenset[Permission]] = {
    Role.CONSULTANT: frozenset(_INTAKE),
    Role.DISPATCHER: frozenset(_INTAKE | {P.MANAGE_WORK_GROUPS, P.DISPATCH}),
    Role.ACCOUNTANT: frozenset(_OFFICE | _BILLING | _WAGES | {P.VIEW_MONEY_REPORTS}),
    Role.MANAGER: frozenset(
        _INTAKE
        | _BILLING
        | _WAGES
        | _REPORTS
        | {
            P.APPROVE_WAGE_BATCHES,
            P.EDIT_SERVICES,
            P.EDIT_SETTINGS,
            P.ADJUST_GIFT_CREDIT,
            P.MANAGE_GIFTS,
            P.VIEW_AUDIT,
            P.BACKUP_DATABASE,
            P.MANAGE_WORK_GROUPS,
            P.DISPATCH,
            P.MANAGE_QUALITY,
        }
    ),
    Role.ADMIN: frozenset(
        _INTAKE
        | _BILLING
        | _WAGES
        | _REPORTS
        | {
            P.APPROVE_WAGE_BATCHES,
            P.EDIT_SERVICES,
            P.EDIT_SETTINGS,
            P.MANAGE_USERS,
            P.ADJUST_GIFT_CREDIT,
            P.MANAGE_GIFTS,
            P.VIEW_AUDIT,
            P.BACKUP_DATABASE,
            P.RESTORE_DATABASE,
            P.EXPORT_DATABASE,
            P.GENERATE_DEMO_DATA,
            P.MANAGE_WORK_GROUPS,
            P.DISPATCH,
            P.MANAGE_QUALITY,
        }
    ),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """The person on whose behalf a service runs."""

    user_id: int
    username: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return permission in MATRIX[self.role]


def require(actor: Actor, permission: Permission) -> None:
    """Raise ``PermissionDenied`` unless the actor's role has the permission."""
    if not actor.can(permission):
        raise PermissionDenied(permission.value, actor.role.value)
