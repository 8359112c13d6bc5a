"""What an operation id already did, looked up across every money record that carries one."""

from __future__ import annotations

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.models.billing import Payment
from hendazh_desktop.domain.billing import InvoiceKind
from hendazh_desktop.domain.operations import Operation


def payment_operation(payment: Payment) -> Operation:
    """A receipt or a refund with its subscriber, amount, method and job."""
    kind = "refund" if payment.direction == "out" else "payment"
    return Operation(
        kind, (payment.subscriber_id, payment.amount, payment.method, payment.request_id)
    )


def recorded_operation(uow: UnitOfWork, operation_id: str) -> Operation | None:
    """The action ``operation_id`` took effect as, or None if it was never used."""
    invoice = uow.billing.invoice_by_operation(operation_id)
    if invoice is not None:
        if invoice.kind == InvoiceKind.CREDIT_NOTE.value:
            return Operation("credit_note", (invoice.credits_invoice_id,))
        return Operation("issue", (invoice.id,))
    payment = uow.billing.payment_by_operation(operation_id)
    if payment is not None:
        return payment_operation(payment)
    event = uow.billing.cheque_event_by_operation(operation_id)
    if event is not None:
        return Operation(f"cheque_{event.kind}", (event.payment_id,))
    return None
