"""The one registry of views: each declared once (key, title, icon, shortcut, permission,
factory); the main window's sidebar, View menu, toolbar, shortcuts and role filtering come
from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hendazh_desktop.domain.permissions import Actor, Permission

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from hendazh_desktop.ui.context import UiContext


@dataclass(frozen=True)
class ViewSpec:
    """One view of the main window; ``factory`` builds it for the signed-in user.

    A view has a ``status_message(str)`` signal; a view with ``refresh()`` is re-read by F5.
    """

    key: str
    title: str
    icon: str
    shortcut: str
    permission: Permission
    factory: Callable[[UiContext], QWidget]
    toolbar: bool = False


# The factories import their view only when called: the first paint waits for none of them.
def _intake(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.requests.intake_panel import IntakePanel

    return IntakePanel(context=context)


def _subscribers(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.subscribers.subscribers_view import SubscribersView

    return SubscribersView(context=context)


def _queue(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.requests.queue_view import QueueView

    return QueueView(context=context)


def _board(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.dispatch.dispatch_board import DispatchBoardView

    return DispatchBoardView(context=context)


def _invoicing(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.billing.invoicing_view import InvoicingView

    return InvoicingView(context=context)


def _work_groups(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.dispatch.work_groups_view import WorkGroupsView

    return WorkGroupsView(context=context)


def _audit(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.accounts.audit_view import AuditView

    return AuditView(context=context)


def _calls(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.quality.call_list_view import CallListView

    return CallListView(context=context)


def _feedback(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.quality.feedback_view import FeedbackView

    return FeedbackView(context=context)


def _complaints(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.quality.complaints_view import ComplaintsView

    return ComplaintsView(context=context)


def _ideas(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.quality.ideas_view import IdeasView

    return IdeasView(context=context)


def _scorecard(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.quality.scorecard_view import ScorecardView

    return ScorecardView(context=context)


def _credit_ledger(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.credit.ledger_view import CreditLedgerView

    return CreditLedgerView(context=context)


def _wages(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.wages.wages_view import WagesView

    return WagesView(context=context)


def _gifts(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.gifts.catalogue_view import GiftCatalogueView

    return GiftCatalogueView(context=context)


def _dashboard(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.reports.dashboard_view import DashboardView

    return DashboardView(context=context)


def _reports(context: UiContext) -> QWidget:
    from hendazh_desktop.ui.reports.reports_view import ReportsView

    return ReportsView(context=context)


P = Permission
VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec("dashboard", "پیشخوان", "services", "Ctrl+Shift+D", P.VIEW_DASHBOARD, _dashboard,
             toolbar=True),
    ViewSpec("intake", "پنل تماس", "new-call", "Ctrl+1", P.CREATE_REQUESTS, _intake),
    ViewSpec("subscribers", "مشترکین", "subscribers", "Ctrl+2", P.VIEW_SUBSCRIBERS, _subscribers,
             toolbar=True),
    ViewSpec("queue", "صف درخواست‌ها", "queue", "Ctrl+3", P.VIEW_REQUESTS, _queue, toolbar=True),
    ViewSpec("board", "تابلوی اعزام", "queue", "Ctrl+4", P.VIEW_REQUESTS, _board),
    ViewSpec("invoicing", "صورتحساب‌ها و دریافت‌ها", "invoice", "Ctrl+Shift+I", P.VIEW_BILLING,
             _invoicing, toolbar=True),
    ViewSpec("work_groups", "گروه‌های کاری", "services", "Ctrl+5", P.VIEW_WORK_GROUPS,
             _work_groups),
    ViewSpec("credit_ledger", "دفتر اعتبار", "invoice", "Ctrl+Shift+G", P.VIEW_GIFT_CREDIT,
             _credit_ledger),
    ViewSpec("gifts", "کاتالوگ هدایا", "save", "Ctrl+Shift+K", P.VIEW_GIFT_CREDIT, _gifts),
    ViewSpec("wages", "دستمزدها", "invoice", "Ctrl+Shift+W", P.VIEW_WAGES, _wages),
    ViewSpec("reports", "گزارش‌ها", "search", "Ctrl+Shift+R", P.VIEW_MONEY_REPORTS, _reports,
             toolbar=True),
    ViewSpec("audit", "گزارش تغییرات", "search", "Ctrl+6", P.VIEW_AUDIT, _audit),
    ViewSpec("calls", "تماس‌های کیفیت", "new-call", "Ctrl+7", P.RECORD_FEEDBACK, _calls),
    ViewSpec("feedback", "نظرهای مشترکان", "search", "Ctrl+Shift+F", P.RECORD_FEEDBACK,
             _feedback),
    ViewSpec("complaints", "شکایت‌ها", "cancel", "Ctrl+8", P.RECORD_FEEDBACK, _complaints),
    ViewSpec("ideas", "پیشنهادها", "save", "Ctrl+9", P.RECORD_FEEDBACK, _ideas),
    ViewSpec("scorecard", "کارنامه کیفیت گروه‌ها", "services", "Ctrl+0", P.RECORD_FEEDBACK,
             _scorecard),
)  # fmt: skip


def views_for(actor: Actor, views: tuple[ViewSpec, ...] = VIEWS) -> list[ViewSpec]:
    """The views the actor's role may open, in sidebar order."""
    return [spec for spec in views if actor.can(spec.permission)]


def spec(key: str) -> ViewSpec:
    """The declaration of one view (KeyError for an unknown key)."""
    for view in VIEWS:
        if view.key == key:
            return view
    raise KeyError(key)
