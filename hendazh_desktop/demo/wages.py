"""Demo wages, through the real services, on the demo's own groups and jobs.

Before billing runs, ``prepare_wage_terms`` gives teams unequal shares and most members a Sheba
(some none: they are paid in cash) and a few groups a withholding; the splits the billing demo
posts then become payables divided by those shares. ``make_wages`` adds a reimbursement and
advances, pays a batch, bounces a pending cheque behind one of its wages (a clawback), and
leaves a second batch awaiting a manager's approval; other groups' wages stay due, and done
jobs whose money is not in are held.
"""

from __future__ import annotations

import contextlib
import random
import uuid

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.jalali import format_date, today_local
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.queries import BillingQueries
from hendazh_desktop.services.billing.records import PaymentDraft, PaymentFilter
from hendazh_desktop.services.dispatch.work_groups import WorkGroupService
from hendazh_desktop.services.wages.office import WageOffice
from hendazh_desktop.services.wages.queries import PayableFilter

BANKS = ("017", "012", "054", "055", "056", "062", "016")
START = "1390/01/01"


def _op() -> str:
    return str(uuid.uuid4())


def iban_for(bank: str, account: str) -> str:
    """A valid Iranian IBAN for a 3-digit bank code and an account of up to 19 digits."""
    bban = bank.rjust(3, "0")[-3:] + account.rjust(19, "0")[-19:]
    check = 98 - int(bban + "182700") % 97  # "IR" = 18 27, then the check digits 00
    return f"IR{check:02d}{bban}"


def prepare_wage_terms(db: Database, actor: Actor, rng: random.Random) -> None:
    """Unequal shares in teams, Shebas (the last member of every third team has none) and a
    5% withholding on every fourth group."""
    wages = WageOffice.on(db)
    for n, group in enumerate(WorkGroupService(db).list_groups(actor)):
        members = wages.ledger.terms(actor, group.id).members
        shares = {m.id: str(len(members) - i) for i, m in enumerate(members)}
        ibans = {
            m.id: iban_for(rng.choice(BANKS), str(rng.randint(10**9, 10**12)))
            for i, m in enumerate(members)
            if not (n % 3 == 0 and len(members) > 1 and i == len(members) - 1)
        }
        wages.ledger.set_terms(
            actor, group.id, shares=shares, ibans=ibans, withholding="5" if n % 4 == 0 else ""
        )


def _uncollected(db: Database, actor: Actor, reason: str) -> list[tuple[int, str]]:
    """Held jobs for ``reason`` (not collected, or collection reversed): (request, status),
    newest first."""
    wages = WageOffice.on(db)
    held = wages.queries.payables(actor, PayableFilter(state="held"), 0, 1000)
    found = []
    with db.read() as uow:
        for row in held:
            request = uow.requests.get(row.request_id)
            if row.reason == reason and request is not None:
                found.append((request.id, request.status))
    return found


def _collect(db: Database, actor: Actor, request_id: int, *, cheque: str = "") -> None:
    """Issue the job's final invoice if need be and pay what it owes (by a pending cheque
    numbered ``cheque``, or in cash)."""
    invoices = InvoiceService(db)
    with db.read() as uow:
        final = [
            i.id
            for i in uow.billing.invoices_of_request(request_id)
            if i.kind == "final"
            and i.issued_at is not None
            and uow.billing.credit_note_of(i.id) is None
        ]
        request = uow.requests.get(request_id)
        subscriber = request.subscriber_id if request is not None else None
    if subscriber is None:
        return
    if final:
        invoice_id = final[-1]
    else:
        draft = invoices.draft_final(actor, request_id)
        invoice_id = invoices.issue(
            actor, draft.row.id, operation_id=_op(), expected_version=draft.row.version
        ).row.id
    with db.read() as uow:
        balance = uow.billing.balance(invoice_id)
        owed = balance.balance if balance is not None else 0
    if owed > 0:
        PaymentService(db).record_payment(
            actor,
            PaymentDraft(
                _op(),
                subscriber,
                "cheque" if cheque else "cash",
                str(owed),
                invoice_id=invoice_id,
                cheque_number=cheque,
                cheque_bank="ملت" if cheque else "",
                cheque_due_on="1410/01/01" if cheque else "",
            ),
        )


def _pending_cheque_behind(db: Database, actor: Actor) -> tuple[int, int] | None:
    """A pending cheque that paid for a job whose wage is due: (payment id, group id)."""
    wages = WageOffice.on(db)
    rows = wages.queries.payables(actor, PayableFilter(state="due"), 0, 1000)
    due = {r.request_id: r.group_id for r in rows}
    cheques = BillingQueries(db).payments(actor, PaymentFilter(cheque_state="pending"), 0, 500)
    for cheque in cheques:
        with db.read() as uow:
            paid = [i.request_id for i in uow.billing.invoices_paid_by(cheque.id)]
        for request_id in paid:
            if request_id in due:
                return cheque.id, due[request_id]
    return None


def make_wages(db: Database, actor: Actor, rng: random.Random) -> int:
    """Wages in every state; returns how many batches exist."""
    wages = WageOffice.on(db)
    jobs = _uncollected(db, actor, "not_collected")
    held = next((r for r, status in jobs if status == "done"), None)  # stays held
    rest = [r for r, _ in jobs if r != held]
    later = [rest.pop() for _ in range(min(1, max(0, len(rest) - 1)))]  # collected later
    # a job whose invoice was credited is invoiced again and paid (after the batches): due
    later += [r for r, _ in _uncollected(db, actor, "collection_reversed")][-1:]
    for n, request_id in enumerate(rest):
        _collect(db, actor, request_id, cheque=str(rng.randint(10**6, 10**7)) if n == 0 else "")
    due = wages.queries.payables(actor, PayableFilter(state="due"), 0, 1000)
    if not due:
        return 0
    cheque = _pending_cheque_behind(db, actor)
    first = due[-1]
    terms = wages.ledger.terms(actor, first.group_id)
    spent = wages.ledger.record_reimbursement(
        actor, first.request_id, "۳۵۰٬۰۰۰", "ف-۴۰۲۱", "لوله و اتصالات", operation_id=_op()
    )
    wages.ledger.approve_reimbursement(actor, spent.id, operation_id=_op())
    wages.ledger.record_advance(
        actor, terms.members[0].id, "200000", "مساعده عید", operation_id=_op()
    )
    day = format_date(today_local())
    batch = wages.batches.build(actor, START, day, operation_id=_op())
    wages.batches.pay(
        actor,
        batch.batch.id,
        bank_ref=f"DEMO-{rng.randint(100000, 999999)}",
        paid_on=day,
        expected_version=batch.batch.version,
        operation_id=_op(),
    )
    if cheque is not None:  # bounced after the wage was paid: clawed back next time
        PaymentService(db).bounce_cheque(actor, cheque[0], "کسری موجودی", operation_id=_op())
    wages.batches.set_approval_required(actor, True)
    if later:
        _collect(db, actor, later.pop(0))
        # awaits approval (unless the clawback outweighs what came in: nothing to pay yet)
        with contextlib.suppress(ValidationError):
            wages.batches.build(actor, START, day, operation_id=_op())
    for request_id in later:
        _collect(db, actor, request_id)  # due: collected after the batches were built
    return len(wages.queries.batches(actor))
