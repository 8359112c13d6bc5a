"""What can be done with one invoice, each step as a user meets it: the question, the dialog,
the service call (its errors shown), and the sentence for the status bar (None: nothing done)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from hendazh_desktop.services.billing.records import InvoiceDetail, InvoiceRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.billing.common import PendingOps
from hendazh_desktop.ui.billing.dialogs import DraftTermsDialog
from hendazh_desktop.ui.billing.models import doc_number, kind_label
from hendazh_desktop.ui.common.reason_dialog import ReasonDialog
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import Operation, run_action, run_op


def _confirmed(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


def issue(parent: QWidget, ctx: UiContext, ops: PendingOps, row: InvoiceRow) -> str | None:
    """Number and freeze a draft, after asking. The operation id is kept for this draft (and
    version) until it is issued, so a retry after an error cannot issue it twice."""
    if not _confirmed(
        parent,
        "صدور صورتحساب",
        f"پیش‌نویس صورتحساب «{row.subscriber_name}» به مبلغ {fmt.money(row.total)} صادر "
        "شود؟\nصورتحساب صادرشده شماره می‌گیرد و دیگر ویرایش نمی‌شود؛ اصلاح آن فقط با "
        "اعلامیه برگشت است.",
    ):
        return None
    key = ("issue", row.id, row.version)
    issued = run_op(
        parent,
        lambda: ctx.invoices.issue(
            ctx.actor, row.id, operation_id=ops.id_for(key), expected_version=row.version
        ),
    )
    if issued is None:
        return None
    ops.done(key)
    return f"صورتحساب {doc_number(issued.row.number)} صادر شد."


def edit_terms(parent: QWidget, ctx: UiContext, detail: InvoiceDetail) -> str | None:
    dialog = DraftTermsDialog(context=ctx, detail=detail, parent=parent)
    saved = dialog.exec()
    dialog.deleteLater()
    return "تغییرات پیش‌نویس ذخیره شد." if saved else None


def discard(parent: QWidget, ctx: UiContext, row: InvoiceRow) -> str | None:
    if not _confirmed(
        parent,
        "حذف پیش‌نویس",
        f"پیش‌نویس صورتحساب «{row.subscriber_name}» ({fmt.money(row.total)}) حذف شود؟",
    ):
        return None
    done = run_action(
        parent,
        lambda: ctx.invoices.discard_draft(ctx.actor, row.id, expected_version=row.version),
    )
    return "پیش‌نویس حذف شد." if done else None


def apply_credit(parent: QWidget, ctx: UiContext, row: InvoiceRow) -> str | None:
    """Settle the invoice from the subscriber's unapplied payments."""
    moved = run_op(parent, lambda: ctx.payments.apply_credit(ctx.actor, row.subscriber_id, row.id))
    if moved is None:
        return None
    if not moved:
        QMessageBox.information(
            parent, "تسویه از بستانکاری", f"«{row.subscriber_name}» بستانکاری ندارد."
        )
        return None
    return (
        f"{fmt.money(moved)} از بستانکاری «{row.subscriber_name}» بابت صورتحساب "
        f"{doc_number(row.number)} برداشته شد."
    )


def credit_note(parent: QWidget, ctx: UiContext, row: InvoiceRow) -> str | None:
    """Cancel an issued invoice with a credit note, giving the reason. One operation id per
    dialog: a retry after an error (a reason too short) sends the same one."""
    operation_id = str(uuid.uuid4())
    made: list[InvoiceDetail] = []
    dialog = ReasonDialog(
        title="اعلامیه برگشت از فروش",
        question=f"صورتحساب {doc_number(row.number)} ({row.subscriber_name}، "
        f"{fmt.money(row.total)}) با اعلامیه برگشت ابطال شود؟ آنچه بابت آن دریافت شده به "
        "بستانکاری مشترک برمی‌گردد.",
        action=lambda reason: made.append(
            ctx.invoices.credit_note(ctx.actor, row.id, reason, operation_id=operation_id)
        ),
        parent=parent,
    )
    accepted = dialog.exec()
    dialog.deleteLater()
    if not accepted or not made:
        return None
    return f"اعلامیه برگشت {doc_number(made[0].row.number)} صادر شد."


def draft_final(parent: QWidget, ctx: UiContext) -> InvoiceDetail | None:
    """Pick one of the finished jobs waiting for an invoice; draft (or reopen the draft of)
    its final invoice."""
    from hendazh_desktop.ui.billing.finished_jobs_dialog import FinishedJobsDialog

    dialog = FinishedJobsDialog(context=ctx, parent=parent)
    accepted = dialog.exec()
    job = dialog.chosen
    dialog.deleteLater()
    if not accepted or job is None:
        return None
    return run_op(parent, lambda: ctx.invoices.draft_final(ctx.actor, job.request_id))


def preview(parent: QWidget, ctx: UiContext, row: InvoiceRow) -> Operation[Any]:
    """The invoice (or draft, or credit note) as printed: to read, print or save."""
    from hendazh_desktop.ui.common.pdf_preview_dialog import preview_pdf

    title = f"{kind_label(row.kind)} {doc_number(row.number)}" if row.number else "پیش‌نویس صورتحساب"
    return preview_pdf(
        parent,
        lambda: ctx.billing_documents.invoice_pdf(ctx.actor, row.id),
        title=title,
        file_name=f"invoice-{row.number or f'draft-{row.id}'}.pdf",
        directory=ctx.documents_dir,
    )
