"""What the views are given: the signed-in user, the services they call and the window's one
change signal. The user is bound here once for the window; views and dialogs take only this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from hendazh_desktop.domain.money import CurrencyUnit
from hendazh_desktop.domain.permissions import Actor, Permission
from hendazh_desktop.ui.changes import DataChanges

if TYPE_CHECKING:  # the services load when first used (hendazh_desktop.lazy), not with this
    from hendazh_desktop.services.accounts.audit import AuditService
    from hendazh_desktop.services.accounts.backups import BackupService
    from hendazh_desktop.services.accounts.settings import SettingsService
    from hendazh_desktop.services.accounts.users import UserService
    from hendazh_desktop.services.billing.documents import BillingDocuments
    from hendazh_desktop.services.billing.invoices import InvoiceService
    from hendazh_desktop.services.billing.payments import PaymentService
    from hendazh_desktop.services.billing.queries import BillingQueries
    from hendazh_desktop.services.billing.tax_invoices import TaxInvoiceExport
    from hendazh_desktop.services.catalogue.catalogue import CatalogueService
    from hendazh_desktop.services.credit.adjustments import GiftCreditService
    from hendazh_desktop.services.credit.documents import GiftCreditDocuments
    from hendazh_desktop.services.credit.ledger import GiftCreditLedger
    from hendazh_desktop.services.dispatch.assignment import DispatchService
    from hendazh_desktop.services.dispatch.job_sheets import JobSheetService
    from hendazh_desktop.services.dispatch.pricing import PricingService
    from hendazh_desktop.services.dispatch.work_groups import WorkGroupService
    from hendazh_desktop.services.exports.database import DatabaseExport
    from hendazh_desktop.services.gifts.catalogue import GiftCatalogue
    from hendazh_desktop.services.gifts.documents import GiftDocuments
    from hendazh_desktop.services.gifts.orders import GiftOrders
    from hendazh_desktop.services.quality.office import QualityOffice
    from hendazh_desktop.services.reports.dashboard import DashboardService
    from hendazh_desktop.services.reports.service import ReportService
    from hendazh_desktop.services.requests.intake import IntakeService
    from hendazh_desktop.services.requests.queue import QueueService
    from hendazh_desktop.services.requests.webform_import import WebFormImporter
    from hendazh_desktop.services.subscribers.register import SubscriberService
    from hendazh_desktop.services.subscribers.search import SubscriberSearch
    from hendazh_desktop.services.wages.office import WageOffice


@dataclass(frozen=True)
class UiContext:
    """The signed-in user and the use cases; built by ``app.py`` at sign-in."""

    actor: Actor
    users: UserService
    settings: SettingsService
    audit: AuditService
    backups: BackupService
    search: SubscriberSearch
    subscribers: SubscriberService
    catalogue: CatalogueService
    intake: IntakeService
    queue: QueueService
    webform: WebFormImporter
    work_groups: WorkGroupService
    dispatch: DispatchService
    job_sheets: JobSheetService
    pricing: PricingService
    invoices: InvoiceService
    payments: PaymentService
    billing: BillingQueries
    billing_documents: BillingDocuments
    documents_dir: Path
    quality: QualityOffice
    gift_credit: GiftCreditLedger
    gift_credit_admin: GiftCreditService
    gift_credit_documents: GiftCreditDocuments
    gifts: GiftCatalogue
    gift_orders: GiftOrders
    gift_documents: GiftDocuments
    wages: WageOffice
    database_export: DatabaseExport
    tax_export: TaxInvoiceExport
    reports: ReportService
    dashboard: DashboardService
    data_version: Callable[[], int]
    """A number that changes whenever anyone commits (this PC or another): the window checks
    it on every switch of view (no use case's module is loaded for it)."""
    display_currency: Callable[[], CurrencyUnit]
    """How money is shown now (rial or toman), read without the catalogue's use cases."""
    changes: DataChanges = field(default_factory=DataChanges)
    """``data_changed(kind)``: what this window changed; the views re-read on it."""

    def can(self, permission: Permission) -> bool:
        """Whether the signed-in user's role allows this (buttons are hidden or disabled
        before the user tries; the services check again)."""
        return self.actor.can(permission)

    def signed_in_as(self, actor: Actor) -> UiContext:
        """The same use cases for another user (after switching user), with a fresh signal
        (the closed views' connections go with the old one)."""
        return replace(self, actor=actor, changes=DataChanges())
