"""Jobs done and paid (or bounced) through the real services, for the wages tests."""

from __future__ import annotations

from billing_helpers import Office, op

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.jalali import format_date, today_local
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.dispatch.pricing import LineDraft
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService

LABOUR = LineDraft("labour", "تعویض شیر", "1", "1,000,000")
MATERIAL = LineDraft("material", "شیر", "1", "300,000")
VALID_IBAN = "IR062960000000100324200001"
OTHER_IBAN = "IR820540102680020817909002"


def today() -> str:
    return format_date(today_local())


def make_team(office: Office, members: tuple[str, ...]) -> int:
    """Turn the office's group into a team of ``members`` (returns the group id)."""
    service = WorkGroupService(office.db)
    info = service.get(office.actor, office.group.id)
    service.update(
        office.actor,
        info.id,
        WorkGroupDraft(
            name=info.name,
            kind="team",
            phone=info.phone,
            daily_capacity=str(info.daily_capacity),
            members=tuple((m, "") for m in members),
            skills=info.skills,
            zone_ids=info.zone_ids,
        ),
        expected_version=info.version,
    )
    return info.id


def done_and_invoiced(
    db: Database, actor: Actor, office: Office, labour: LineDraft = LABOUR
) -> tuple[int, int, int]:
    """A postpaid job done and invoiced: (request, invoice, total)."""
    request_id = office.done("CLN", (labour, MATERIAL))
    invoices = InvoiceService(db)
    draft = invoices.draft_final(actor, request_id)
    issued = invoices.issue(
        actor, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )
    return request_id, issued.row.id, issued.row.total


def pay(
    db: Database, actor: Actor, office: Office, invoice_id: int, total: int, *, cheque: bool = False
) -> int:
    extra = (
        {"cheque_number": "1234567", "cheque_bank": "ملت", "cheque_due_on": "1410/01/01"}
        if cheque
        else {}
    )
    return (
        PaymentService(db)
        .record_payment(
            actor,
            PaymentDraft(
                op(),
                office.card.id,
                "cheque" if cheque else "cash",
                str(total),
                invoice_id=invoice_id,
                **extra,
            ),
        )
        .id
    )


def collected(
    db: Database, actor: Actor, office: Office, *, cheque: bool = False, labour: LineDraft = LABOUR
) -> tuple[int, int, int]:
    """A job done, invoiced and paid in full: (request, invoice, payment)."""
    request_id, invoice_id, total = done_and_invoiced(db, actor, office, labour)
    return request_id, invoice_id, pay(db, actor, office, invoice_id, total, cheque=cheque)
