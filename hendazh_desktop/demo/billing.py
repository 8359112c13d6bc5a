"""Demo invoices and payments in every state, made through the real billing use cases."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable

from hendazh_desktop.db.bulk import bulk_writer
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.billing import INVOICE_SERIES, InvoiceKind, InvoiceState
from hendazh_desktop.domain.invoicing import line_amounts
from hendazh_desktop.domain.jalali import fiscal_year_of, to_jalali, today_local
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.requests import RequestStatus
from hendazh_desktop.domain.tax_id import tax_number
from hendazh_desktop.domain.vat import VatEntry
from hendazh_desktop.services.accounts.settings import load_settings
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.posting import UNIT_SERVICE, rounding, service_line
from hendazh_desktop.services.billing.records import DraftChanges, PaymentDraft
from hendazh_desktop.services.dispatch.pricing import PricingService
from hendazh_desktop.services.requests.queue import QueueService

BANKS = ("ملت", "ملی", "صادرات", "تجارت", "سپه", "پاسارگاد")
Clock = Callable[[], dt.datetime]


def _op() -> str:
    return str(uuid.uuid4())


def _jalali(day: dt.date) -> str:
    y, m, d = to_jalali(day)
    return f"{y}/{m:02d}/{d:02d}"


def _at(moment: dt.datetime) -> Clock:
    return lambda: moment


# The demo office as the tax office needs it on every invoice (valid check digits).
DEMO_COMPANY = {
    "legal_name": "هنداژمون (سهامی خاص)",
    "economic_code": "411345678912",
    "national_id": "14103790006",
    "registration_number": "54321",
    "address": "شیراز، بلوار زند، کوچه ۱۲، پلاک ۳",
    "postal_code": "7134845678",
    "phone": "07132345678",
    "tax_memory_id": "A1B2C3",  # سامانه مودیان: every demo invoice gets its tax number
}


def fill_company(db: Database) -> None:
    """Give the demo office its company details where they are still empty (issuing is
    refused without the economic code and national ID); what an office typed is kept."""
    with db.write() as uow:
        for key, value in DEMO_COMPANY.items():
            if not (uow.catalogue.setting(key) or "").strip():
                uow.catalogue.set_setting(key, value)
        for service in uow.catalogue.services(include_inactive=True):
            if not service.tax_service_id:  # a demo ID in the system's 13-digit form
                service.tax_service_id = f"2710000{service.id:06d}"
        uow.commit()


def prepayment_invoices(db: Database, actor: Actor) -> list[int]:
    """Issue the prepayment invoice of every bulk-made request still awaiting one, dated the
    day the request was made (so receivables have an age), numbered in date order; written in
    bulk, with the amounts the posting rules give (``issue_prepayment_invoice`` one by one
    took minutes at a million subscribers)."""
    with db.read() as uow:
        waiting = uow.billing.uninvoiced_awaiting_prepayment(limit=10**9)
        way = rounding(uow)
        memory_id = load_settings(uow).tax_memory_id
        services = {s.id: s for s in uow.catalogue.services(include_inactive=True)}
        rates: dict[tuple[int, dt.date], VatEntry] = {}
        planned = []
        for request in waiting:
            service = services[request.service_id]
            day = today_local(request.created_at)
            key = (service.id, day)
            if key not in rates:
                rates[key] = uow.billing.vat_on(service.id, day)
            line = service_line(service, rates[key])
            planned.append(
                (
                    (request.id, request.subscriber_id, request.created_at),
                    (service.id, service.code, service.name),
                    day,
                    line,
                    line_amounts(line, way),
                )
            )
    made: list[int] = []
    with bulk_writer(db) as writer:
        invoice_id = writer.next_id("invoices")
        numbers: dict[int, int] = {}
        invoices, lines, issued, balances = [], [], [], []
        for (request_id, subscriber_id, created_at), (
            service_id,
            code,
            name,
        ), day, line, amounts in planned:
            year = fiscal_year_of(day)
            if year not in numbers:
                numbers[year] = writer.last_number(INVOICE_SERIES, year)
            numbers[year] += 1
            at = created_at.astimezone(dt.UTC).replace(tzinfo=None)
            invoices.append(
                (
                    invoice_id,
                    InvoiceKind.PREPAYMENT.value,
                    INVOICE_SERIES,
                    subscriber_id,
                    request_id,
                    service_id,
                    "cash",
                    "",
                    amounts.gross,
                    amounts.discount,
                    amounts.net,
                    amounts.vat,
                    amounts.total,
                    at,
                    actor.user_id,
                    2,
                )
            )
            lines.append(
                (
                    invoice_id,
                    0,
                    code,
                    name,
                    1,
                    UNIT_SERVICE,
                    line.unit_price,
                    0,
                    line.vat_bp,
                    line.vat_exempt,
                    amounts.gross,
                    amounts.net,
                    amounts.vat,
                    amounts.total,
                )
            )
            issued.append(
                (
                    year,
                    numbers[year],
                    at,
                    day,
                    actor.user_id,
                    f"prepay-{request_id}-{invoice_id}",
                    tax_number(memory_id, created_at, invoice_id) if memory_id else None,
                    invoice_id,
                )
            )
            balances.append((invoice_id, InvoiceState.OPEN.value, 0, 0, amounts.total))
            made.append(invoice_id)
            invoice_id += 1
        writer.insert("invoices", invoices)
        writer.insert("invoice_lines", lines)
        writer.issue_invoices(issued)
        writer.insert("invoice_balances", balances)
        for year, last in numbers.items():
            writer.set_last_number(INVOICE_SERIES, year, last)
    return made


def _payment(db: Database, actor: Actor, at: dt.datetime, draft: PaymentDraft) -> int:
    return PaymentService(db, clock=_at(at)).record_payment(actor, draft).id


def settle_prepayments(
    db: Database, actor: Actor, rng: random.Random, invoice_ids: list[int]
) -> None:
    """Pay some prepayment invoices in full, some in part, some by cheque (one bounces).

    Each payment is back-dated to some hours after its invoice, and they are recorded in the
    order of those moments: a numbered series runs in date order, in the demo too."""
    payments = PaymentService(db)
    chosen = invoice_ids[: max(12, len(invoice_ids) // 3)]
    planned = []
    now = dt.datetime.now(dt.UTC)
    for n, invoice_id in enumerate(chosen):
        with db.read() as uow:
            invoice = uow.billing.invoice(invoice_id)
            assert invoice is not None and invoice.issued_at is not None
            subscriber, total, issued = invoice.subscriber_id, invoice.total, invoice.issued_at
        at = min(issued + dt.timedelta(hours=rng.randint(1, 30)), now)
        planned.append((at, n, invoice_id, subscriber, total))
    for at, n, invoice_id, subscriber, total in sorted(planned):
        kind = n % 6
        if kind in (0, 1):
            _payment(
                db,
                actor,
                at,
                PaymentDraft(_op(), subscriber, "cash", str(total), invoice_id=invoice_id),
            )
        elif kind == 2:
            ref = str(rng.randint(100_000, 999_999))
            _payment(
                db,
                actor,
                at,
                PaymentDraft(
                    _op(), subscriber, "card", str(total // 2), reference=ref, invoice_id=invoice_id
                ),
            )
        elif kind in (3, 4):
            due = _jalali((at + dt.timedelta(days=rng.randint(5, 40))).date())
            cheque = _payment(
                db,
                actor,
                at,
                PaymentDraft(
                    _op(),
                    subscriber,
                    "cheque",
                    str(total),
                    cheque_number=str(rng.randint(10**6, 10**7)),
                    cheque_bank=rng.choice(BANKS),
                    cheque_due_on=due,
                    invoice_id=invoice_id,
                ),
            )
            if n % 12 == 3:
                payments.bounce_cheque(
                    actor, cheque, "کسری موجودی حساب صادرکننده", operation_id=_op()
                )
            elif n % 12 == 4:
                payments.clear_cheque(actor, cheque, operation_id=_op())
        else:
            ref = str(rng.randint(10**8, 10**9))
            _payment(
                db,
                actor,
                at,
                PaymentDraft(
                    _op(),
                    subscriber,
                    "transfer",
                    str(total + 500_000),
                    reference=ref,
                    invoice_id=invoice_id,
                ),
            )


def finish_with_materials(db: Database, actor: Actor, rng: random.Random) -> None:
    """Agreed jobs with materials: ask the prepayment, take it, do the work."""
    invoices, queue, pricing = InvoiceService(db), QueueService(db), PricingService(db)
    with db.read() as uow:
        agreed = uow.billing.requests_in(RequestStatus.AGREED.value)
    for n, (request_id, subscriber_id) in enumerate(agreed):
        status = invoices.money_status(actor, request_id)
        if status.materials_default <= 0 or subscriber_id is None:
            continue
        asked = invoices.ask_materials_prepayment(actor, request_id)
        if n % 3 == 2:
            continue  # still waiting for the materials prepayment
        ref = str(rng.randint(100_000, 999_999))
        PaymentService(db).record_payment(
            actor,
            PaymentDraft(
                _op(),
                subscriber_id,
                "card_to_card",
                str(asked),
                reference=ref,
                request_id=request_id,
            ),
        )
        version = queue.get(actor, request_id).version
        pricing.start_work(actor, request_id, expected_version=version)
        pricing.finish(actor, request_id, expected_version=version + 1)


def final_invoices(db: Database, actor: Actor, rng: random.Random) -> None:
    """Finished jobs: drafts, issued and unpaid, part paid, paid, and one credited."""
    invoices, payments = InvoiceService(db), PaymentService(db)
    with db.read() as uow:
        done = uow.billing.requests_in(RequestStatus.DONE.value)
    # n % 6: 0 paid then credited, 1 part paid, 2 issued and unpaid, 3 paid, 4 draft,
    # 5 paid after a discount
    eligible = [
        (request_id, subscriber_id)
        for request_id, subscriber_id in done
        if subscriber_id is not None and invoices.money_status(actor, request_id).can_draft_final
    ]
    for n, (request_id, subscriber_id) in enumerate(eligible):
        assert subscriber_id is not None
        draft = invoices.draft_final(actor, request_id)
        kind = n % 6
        if kind == 4:
            continue
        if kind == 5:
            discounts = tuple(
                "100000" if i == 0 and x.gross > 100_000 else "" for i, x in enumerate(draft.lines)
            )
            draft = invoices.update_draft(
                actor,
                draft.row.id,
                DraftChanges(discounts, "cash", "", "با تشکر از انتخاب شما"),
                expected_version=draft.row.version,
            )
        issued = invoices.issue(
            actor, draft.row.id, operation_id=_op(), expected_version=draft.row.version
        )
        balance = issued.row.balance
        if balance <= 0 or kind == 2:
            continue
        amount = balance // 2 if kind == 1 else balance
        payments.record_payment(
            actor,
            PaymentDraft(
                _op(),
                subscriber_id,
                "card",
                str(amount),
                reference=str(rng.randint(10**5, 10**6)),
                invoice_id=issued.row.id,
            ),
        )
        if kind == 0:
            invoices.credit_note(
                actor, issued.row.id, "مبلغ اشتباه؛ صورتحساب اصلاحی صادر می‌شود", operation_id=_op()
            )


def make_billing(db: Database, actor: Actor, rng: random.Random) -> int:
    """Every billing state a newcomer should see; returns how many invoices exist."""
    prepaid = prepayment_invoices(db, actor)
    settle_prepayments(db, actor, rng, prepaid)
    finish_with_materials(db, actor, rng)
    final_invoices(db, actor, rng)
    with db.read() as uow:
        return uow.billing_lists.count(uow.billing_lists.invoice_query(count=True))
