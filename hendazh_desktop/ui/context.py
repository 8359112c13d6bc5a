"""What the views are given: the acting user and the services they call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.audit import AuditService
from hendazh_desktop.services.billing_documents import BillingDocuments
from hendazh_desktop.services.billing_queries import BillingQueries
from hendazh_desktop.services.catalogue import CatalogueService
from hendazh_desktop.services.dispatch import DispatchService
from hendazh_desktop.services.intake import IntakeService
from hendazh_desktop.services.invoices import InvoiceService
from hendazh_desktop.services.job_sheets import JobSheetService
from hendazh_desktop.services.maintenance import BackupService
from hendazh_desktop.services.payments import PaymentService
from hendazh_desktop.services.pricing import PricingService
from hendazh_desktop.services.queue import QueueService
from hendazh_desktop.services.settings import SettingsService
from hendazh_desktop.services.subscriber_search import SubscriberSearch
from hendazh_desktop.services.subscribers import SubscriberService
from hendazh_desktop.services.users import UserService
from hendazh_desktop.services.webform_import import WebFormImporter
from hendazh_desktop.services.work_groups import WorkGroupService


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
