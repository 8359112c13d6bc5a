"""Payments: receipts of every kind applied to invoices, cheques cleared or bounced,
credit applied or refunded; each takes effect exactly once per operation id."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.errors import DuplicateOperation
from hendazh_desktop.db.models.billing import ChequeEvent, Invoice, Payment
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.billing import (
    RECEIPT_SERIES,
    REFUND_SERIES,
    ChequeState,
    InvoiceKind,
    PaymentMethod,
)
from hendazh_desktop.domain.errors import Conflict, FormErrorCollector, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.jalali import fiscal_year_of, parse_date, today_local
from hendazh_desktop.domain.money import CurrencyUnit, parse_amount
from hendazh_desktop.domain.operations import Operation, check_replay, parse_operation_id
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.text import to_ascii_digits
from hendazh_desktop.services.accounts.audit_trail import record
from hendazh_desktop.services.billing import milestones, posting
from hendazh_desktop.services.billing.operations import recorded_operation
from hendazh_desktop.services.billing.queries import payment_row_of
from hendazh_desktop.services.billing.records import PaymentDraft, PaymentRow
from hendazh_desktop.services.clock import Clock, system_clock

_REFERENCE = re.compile(r"^[0-9A-Za-z\-]{4,30}$", re.ASCII)
_CHEQUE_NUMBER = re.compile(r"^\d{4,20}$", re.ASCII)
REFUND_METHODS = (PaymentMethod.CASH, PaymentMethod.CARD_TO_CARD, PaymentMethod.TRANSFER)


@dataclass(frozen=True, slots=True)
class CleanPayment:
    """A payment draft after validation."""

    method: PaymentMethod
    amount: int
    reference: str
    cheque_number: str | None
    cheque_bank: str | None
    cheque_due_on: dt.date | None
    note: str


def validate(draft: PaymentDraft, unit: CurrencyUnit) -> CleanPayment:
    """Check every field at once; a Persian message per field, nothing written."""
    errors = FormErrorCollector()
    method = (
        PaymentMethod(draft.method) if draft.method in {m.value for m in PaymentMethod} else None
    )
    if method is None:
        errors.add("method", "invalid")
    amount = errors.check(parse_amount, draft.amount, field="amount", unit=unit)
    reference = to_ascii_digits(draft.reference.strip())
    if method in (PaymentMethod.CARD, PaymentMethod.CARD_TO_CARD, PaymentMethod.TRANSFER):
        if not reference:
            errors.add("reference", "required")
        elif not _REFERENCE.match(reference):
            errors.add("reference", "reference_format")
    cheque_number = bank = due = None
    if method is PaymentMethod.CHEQUE:
        cheque_number = to_ascii_digits(draft.cheque_number.strip())
        if not _CHEQUE_NUMBER.match(cheque_number):
            errors.add("cheque_number", "cheque_number_format")
        bank = errors.check(
            clean_text,
            draft.cheque_bank,
            field="cheque_bank",
            max_length=60,
            required=True,
            min_length=2,
        )
        due = errors.check(parse_date, draft.cheque_due_on, field="cheque_due_on")
    note = errors.check(clean_text, draft.note, field="note", max_length=300)
    errors.raise_if_any()
    assert method is not None and amount is not None
    return CleanPayment(
        method,
        amount,
        reference if method not in (PaymentMethod.CASH, PaymentMethod.CHEQUE) else "",
        cheque_number,
        bank,
        due,
        note or "",
    )


class PaymentService:
    """What the accountant records when money comes in or goes back."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def record_payment(self, actor: Actor, draft: PaymentDraft) -> PaymentRow:
        """Record a receipt and apply it: to the invoice named, else (a materials prepayment)
        to the job, else to the subscriber's oldest open invoices; the rest stays as credit."""
        require(actor, Permission.RECORD_PAYMENTS)
        draft = dataclasses.replace(draft, operation_id=parse_operation_id(draft.operation_id))
        with self._db.read() as uow:
            unit = CurrencyUnit(uow.catalogue.setting("display_currency") or "rial")
        clean = validate(draft, unit)
        wanted = Operation(
            "payment", (draft.subscriber_id, clean.amount, clean.method.value, draft.request_id)
        )
        try:
            return self._record(actor, draft, clean, wanted)
        except DuplicateOperation:  # the same submission, committed by a racing retry
            return self._replayed(draft.operation_id, wanted)

    def _record(
        self, actor: Actor, draft: PaymentDraft, clean: CleanPayment, wanted: Operation
    ) -> PaymentRow:
        with self._db.write() as uow:
            if check_replay(recorded_operation(uow, draft.operation_id), wanted):
                return self._first_result(uow, draft.operation_id)
            subscriber = uow.billing.subscriber(draft.subscriber_id)
            if subscriber is None:
                raise ValidationError("subscriber", "subscriber_not_found")
            target = self._target_invoice(uow, draft)
            request = None
            if draft.request_id is not None:
                request = uow.requests.get(draft.request_id, for_update=True)
                if request is None or request.subscriber_id != subscriber.id:
                    raise ValidationError("request", "request_not_of_subscriber")
            now = posting.issuing_moment(uow, RECEIPT_SERIES, self._clock)
            day = today_local(now)
            year = fiscal_year_of(day)
            payment = Payment(
                operation_id=draft.operation_id,
                direction="in",
                series=RECEIPT_SERIES,
                fiscal_year=year,
                number=uow.billing.next_number(RECEIPT_SERIES, year),
                subscriber_id=subscriber.id,
                request_id=draft.request_id,
                method=clean.method.value,
                amount=clean.amount,
                reference=clean.reference,
                cheque_number=clean.cheque_number,
                cheque_bank=clean.cheque_bank,
                cheque_due_on=clean.cheque_due_on,
                note=clean.note,
                received_at=now,
                received_on=day,
                recorded_by=actor.user_id,
            )
            uow.billing.add(payment)
            posting.refresh_payment(uow, payment)
            if target is not None:
                posting.apply_credit(uow, actor, now, target, [payment])
            elif request is not None:
                for inv in uow.billing.open_invoices(subscriber.id):
                    if inv.request_id == request.id:
                        posting.apply_credit(uow, actor, now, inv, [payment])
            else:
                for inv in uow.billing.open_invoices(subscriber.id):
                    posting.apply_credit(uow, actor, now, inv, [payment])
            if request is not None:
                milestones.refresh_materials(uow, request, actor, now, f"دریافت {payment.number}")
            record(
                uow,
                self._clock,
                actor,
                "payment",
                payment.id,
                AuditAction.CREATE,
                None,
                {"amount": payment.amount, "method": payment.method, "number": payment.number},
            )
            uow.commit()
            return payment_row_of(uow, payment.id)

    def _replayed(self, operation_id: str, wanted: Operation) -> PaymentRow:
        with self._db.read() as uow:
            if not check_replay(recorded_operation(uow, operation_id), wanted):
                raise Conflict("stale", entity="payment", id=operation_id)
            return self._first_result(uow, operation_id)

    @staticmethod
    def _first_result(uow: UnitOfWork, operation_id: str) -> PaymentRow:
        done = uow.billing.payment_by_operation(operation_id)
        assert done is not None
        return payment_row_of(uow, done.id)

    def clear_cheque(self, actor: Actor, payment_id: int, *, operation_id: str) -> PaymentRow:
        return self._cheque_outcome(actor, payment_id, ChequeState.CLEARED, "", operation_id)

    def bounce_cheque(
        self, actor: Actor, payment_id: int, reason: str, *, operation_id: str
    ) -> PaymentRow:
        """The cheque bounced: what it paid is unpaid again, and what hung on it is undone."""
        why = clean_text(reason, field="reason", max_length=300, required=True, min_length=3)
        return self._cheque_outcome(actor, payment_id, ChequeState.BOUNCED, why, operation_id)

    def _cheque_outcome(
        self, actor: Actor, payment_id: int, state: ChequeState, why: str, operation_id: str
    ) -> PaymentRow:
        require(actor, Permission.RECORD_PAYMENTS)
        operation_id = parse_operation_id(operation_id)
        wanted = Operation(f"cheque_{state.value}", (payment_id,))
        try:
            return self._decide_cheque(actor, payment_id, state, why, operation_id, wanted)
        except DuplicateOperation:
            with self._db.read() as uow:
                if not check_replay(recorded_operation(uow, operation_id), wanted):
                    raise Conflict("stale", entity="payment", id=operation_id) from None
                return payment_row_of(uow, payment_id)

    def _decide_cheque(
        self,
        actor: Actor,
        payment_id: int,
        state: ChequeState,
        why: str,
        operation_id: str,
        wanted: Operation,
    ) -> PaymentRow:
        with self._db.write() as uow:
            if check_replay(recorded_operation(uow, operation_id), wanted):
                return payment_row_of(uow, payment_id)
            payment = uow.billing.payment(payment_id)
            if payment is None:
                raise NotFound("payment", payment_id)
            if payment.method != PaymentMethod.CHEQUE.value:
                raise Conflict("not_a_cheque")
            if uow.billing.cheque_event(payment_id) is not None:
                raise Conflict("cheque_decided")
            now = self._clock()
            uow.billing.add(
                ChequeEvent(
                    payment_id=payment_id,
                    kind=state.value,
                    reason=why,
                    at=now,
                    user_id=actor.user_id,
                    operation_id=operation_id,
                )
            )
            balance = posting.refresh_payment(uow, payment)
            balance.cheque_state = state.value
            if state is ChequeState.BOUNCED:
                touched: list[Invoice] = []
                for allocation in uow.billing.live_allocations_from(payment_id):
                    posting.reverse(uow, allocation, actor, now)
                    invoice = uow.billing.invoice(allocation.invoice_id or 0)
                    assert invoice is not None
                    touched.append(invoice)
                for invoice in touched:
                    posting.refresh_invoice(
                        uow, invoice, actor, now, f"برگشت چک {payment.cheque_number}: {why}"
                    )
                if payment.request_id is not None:
                    request = uow.requests.get(payment.request_id)
                    assert request is not None
                    milestones.refresh_materials(
                        uow, request, actor, now, f"برگشت چک {payment.cheque_number}"
                    )
            posting.refresh_payment(uow, payment)
            record(
                uow,
                self._clock,
                actor,
                "payment",
                payment_id,
                AuditAction.UPDATE,
                None,
                {"cheque": state.value, "reason": why},
            )
            uow.commit()
            return payment_row_of(uow, payment_id)

    def apply_credit(self, actor: Actor, subscriber_id: int, invoice_id: int) -> int:
        """Settle an open invoice from the subscriber's unapplied payments; returns the amount."""
        require(actor, Permission.RECORD_PAYMENTS)
        with self._db.write() as uow:
            invoice = uow.billing.invoice(invoice_id)
            if (
                invoice is None
                or invoice.subscriber_id != subscriber_id
                or invoice.kind == InvoiceKind.CREDIT_NOTE.value
                or invoice.issued_at is None
            ):
                raise ValidationError("invoice", "invoice_not_payable")
            moved = posting.apply_credit(
                uow, actor, self._clock(), invoice, uow.billing.payments_with_credit(subscriber_id)
            )
            uow.commit()
            return moved

    def refund(
        self,
        actor: Actor,
        subscriber_id: int,
        amount: str,
        method: str,
        reference: str,
        *,
        operation_id: str,
        note: str = "",
    ) -> PaymentRow:
        """Pay back part of the subscriber's credit (settled money only, oldest first)."""
        require(actor, Permission.RECORD_PAYMENTS)
        operation_id = parse_operation_id(operation_id)
        with self._db.read() as uow:
            unit = CurrencyUnit(uow.catalogue.setting("display_currency") or "rial")
        draft = PaymentDraft(operation_id, subscriber_id, method, amount, reference, note=note)
        clean = validate(draft, unit)
        if clean.method not in REFUND_METHODS:
            raise ValidationError("method", "refund_method")
        wanted = Operation("refund", (subscriber_id, clean.amount, clean.method.value, None))
        try:
            return self._refund(actor, subscriber_id, clean, operation_id, wanted)
        except DuplicateOperation:
            return self._replayed(operation_id, wanted)

    def _refund(
        self,
        actor: Actor,
        subscriber_id: int,
        clean: CleanPayment,
        operation_id: str,
        wanted: Operation,
    ) -> PaymentRow:
        with self._db.write() as uow:
            if check_replay(recorded_operation(uow, operation_id), wanted):
                return self._first_result(uow, operation_id)
            sources = uow.billing.payments_with_credit(subscriber_id, refundable=True)
            available = sum(posting.refresh_payment(uow, p).unapplied for p in sources)
            if clean.amount > available:
                raise ValidationError("amount", "refund_too_large", amount=available)
            now = posting.issuing_moment(uow, REFUND_SERIES, self._clock)
            day = today_local(now)
            year = fiscal_year_of(day)
            refund = Payment(
                operation_id=operation_id,
                direction="out",
                series=REFUND_SERIES,
                fiscal_year=year,
                number=uow.billing.next_number(REFUND_SERIES, year),
                subscriber_id=subscriber_id,
                method=clean.method.value,
                amount=clean.amount,
                reference=clean.reference,
                note=clean.note,
                received_at=now,
                received_on=day,
                recorded_by=actor.user_id,
            )
            uow.billing.add(refund)
            posting.refresh_payment(uow, refund)
            left = clean.amount
            for source in sources:
                take = min(left, posting.refresh_payment(uow, source).unapplied)
                if take > 0:
                    posting.allocate(uow, actor, now, take, payment=source, refund=refund)
                    posting.refresh_payment(uow, source)
                    left -= take
            assert left == 0
            record(
                uow,
                self._clock,
                actor,
                "payment",
                refund.id,
                AuditAction.CREATE,
                None,
                {"refund": clean.amount},
            )
            uow.commit()
            return payment_row_of(uow, refund.id)

    @staticmethod
    def _target_invoice(uow: UnitOfWork, draft: PaymentDraft) -> Invoice | None:
        if draft.invoice_id is None:
            return None
        invoice = uow.billing.invoice(draft.invoice_id)
        if (
            invoice is None
            or invoice.subscriber_id != draft.subscriber_id
            or invoice.issued_at is None
            or invoice.kind == InvoiceKind.CREDIT_NOTE.value
        ):
            raise ValidationError("invoice", "invoice_not_payable")
        return invoice
