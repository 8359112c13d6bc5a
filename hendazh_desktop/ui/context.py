"""What the views are given: the acting user and the services they call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.accounts.audit import AuditService
from hendazh_desktop.services.accounts.backups import BackupService
from hendazh_desktop.services.accounts.settings import SettingsService
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.billing.documents import BillingDocuments
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.queries import BillingQueries
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.dispatch.assignment import DispatchService
from hendazh_desktop.services.dispatch.job_sheets import JobSheetService
from hendazh_desktop.services.dispatch.pricing import PricingService
from hendazh_desktop.services.dispatch.work_groups import WorkGroupService
from hendazh_desktop.services.requests.intake import IntakeService
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.requests.webform_import import WebFormImporter
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.subscribers.search import SubscriberSearch


@dataclass(frozen=True)
class UiContext:
    """The acting user and the use cases; built once by ``app.py``."""

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
