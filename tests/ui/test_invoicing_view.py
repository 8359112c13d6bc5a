"""The invoicing view: filters and counts, issue, payment and credit note from the details,
cheques, receivables and statements, the PDF preview, and who may do what."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from ui_helpers import press, type_text

from hendazh_desktop.services.billing.records import InvoiceFilter, PaymentDraft, PaymentFilter
from hendazh_desktop.services.dispatch.pricing import LineDraft
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft
from hendazh_desktop.services.requests.intake import RequestDraft
from hendazh_desktop.ui.billing.invoicing_view import InvoicingView
from hendazh_desktop.ui.billing.models import (
    AgeingTableModel,
    InvoiceSource,
    InvoiceTableModel,
    PaymentSource,
    PaymentTableModel,
    doc_number,
    line_model,
    settlement_model,
)
from hendazh_desktop.ui.billing.payment_dialog import PaymentDialog
from hendazh_desktop.ui.common.pdf_preview_dialog import PdfPreviewDialog, print_document
from hendazh_desktop.ui.common.reason_dialog import ReasonDialog
from hendazh_desktop.ui.common.window_model import ListSource, select_row


class Office:
    """One subscriber and the requests billing starts from, made through the services."""

    def __init__(self, ctx, card) -> None:
        self.ctx, self.card, self.actor = ctx, card, ctx.actor
        self.services = {s.code: s for s in ctx.catalogue.services(ctx.actor)}

    def prepaid(self, code: str = "EDU") -> tuple[int, int]:
        """A prepaid request and its issued prepayment invoice: (request id, invoice id)."""
        request = self.ctx.intake.create_request(
            self.actor,
            RequestDraft(self.card.id, self.services[code].id, self.card.addresses[0].id),
        )
        status = self.ctx.invoices.money_status(self.actor, request.id)
        assert status.prepayment_invoice_id is not None
        return request.id, status.prepayment_invoice_id

    def version(self, request_id: int) -> int:
        return self.ctx.queue.get(self.actor, request_id).version

    def finished_job(self) -> int:
        """A postpaid plumbing job, priced, agreed and done: ready for its final invoice."""
        ctx, actor = self.ctx, self.actor
        service = self.services["PLB"]
        group = ctx.work_groups.create(
            actor,
            WorkGroupDraft(
                name="گروه مجید",
                kind="person",
                phone="09170000099",
                daily_capacity="20",
                members=(("مجید", ""),),
                skills=((service.id, 5),),
                zone_ids=(self.card.addresses[0].zone_id,),
            ),
        )
        request = ctx.intake.create_request(
            actor, RequestDraft(self.card.id, service.id, self.card.addresses[0].id)
        )
        rid = request.id
        ctx.dispatch.assign(
            actor, rid, group.id, dt.date.today(), expected_version=self.version(rid)
        )
        ctx.job_sheets.dispatch(actor, rid, expected_version=self.version(rid))
        line = LineDraft("labour", "تعویض شیر", "1", "800,000")
        price = ctx.pricing.present_price(actor, rid, [line], expected_version=self.version(rid))
        ctx.pricing.agree(
            actor,
            rid,
            price.version,
            method="in_person",
            person="مریم",
            expected_version=self.version(rid),
        )
        ctx.pricing.start_work(actor, rid, expected_version=self.version(rid))
        ctx.pricing.finish(actor, rid, expected_version=self.version(rid))
        return rid

    def pay(self, amount: str, method: str = "cash", **kw):
        draft = PaymentDraft(str(uuid.uuid4()), self.card.id, method, amount, **kw)
        return self.ctx.payments.record_payment(self.actor, draft)


@pytest.fixture
def office(ctx, make_subscriber) -> Office:
    return Office(ctx, make_subscriber("مریم فسایی", "09171234567"))


@pytest.fixture
def make_view(qtbot, ctx):
    def make(context=ctx) -> InvoicingView:
        view = InvoicingView(context=context)
        qtbot.addWidget(view)
        view.resize(1200, 760)
        view.show()
        qtbot.waitExposed(view)
        return view

    return make


def rows(model) -> list:
    return [model.row_item(r) for r in range(model.rowCount())]


def select(panel, predicate) -> None:
    row = next(i for i, item in enumerate(rows(panel.model)) if predicate(item))
    select_row(panel.table, row)


def click_ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def yes(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Yes).click()


def test_every_new_model_passes_the_model_tester(ctx, office, qtmodeltester):
    _request, invoice_id = office.prepaid("EDU")
    office.prepaid("HTR")
    office.pay("30,000,000", invoice_id=invoice_id)  # 5,000,000 left over as credit
    office.pay("100000", "cheque", cheque_number="123456", cheque_bank="ملت",
               cheque_due_on="1406/01/15")  # fmt: skip
    invoices = InvoiceTableModel()
    invoices.set_source(InvoiceSource(ctx, InvoiceFilter()))
    assert invoices.rowCount() == 2
    qtmodeltester.check(invoices, force_py=True)
    payments = PaymentTableModel()
    payments.set_source(PaymentSource(ctx, PaymentFilter()))
    assert payments.rowCount() == 2
    qtmodeltester.check(payments, force_py=True)
    ageing = AgeingTableModel()
    ageing.set_source(ListSource(ctx.billing.receivables(ctx.actor)))
    assert ageing.rowCount() == 1
    qtmodeltester.check(ageing, force_py=True)
    detail = ctx.invoices.detail(ctx.actor, invoice_id)
    lines, settlements = line_model(), settlement_model()
    lines.set_source(ListSource(list(detail.lines)))
    settlements.set_source(ListSource(list(detail.settlements)))
    assert lines.rowCount() == 1 and settlements.rowCount() == 1
    qtmodeltester.check(lines, force_py=True)
    qtmodeltester.check(settlements, force_py=True)


def test_filters_change_the_count_with_one_query_each(ctx, office, make_view, monkeypatch):
    _edu, edu_invoice = office.prepaid("EDU")
    office.prepaid("HTR")
    office.pay("25,000,000", invoice_id=edu_invoice)
    view = make_view()
    panel = view.invoices
    assert panel.count_label.text() == "۲ صورتحساب"
    counts: list[object] = []
    count = ctx.billing.count_invoices
    monkeypatch.setattr(
        ctx.billing, "count_invoices", lambda actor, flt: counts.append(flt) or count(actor, flt)
    )
    fetched = panel.model.fetches
    panel.state.setCurrentIndex(panel.state.findText("تسویه‌شده"))
    assert panel.count_label.text() == "۱ صورتحساب" and len(counts) == 1
    assert panel.model.fetches - fetched <= 1  # one page of rows, never the whole table
    assert rows(panel.model)[0].id == edu_invoice
    panel.state.setCurrentIndex(panel.state.findText("صادرشده و تسویه‌نشده"))
    assert [r.service_name for r in rows(panel.model)] == ["تورهای سلامت"]
    panel.state.setCurrentIndex(0)
    panel.kind.setCurrentIndex(panel.kind.findText("نهایی"))
    assert panel.model.rowCount() == 0
    panel.kind.setCurrentIndex(0)
    panel.service.setCurrentIndex(panel.service.findText("خدمات آموزشی"))
    assert [r.id for r in rows(panel.model)] == [edu_invoice]
    panel.service.setCurrentIndex(0)
    assert len(counts) == 7  # one count per change, never one per row or page
    number = ctx.invoices.detail(ctx.actor, edu_invoice).row.number
    panel.state.setCurrentIndex(panel.state.findText("پیش‌نویس"))
    assert panel.model.rowCount() == 0
    panel.number.setFocus()
    type_text(panel.number, number)
    press(panel.number, Qt.Key.Key_Return)  # a number finds its invoice whatever the filters
    assert [r.id for r in rows(panel.model)] == [edu_invoice]
    assert panel.state.currentIndex() == 0
    panel.number.clear()
    assert panel.model.rowCount() == 2
    type_text(panel.number, "۱۴۰۴/")
    press(panel.number, Qt.Key.Key_Return)
    assert panel.errors.message("number").startswith("شماره صورتحساب را")
    assert panel.model.rowCount() == 2  # a refused search leaves the list as it was
    panel.number.clear()
    panel.dates.date_from.set_value(dt.date.today())
    panel.dates.date_to.set_value(dt.date.today() - dt.timedelta(days=1))
    assert panel.dates.error.text() == "تاریخ پایان پیش از تاریخ شروع است."
    panel.dates.date_to.set_value(dt.date.today())
    assert not panel.dates.error.isVisibleTo(panel) and panel.model.rowCount() == 2


def test_issue_a_final_invoice_from_the_view(ctx, office, make_view, answer_modal):
    from hendazh_desktop.ui.billing.finished_jobs_dialog import FinishedJobsDialog

    request_id = office.finished_job()
    view = make_view()
    panel = view.invoices
    listed: list[list[int]] = []

    def pick_the_job(dialog: FinishedJobsDialog) -> None:
        # the finished jobs waiting for an invoice are listed: no number to remember
        rows = [dialog.model.row_item(r).request_id for r in range(dialog.model.rowCount())]
        listed.append(rows)
        assert dialog.table.currentIndex().row() == rows.index(request_id)
        press(dialog.table, Qt.Key.Key_Return)

    answer_modal(FinishedJobsDialog, pick_the_job)
    panel.final_button.click()
    assert listed == [[request_id]]
    draft = panel.detail
    assert draft is not None and draft.row.state == "draft" and draft.row.number == ""
    assert panel.issue_button.isEnabled() and not panel.credit_note_button.isEnabled()
    assert panel.selected().id == draft.row.id
    assert panel.state.currentText() == "پیش‌نویس"
    answer_modal(QMessageBox, yes)
    panel.issue_button.click()
    issued = ctx.invoices.detail(ctx.actor, draft.row.id)
    assert issued.row.state == "open" and issued.row.number
    assert ctx.queue.get(ctx.actor, request_id).status == "invoiced"
    assert panel.state.currentIndex() == 0  # no longer a draft: the list follows it
    assert panel.selected().id == draft.row.id  # still chosen, now numbered
    assert doc_number(issued.row.number) in panel.header.text()
    assert panel.pay_button.isEnabled() and not panel.issue_button.isEnabled()


def test_discounts_and_terms_of_a_draft(ctx, office, make_view, answer_modal):
    from hendazh_desktop.ui.billing.dialogs import DraftTermsDialog

    request_id = office.finished_job()
    draft = ctx.invoices.draft_final(ctx.actor, request_id)
    view = make_view()
    panel = view.invoices
    select(panel, lambda r: r.id == draft.row.id)

    def discount(dialog: DraftTermsDialog) -> None:
        type_text(dialog.discounts[0], "۹۰۰۰۰۰")  # more than the line: refused at the line
        assert not dialog.save()
        assert dialog.errors.message("line:0:discount").startswith("تخفیف نمی‌تواند")
        dialog.discounts[0].clear()
        type_text(dialog.discounts[0], "50,000")
        dialog.terms.setCurrentIndex(dialog.terms.findData("credit"))
        assert dialog.due_on.isEnabled()
        dialog.due_on.set_value(dt.date.today() + dt.timedelta(days=30))
        assert dialog.save()

    answer_modal(DraftTermsDialog, discount)
    panel.terms_button.click()
    changed = ctx.invoices.detail(ctx.actor, draft.row.id)
    assert changed.discount == 50_000 and changed.terms == "credit" and changed.due_on
    assert panel.totals["discount"].text() == "۵۰٬۰۰۰ ریال"


def test_payment_from_the_details_pane(ctx, office, make_view, answer_modal):
    request_id, invoice_id = office.prepaid("EDU")
    view = make_view()
    changed: list[str] = []
    ctx.changes.data_changed.connect(changed.append)
    panel = view.invoices
    select(panel, lambda r: r.id == invoice_id)
    assert panel.pay_button.isEnabled()
    answer_modal(PaymentDialog, lambda d: QTest.keyClick(d.amount, Qt.Key.Key_Return))
    answer_modal(QMessageBox, lambda box: box.reject())  # no receipt this time
    panel.pay_button.click()
    assert ctx.invoices.detail(ctx.actor, invoice_id).row.state == "paid"
    assert ctx.queue.get(ctx.actor, request_id).status == "queued"
    assert panel.detail is not None and panel.detail.row.state == "paid"
    assert panel.settlements_model.rowCount() == 1 and "billing" in changed


def test_credit_note_from_the_view(ctx, office, make_view, answer_modal):
    _request_id, invoice_id = office.prepaid("EDU")
    office.pay("25,000,000", invoice_id=invoice_id)
    view = make_view()
    panel = view.invoices
    select(panel, lambda r: r.id == invoice_id)
    assert panel.credit_note_button.isEnabled()

    def give_reason(dialog: ReasonDialog) -> None:
        type_text(dialog.reason, "ab")
        click_ok(dialog)  # too short: the message at the field, nothing written
        assert dialog.errors.message("reason")
        assert ctx.billing.count_invoices(ctx.actor, panel.current_filter()) == 1
        type_text(dialog.reason, "ثبت اشتباه")
        click_ok(dialog)

    answer_modal(ReasonDialog, give_reason)
    panel.credit_note_button.click()
    original = ctx.invoices.detail(ctx.actor, invoice_id)
    assert original.row.state == "credited" and original.credited_by.startswith("CRN-")
    assert panel.count_label.text() == "۲ صورتحساب"
    assert [r.kind for r in rows(panel.model)] == ["credit_note", "prepayment"]
    assert "ابطال‌شده با اعلامیه برگشت" in panel.details.notes.text()
    assert not panel.credit_note_button.isEnabled()
    statement = ctx.billing.statement(ctx.actor, office.card.id)
    assert statement.credit == 25_000_000  # the payment went back to the subscriber's credit


def test_cheques_are_cleared_or_bounced_from_the_payments_tab(ctx, office, make_view, answer_modal):
    request_id, invoice_id = office.prepaid("EDU")
    cheque = office.pay(
        "25,000,000",
        "cheque",
        cheque_number="123456",
        cheque_bank="ملت",
        cheque_due_on="1406/01/15",
        invoice_id=invoice_id,
    )
    other = office.pay(
        "1000", "cheque", cheque_number="654321", cheque_bank="صادرات", cheque_due_on="1406/02/01"
    )
    assert ctx.queue.get(ctx.actor, request_id).status == "queued"
    view = make_view()
    view.tabs.setCurrentWidget(view.payments)
    panel = view.payments
    panel.cheque_state.setCurrentIndex(panel.cheque_state.findText("در انتظار وصول"))
    assert panel.model.rowCount() == 2
    select(panel, lambda r: r.id == other.id)
    answer_modal(QMessageBox, yes)
    panel.clear_button.click()
    assert ctx.billing.payment(ctx.actor, other.id).cheque_state == "cleared"
    assert panel.model.rowCount() == 1  # the pending filter no longer lists it
    select(panel, lambda r: r.id == cheque.id)

    def reason(dialog: ReasonDialog) -> None:
        type_text(dialog.reason, "کسری موجودی")
        click_ok(dialog)

    answer_modal(ReasonDialog, reason)
    panel.bounce_button.click()
    assert ctx.billing.payment(ctx.actor, cheque.id).cheque_state == "bounced"
    assert ctx.queue.get(ctx.actor, request_id).status == "awaiting_prepayment"
    panel.cheque_state.setCurrentIndex(0)
    panel.direction.setCurrentIndex(panel.direction.findText("استردادها"))
    assert panel.model.rowCount() == 0
    view.tabs.setCurrentWidget(view.invoices)  # marked stale by the bounce: read again
    assert ctx.invoices.detail(ctx.actor, invoice_id).row.state == "open"
    assert "صادرشده" in [view.invoices.model.data(view.invoices.model.index(0, 3))]


def test_refund_of_credit_from_the_payments_tab(ctx, office, make_view, answer_modal):
    from hendazh_desktop.ui.billing.dialogs import RefundDialog

    _request_id, invoice_id = office.prepaid("EDU")
    office.pay("30,000,000", invoice_id=invoice_id)
    view = make_view()
    view.tabs.setCurrentWidget(view.payments)
    panel = view.payments
    select(panel, lambda r: r.subscriber_id == office.card.id)
    view.payments.subscriber.set_subscriber(None)

    def refund(dialog: RefundDialog) -> None:
        assert dialog.amount.text() == "۵٬۰۰۰٬۰۰۰"
        dialog.amount.selectAll()
        type_text(dialog.amount, "6000000")
        dialog.save_button.click()  # more than the credit: refused at the amount
        assert dialog.errors.message("amount").startswith("بیش از مانده")
        dialog.amount.selectAll()
        type_text(dialog.amount, "5000000")
        dialog.save_button.click()

    from hendazh_desktop.ui.subscribers.pick_subscriber_dialog import PickSubscriberDialog

    answer_modal(PickSubscriberDialog, lambda d: d.choose())
    answer_modal(RefundDialog, refund)
    answer_modal(QMessageBox, lambda box: box.reject())
    panel.refund_button.click()
    assert ctx.billing.count_payments(ctx.actor, PaymentFilter(direction="out")) == 1
    assert ctx.billing.statement(ctx.actor, office.card.id).credit == 0


def test_receivables_and_the_statement_preview(qtbot, ctx, office, make_view, answer_modal):
    office.prepaid("EDU")
    view = make_view()
    view.tabs.setCurrentWidget(view.receivables)
    panel = view.receivables
    qtbot.waitUntil(lambda: panel.loading is None and panel.model.rowCount() > 0)
    assert [r.total for r in rows(panel.model)] == [25_000_000]
    assert "۲۵٬۰۰۰٬۰۰۰ ریال" in panel.totals.text()
    assert not panel.statement_button.isEnabled()
    select_row(panel.table, 0)
    pages: list[int] = []
    answer_modal(PdfPreviewDialog, lambda d: pages.append(d.page_count()), tries=3000)
    panel.statement_button.click()
    qtbot.waitUntil(lambda: bool(pages), timeout=20_000)
    assert pages[0] >= 1
    panel.invoices_button.click()
    assert view.tabs.currentWidget() is view.invoices
    assert view.invoices.subscriber.subscriber_id() == office.card.id


def test_pdf_preview_opens_invoice_bytes_saves_and_prints(ctx, office, show_dialog, tmp_path):
    _request_id, invoice_id = office.prepaid("EDU")
    data = ctx.billing_documents.invoice_pdf(ctx.actor, invoice_id)
    dialog = show_dialog(PdfPreviewDialog(data=data, title="صورتحساب", file_name="invoice"))
    assert dialog.page_count() >= 1
    assert dialog.pages_label.text().endswith("صفحه")
    saved = dialog.save_to(tmp_path / "copy")
    assert saved == tmp_path / "copy.pdf" and saved.read_bytes() == data
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_document(dialog.document, printer) == dialog.page_count()
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_printing_runs_on_a_worker_from_its_own_copy_of_the_document(
    qtbot, ctx, office, show_dialog, tmp_path
):
    _request_id, invoice_id = office.prepaid("EDU")
    data = ctx.billing_documents.invoice_pdf(ctx.actor, invoice_id)
    dialog = show_dialog(PdfPreviewDialog(data=data, title="صورتحساب", file_name="invoice"))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFromTo(1, dialog.page_count())
    operation = dialog.print_to(printer)
    with qtbot.waitSignal(operation.finished, timeout=30_000) as outcome:
        pass
    assert outcome.args == ["succeeded"] and operation.result == dialog.page_count()
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    assert dialog.page_count() >= 1  # the preview's own document is untouched


def test_printing_stops_between_pages_when_cancelled(qtbot, ctx, office, tmp_path):
    from hendazh_desktop.domain.progress import Cancelled
    from hendazh_desktop.ui.common.pdf_preview_dialog import print_pdf_bytes

    _request_id, invoice_id = office.prepaid("EDU")
    data = ctx.billing_documents.invoice_pdf(ctx.actor, invoice_id)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    pages: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        print_pdf_bytes(
            data, printer, progress=lambda d, t, _m: pages.append((d, t)), cancelled=lambda: True
        )
    assert pages and pages[0][0] == 0  # asked before the first page was drawn


def test_actions_follow_the_permissions(consultant_ctx, ctx, office, make_view):
    office.prepaid("EDU")
    view = make_view(consultant_ctx)
    panel = view.invoices
    assert panel.model.rowCount() == 1  # every role may look
    for button in (
        panel.issue_button,
        panel.pay_button,
        panel.credit_note_button,
        panel.final_button,
        view.payments.record_button,
        view.payments.refund_button,
    ):
        assert not button.isVisibleTo(view)
    assert panel.print_button.isVisibleTo(view)


def test_main_window_opens_the_view_and_the_card_shows_the_balance(
    qtbot, ctx, office, answer_modal
):
    from hendazh_desktop.ui.main_window import MainWindow

    office.prepaid("EDU")
    window = MainWindow(context=ctx)
    qtbot.addWidget(window)
    window.show()
    action = window.view_actions["invoicing"]
    assert action.shortcut().toString() == "Ctrl+Shift+I"
    action.trigger()
    assert window.current_view() == "invoicing"
    assert window.view("invoicing").invoices.model.rowCount() == 1
    window.show_view("subscribers")
    select_row(window.subscribers.table, 0)
    card = window.subscribers.card
    assert card.balance.text() == "بدهی: ۲۵٬۰۰۰٬۰۰۰ ریال"
    assert card.statement_button.isVisibleTo(card)
    pages: list[int] = []
    answer_modal(PdfPreviewDialog, lambda d: pages.append(d.page_count()), tries=3000)
    card.statement_button.click()
    qtbot.waitUntil(lambda: bool(pages), timeout=30_000)
    assert pages[0] >= 1


def test_invoices_and_payments_sort_by_number_in_the_database(ctx, office, make_view):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    def click_header(table, column: int) -> None:
        header = table.horizontalHeader()
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        QTest.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(x, header.height() // 2),
        )

    education = next(s for s in ctx.catalogue.services(ctx.actor) if s.name == "خدمات آموزشی")
    for _ in range(3):  # each prepaid request has its prepayment invoice
        ctx.intake.create_request(
            ctx.actor,
            RequestDraft(office.card.id, education.id, office.card.addresses[0].id),
        )
    for amount in ("1000", "2000", "3000"):
        office.pay(amount)
    view = make_view()
    for panel in (view.invoices, view.payments):
        view.tabs.setCurrentWidget(panel)  # a tab reads its list when first shown
        panel.refresh()
        newest_first = [r.id for r in rows(panel.model)]
        assert newest_first == sorted(newest_first, reverse=True) and len(newest_first) >= 3
        click_header(panel.table, 0)  # «شماره»
        assert [r.id for r in rows(panel.model)] == sorted(newest_first)
        assert panel.model._source.filter.order == "number"  # ordered by the database
        click_header(panel.table, 0)
        assert [r.id for r in rows(panel.model)] == newest_first
