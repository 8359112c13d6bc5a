"""Wages in every state through the real services, for the wages lists' order tests: three
groups with Persian names (two teams), paid, batched, due, held (never collected, and bounced)
and clawed-back jobs, a job collected again after its cheque bounced, a paid and a draft batch,
advances and reimbursements."""

from __future__ import annotations

from dataclasses import dataclass

from billing_helpers import Office, op
from wage_helpers import collected, done_and_invoiced, pay, today

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.dispatch.pricing import LineDraft
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.wages.batches import WageBatchService
from hendazh_desktop.services.wages.ledger import WageLedgerService

GROUPS = (  # name, members, phone: the groups are made in another order than their names'
    ("گروه هادی", ("هادی ملکی", "ژاله کاظمی"), "09171110001"),
    ("گروه پرویز", ("وحید هاشمی", "بهرام چمنی"), "09171110002"),
    ("گروه چمران", ("آرش یزدانی",), "09171110003"),
)


def labour(amount: int) -> LineDraft:
    return LineDraft("labour", "تعویض شیر", "1", f"{amount:,}")


@dataclass
class WageOfficeData:
    """What was made: the offices (one per group) and the jobs by story."""

    offices: list[Office]
    recollected: int  # a job whose cheque bounced and which was paid again


def _name_group(office: Office, name: str, members: tuple[str, ...]) -> None:
    service = WorkGroupService(office.db)
    info = service.get(office.actor, office.group.id)
    service.update(
        office.actor,
        info.id,
        WorkGroupDraft(
            name=name,
            kind="team" if len(members) > 1 else "person",
            phone=info.phone,
            daily_capacity=str(info.daily_capacity),
            members=tuple((m, "") for m in members),
            skills=info.skills,
            zone_ids=info.zone_ids,
        ),
        expected_version=info.version,
    )


def _batch(db: Database, actor: Actor, *, paid: bool) -> None:
    batches = WageBatchService(db)
    detail = batches.build(actor, "1400/01/01", today(), operation_id=op())
    if paid:
        batches.pay(
            actor,
            detail.batch.id,
            bank_ref=f"REF-{detail.batch.number}",
            paid_on=today(),
            expected_version=detail.batch.version,
            operation_id=op(),
        )


def wages_in_every_state(db: Database, manager: Actor) -> WageOfficeData:
    offices = []
    for name, members, phone in GROUPS:
        office = Office(db, manager, phone=phone)
        _name_group(office, name, members)
        offices.append(office)
    payments = PaymentService(db)
    first = [
        collected(db, manager, office, cheque=(n == 0), labour=labour(1_000_000 + 250_000 * n))
        for n, office in enumerate(offices)
    ]
    _batch(db, manager, paid=True)  # the first jobs paid
    payments.bounce_cheque(manager, first[0][2], "چک برگشت خورد", operation_id=op())  # clawback
    for n, office in enumerate(offices):
        collected(db, manager, office, labour=labour(2_000_000 + 100_000 * n))
    _batch(db, manager, paid=False)  # the second jobs in a draft batch
    again, invoice_id, cheque = collected(db, manager, offices[1], cheque=True)
    payments.bounce_cheque(manager, cheque, "چک برگشت خورد", operation_id=op())
    total = InvoiceService(db).detail(manager, invoice_id).row.total
    pay(db, manager, offices[1], invoice_id, total)  # collected again: a second payable
    _, _, bounced = collected(db, manager, offices[2], cheque=True, labour=labour(900_000))
    payments.bounce_cheque(manager, bounced, "چک برگشت خورد", operation_id=op())  # held
    for n, office in enumerate(offices):
        collected(db, manager, office, labour=labour(1_200_000 + 300_000 * n))  # due
        done_and_invoiced(db, manager, office)  # held: not collected
    ledger = WageLedgerService(db)
    for n, office in enumerate(offices):
        member = ledger.terms(manager, office.group.id).members[-1]
        reason = ("مساعده عید", "خرید ابزار", "بیماری")[n]
        ledger.record_advance(manager, member.id, str(50_000 * (3 - n)), reason, operation_id=op())
    for n, office in enumerate(offices[:2]):
        job = done_and_invoiced(db, manager, office)[0]
        spent = ledger.record_reimbursement(
            manager, job, str(70_000 + 40_000 * n), f"{4711 - n}", ("لوله", "شیر")[n],
            operation_id=op(),
        )  # fmt: skip
        if n == 0:
            ledger.approve_reimbursement(manager, spent.id, operation_id=op())
    return WageOfficeData(offices, again)
