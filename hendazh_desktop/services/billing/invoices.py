"""Invoices: the final invoice drafted from the agreed price, issued with a gapless number,
cancelled only by a credit note; the materials prepayment asked for a job."""

from __future__ import annotations

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.errors import DuplicateOperation
from hendazh_desktop.db.models.billing import Invoice, InvoiceBalance, MaterialsPrepayment
from hendazh_desktop.db.models.core import ServiceRequest
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.billing import InvoiceKind, PaymentTerms
from hendazh_desktop.domain.errors import Conflict, FormErrorCollector, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.invoicing import InvoiceLineInput
from hendazh_desktop.domain.jalali import parse_date, today_local
from hendazh_desktop.domain.money import basis_points_of, parse_amount
from hendazh_desktop.domain.operations import Operation, check_replay, parse_operation_id
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.pricing import LineKind
from hendazh_desktop.domain.requests import RequestStatus
from hendazh_desktop.services.accounts.audit_trail import record
from hendazh_desktop.services.billing import milestones, posting
from hendazh_desktop.services.billing.operations import recorded_operation
from hendazh_desktop.services.billing.queries import detail_of
from hendazh_desktop.services.billing.records import DraftChanges, InvoiceDetail, PrepaymentStatus
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.requests.lifecycle import record_transition

S = RequestStatus
FINAL_INVOICE_FROM = (S.DONE.value, S.INVOICED.value)


class InvoiceService:
    """What the accountant does with invoices."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def detail(self, actor: Actor, invoice_id: int) -> InvoiceDetail:
        require(actor, Permission.VIEW_BILLING)
        with self._db.read() as uow:
            return detail_of(uow, self._invoice(uow, invoice_id))

    def money_status(self, actor: Actor, request_id: int) -> PrepaymentStatus:
        """Prepayment invoice, materials prepayment and final invoice of one request."""
        require(actor, Permission.VIEW_BILLING)
        with self._db.read() as uow:
            request = self._request(uow, request_id)
            service = uow.catalogue.service(request.service_id)
            assert service is not None
            prepay = final = None
            for inv in uow.billing.invoices_of_request(request_id):
                if uow.billing.credit_note_of(inv.id) is not None:
                    continue
                if inv.kind == InvoiceKind.PREPAYMENT.value:
                    prepay = inv
                elif inv.kind == InvoiceKind.FINAL.value:
                    final = inv
            prepay_row = uow.billing.balance(prepay.id) if prepay else None
            asked = uow.billing.materials_prepayment(request_id)
            price = uow.pricing.agreed_price(request_id)
            default = (
                basis_points_of(price.materials_total, service.materials_prepayment_bp)
                if price is not None and service.materials_prepayment_allowed
                else 0
            )
            subscriber = (
                uow.subscribers.get(request.subscriber_id) if request.subscriber_id else None
            )
            return PrepaymentStatus(
                subscriber_id=request.subscriber_id,
                subscriber_name=subscriber.name if subscriber else "",
                subscription_code=subscriber.code if subscriber else "",
                request_id=request_id,
                prepaid_service=service.payment_policy == "prepaid",
                prepayment_invoice_id=prepay.id if prepay else None,
                prepayment_balance=prepay_row.balance if prepay_row else 0,
                materials_asked=asked.amount if asked else 0,
                materials_paid=uow.billing.request_payments_total(request_id),
                materials_default=default,
                final_invoice_id=final.id if final else None,
                can_draft_final=final is None
                and request.status in FINAL_INVOICE_FROM
                and service.payment_policy != "prepaid",
            )

    def ask_materials_prepayment(self, actor: Actor, request_id: int, amount: str = "") -> int:
        """Ask for the materials prepayment of the agreed price: the typed amount, or the
        service's share of the materials cost when left empty. Returns the amount asked."""
        require(actor, Permission.RECORD_PAYMENTS)
        with self._db.write() as uow:
            request = self._request(uow, request_id, lock=True)
            service = uow.catalogue.service(request.service_id)
            price = uow.pricing.agreed_price(request_id)
            if service is None or not service.materials_prepayment_allowed:
                raise Conflict("no_materials_prepayment")
            if price is None or price.materials_total <= 0:
                raise Conflict("no_materials_in_price")
            if request.status != S.AGREED.value:
                raise Conflict("illegal_transition", current=request.status, target="in_progress")
            value: int
            if amount.strip():
                value = parse_amount(amount, field="amount")
            else:
                value = basis_points_of(price.materials_total, service.materials_prepayment_bp)
            if not 0 < value <= price.total:
                raise ValidationError("amount", "prepayment_range", amount=price.total)
            now = self._clock()
            uow.billing.add(
                MaterialsPrepayment(
                    request_id=request_id,
                    price_id=price.id,
                    amount=value,
                    asked_at=now,
                    asked_by=actor.user_id,
                )
            )
            milestones.refresh_materials(uow, request, actor, now, "درخواست پیش‌پرداخت مواد")
            record(
                uow,
                self._clock,
                actor,
                "request",
                request_id,
                AuditAction.UPDATE,
                None,
                {"materials_prepayment": value},
            )
            uow.commit()
            return value

    def draft_final(self, actor: Actor, request_id: int) -> InvoiceDetail:
        """The final invoice's draft from the agreed price (an existing draft is returned)."""
        require(actor, Permission.ISSUE_INVOICES)
        with self._db.write() as uow:
            request = self._request(uow, request_id, lock=True)
            live = [
                inv
                for inv in uow.billing.invoices_of_request(request_id)
                if inv.kind == InvoiceKind.FINAL.value
                and uow.billing.credit_note_of(inv.id) is None
            ]
            if live:
                if live[-1].issued_at is None:
                    return detail_of(uow, live[-1])
                raise Conflict("final_invoice_exists")
            service = uow.catalogue.service(request.service_id)
            assert service is not None and request.subscriber_id is not None
            if service.payment_policy == "prepaid":
                raise Conflict("prepaid_service_invoiced")
            if request.status not in FINAL_INVOICE_FROM:
                raise Conflict("illegal_transition", current=request.status, target="invoiced")
            price = uow.pricing.agreed_price(request_id)
            if price is None:
                raise Conflict("no_price")
            now = self._clock()
            vat = uow.billing.vat_on(service.id, today_local(now))
            invoice = Invoice(
                kind=InvoiceKind.FINAL.value,
                series="INV",
                subscriber_id=request.subscriber_id,
                request_id=request_id,
                service_id=service.id,
                terms=PaymentTerms.CASH.value,
                created_at=now,
                created_by=actor.user_id,
            )
            inputs = []
            for i, line in enumerate(price.lines):
                labour = line.kind == LineKind.LABOUR.value
                item = InvoiceLineInput(
                    line.description, line.quantity, line.unit_price, 0, vat.vat_bp, vat.exempt
                )
                inputs.append(item)
                invoice.lines.append(
                    posting.new_line(
                        i,
                        f"{service.code}-{'L' if labour else 'M'}",
                        line.description,
                        posting.UNIT_SERVICE if labour else posting.UNIT_ITEM,
                        item,
                    )
                )
            posting.set_lines(uow, invoice, inputs)
            uow.billing.add(invoice)
            uow.billing.add(
                InvoiceBalance(invoice_id=invoice.id, state="draft", balance=invoice.total)
            )
            uow.commit()
            return detail_of(uow, invoice)

    def update_draft(
        self, actor: Actor, invoice_id: int, changes: DraftChanges, *, expected_version: int
    ) -> InvoiceDetail:
        require(actor, Permission.ISSUE_INVOICES)
        errors = FormErrorCollector()
        discounts = [
            errors.check(parse_amount, text, field=f"line:{i}:discount") if text.strip() else 0
            for i, text in enumerate(changes.discounts)
        ]
        if changes.terms not in {t.value for t in PaymentTerms}:
            errors.add("terms", "invalid")
        due = (
            errors.check(parse_date, changes.due_on, field="due_on")
            if changes.due_on.strip()
            else None
        )
        notes = errors.check(
            clean_text, changes.notes, field="notes", max_length=500, multiline=True
        )
        errors.raise_if_any()
        with self._db.write() as uow:
            invoice = self._draft(uow, invoice_id, expected_version)
            if len(discounts) != len(invoice.lines):
                raise Conflict("stale", entity="invoice", id=invoice_id)
            inputs = posting.line_inputs(invoice)
            for i, (line, discount) in enumerate(zip(inputs, discounts, strict=True)):
                if not 0 <= (discount or 0) <= line.quantity * line.unit_price:
                    errors.add(f"line:{i}:discount", "discount_range")
            errors.raise_if_any()
            posting.set_lines(
                uow,
                invoice,
                [
                    InvoiceLineInput(
                        x.description, x.quantity, x.unit_price, d or 0, x.vat_bp, x.vat_exempt
                    )
                    for x, d in zip(inputs, discounts, strict=True)
                ],
            )
            invoice.terms = changes.terms
            invoice.due_on = due if changes.terms == PaymentTerms.CREDIT.value else None
            invoice.notes = notes or ""
            invoice.version += 1
            row = uow.billing.balance(invoice.id)
            if row is not None:
                row.balance = invoice.total
            uow.commit()
            return detail_of(uow, invoice)

    def issue(
        self, actor: Actor, invoice_id: int, *, operation_id: str, expected_version: int
    ) -> InvoiceDetail:
        """Number the draft and freeze it; prepayments already received for the job are applied.

        Replaying the same ``operation_id`` returns the invoice issued the first time.
        """
        require(actor, Permission.ISSUE_INVOICES)
        operation_id = parse_operation_id(operation_id)
        try:
            return self._issue(actor, invoice_id, operation_id, expected_version)
        except DuplicateOperation:  # the same submission, committed by a racing retry
            return self._replayed(operation_id, Operation("issue", (invoice_id,)))

    def _replayed(self, operation_id: str, wanted: Operation) -> InvoiceDetail:
        with self._db.read() as uow:
            if not check_replay(recorded_operation(uow, operation_id), wanted):
                raise Conflict("stale", entity="invoice", id=operation_id)
            return self._first_result(uow, operation_id)

    @staticmethod
    def _first_result(uow: UnitOfWork, operation_id: str) -> InvoiceDetail:
        done = uow.billing.invoice_by_operation(operation_id)
        assert done is not None
        return detail_of(uow, done)

    def _issue(
        self, actor: Actor, invoice_id: int, operation_id: str, expected_version: int
    ) -> InvoiceDetail:
        with self._db.write() as uow:
            if check_replay(
                recorded_operation(uow, operation_id), Operation("issue", (invoice_id,))
            ):
                return self._first_result(uow, operation_id)
            invoice = self._draft(uow, invoice_id, expected_version)
            now = posting.issue(uow, invoice, actor, self._clock, operation_id)
            request = uow.requests.get(invoice.request_id) if invoice.request_id else None
            if request is not None and request.status == S.DONE.value:
                record_transition(
                    uow,
                    request,
                    S.INVOICED,
                    actor,
                    now,
                    f"صورتحساب {invoice.fiscal_year}-{invoice.number}",
                )
            posting.refresh_invoice(uow, invoice, actor, now, "صدور")
            if request is not None and request.subscriber_id is not None:
                earmarked = uow.billing.payments_with_credit(
                    request.subscriber_id, request_id=request.id
                )
                posting.apply_credit(uow, actor, now, invoice, earmarked)
            record(
                uow,
                self._clock,
                actor,
                "invoice",
                invoice.id,
                AuditAction.CREATE,
                None,
                {"number": f"{invoice.fiscal_year}-{invoice.number}", "total": invoice.total},
            )
            uow.commit()
            return detail_of(uow, invoice)

    def discard_draft(self, actor: Actor, invoice_id: int, *, expected_version: int) -> None:
        """A draft was never a money record: it may be thrown away."""
        require(actor, Permission.ISSUE_INVOICES)
        with self._db.write() as uow:
            invoice = self._draft(uow, invoice_id, expected_version)
            row = uow.billing.balance(invoice.id)
            if row is not None:
                uow.session.delete(row)
            uow.session.delete(invoice)
            uow.commit()

    def issue_prepayment(self, actor: Actor, request_id: int) -> InvoiceDetail:
        """Issue the prepayment invoice of a prepaid request confirmed by someone who may not
        issue invoices (it waits, awaiting prepayment, for an accountant)."""
        require(actor, Permission.ISSUE_INVOICES)
        with self._db.write() as uow:
            request = self._request(uow, request_id, lock=True)
            if request.status != RequestStatus.AWAITING_PREPAYMENT.value:
                raise Conflict("illegal_transition", current=request.status, target="prepayment")
            invoice = posting.issue_prepayment_invoice(uow, request, actor, self._clock)
            assert invoice is not None
            uow.commit()
            return detail_of(uow, invoice)

    def credit_note(
        self, actor: Actor, invoice_id: int, reason: str, *, operation_id: str
    ) -> InvoiceDetail:
        """Cancel an issued invoice with a credit note naming it: payments applied to it go
        back to the subscriber's credit, and its paid-in-full (with what hangs on it) is undone."""
        require(actor, Permission.CREDIT_INVOICES)
        operation_id = parse_operation_id(operation_id)
        why = clean_text(reason, field="reason", max_length=300, required=True, min_length=3)
        try:
            return self._credit(actor, invoice_id, why, operation_id)
        except DuplicateOperation:
            return self._replayed(operation_id, Operation("credit_note", (invoice_id,)))

    def _credit(self, actor: Actor, invoice_id: int, why: str, operation_id: str) -> InvoiceDetail:
        with self._db.write() as uow:
            wanted = Operation("credit_note", (invoice_id,))
            if check_replay(recorded_operation(uow, operation_id), wanted):
                return self._first_result(uow, operation_id)
            original = self._invoice(uow, invoice_id)
            if original.issued_at is None or original.kind == InvoiceKind.CREDIT_NOTE.value:
                raise Conflict("not_creditable")
            if uow.billing.credit_note_of(original.id) is not None:
                raise Conflict("already_credited")
            note = posting.credit_invoice(uow, original, actor, self._clock, why, operation_id)
            record(
                uow,
                self._clock,
                actor,
                "invoice",
                original.id,
                AuditAction.UPDATE,
                None,
                {"credit_note": f"{note.fiscal_year}-{note.number}", "reason": why},
            )
            uow.commit()
            return detail_of(uow, note)

    @staticmethod
    def _invoice(uow: UnitOfWork, invoice_id: int) -> Invoice:
        invoice = uow.billing.invoice(invoice_id)
        if invoice is None:
            raise NotFound("invoice", invoice_id)
        return invoice

    def _draft(self, uow: UnitOfWork, invoice_id: int, expected_version: int) -> Invoice:
        invoice = self._invoice(uow, invoice_id)
        if invoice.issued_at is not None:
            raise Conflict("invoice_issued")
        if invoice.version != expected_version:
            raise Conflict("stale", entity="invoice", id=invoice_id)
        return invoice

    @staticmethod
    def _request(uow: UnitOfWork, request_id: int, *, lock: bool = False) -> ServiceRequest:
        request = uow.requests.get(request_id, for_update=lock)
        if request is None:
            raise NotFound("request", request_id)
        return request
