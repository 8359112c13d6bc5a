"""Create or edit a subscriber: every field checked by the service, messages beside fields."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.services.dto import DuplicateHit, SubscriberCard
from hendazh_desktop.services.subscriber_forms import (
    MAX_ADDRESSES,
    MAX_PHONES,
    SubscriberDraft,
    address_field,
    phone_field,
)
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.dialogs.subscriber_rows import AddressRow, PhoneRow
from hendazh_desktop.ui.forms.ui_subscriber_dialog import Ui_SubscriberForm
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.widgets.field_errors import FieldErrors

DUPLICATE_LABELS = {"phone": "تلفن", "national_code": "کد ملی"}


class SubscriberDialog(QDialog):
    """The full subscriber form; ``saved_card`` holds the result after Save."""

    open_subscriber_requested = Signal(int)
    """The user chose to open an existing subscriber found as a duplicate (its id)."""

    def __init__(
        self,
        *,
        context: UiContext,
        subscriber_id: int | None = None,
        prefill_phone: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._zones = context.catalogue.zones(context.actor)
        self._card: SubscriberCard | None = None
        self.saved_card: SubscriberCard | None = None
        self.duplicates: list[DuplicateHit] = []
        self.form = QWidget()
        self.ui = Ui_SubscriberForm()
        self.ui.setupUi(self.form)
        self.phone_rows: list[PhoneRow] = []
        self.address_rows: list[AddressRow] = []
        self.errors = FieldErrors()
        ui = self.ui
        for field, widget, label in (
            ("name", ui.nameEdit, ui.nameError),
            ("national_code", ui.nationalCodeEdit, ui.nationalCodeError),
            ("referrer", ui.referrerEdit, ui.referrerError),
            ("do_not_serve_reason", ui.reasonEdit, ui.reasonError),
            ("notes", ui.notesEdit, ui.notesError),
        ):
            self.errors.register(field, widget, label)
        ui.addPhoneButton.clicked.connect(lambda: self.add_phone_row(focus=True))
        ui.addAddressButton.clicked.connect(lambda: self.add_address_row(focus=True))
        ui.doNotServeCheck.toggled.connect(self._on_do_not_serve_toggled)
        ui.referrerEdit.editingFinished.connect(self._on_referrer_editing_finished)
        ui.nationalCodeEdit.editingFinished.connect(self.check_duplicates)
        ui.duplicateWarning.linkActivated.connect(self._on_duplicate_link_activated)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)

        if subscriber_id is not None:
            self._card = context.subscribers.card(context.actor, subscriber_id)
            self._fill(self._card)
            self.setWindowTitle(f"ویرایش مشترک — {self._card.name}")
        else:
            self.setWindowTitle("مشترک جدید")
            self.add_phone_row().number.setText(prefill_phone)
            self.add_address_row()
        self._on_do_not_serve_toggled(ui.doNotServeCheck.isChecked())
        ui.nameEdit.setFocus()

    # --- rows -----------------------------------------------------------------------------
    def add_phone_row(self, phone=None, *, focus: bool = False) -> PhoneRow:
        row = PhoneRow(phone)
        row.remove_requested.connect(self._on_row_remove_requested)
        row.left_field.connect(self.check_duplicates)
        layout = self.ui.phonesLayout
        layout.insertWidget(layout.count() - 1, row)
        self.phone_rows.append(row)
        self._reindex()
        if focus:
            row.number.setFocus()
        return row

    def add_address_row(self, address=None, *, focus: bool = False) -> AddressRow:
        row = AddressRow(self._zones, address)
        row.remove_requested.connect(self._on_row_remove_requested)
        layout = self.ui.addressesLayout
        layout.insertWidget(layout.count() - 1, row)
        self.address_rows.append(row)
        self._reindex()
        if focus:
            row.title.setFocus()
        return row

    def _on_row_remove_requested(self, row: QWidget) -> None:
        if row in self.phone_rows:
            self.phone_rows.remove(row)
        if row in self.address_rows:
            self.address_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._reindex()

    def _reindex(self, addresses: list[AddressRow] | None = None) -> None:
        """Field names carry the row index (of the rows sent), so errors land on the right
        row."""
        self.errors.unregister_prefix("phone")
        self.errors.unregister_prefix("address:")
        for index, row in enumerate(self.phone_rows):
            self.errors.register(phone_field(index), row.number, row.number_error)
            self.errors.register(f"phone_label:{index}", row.label, row.label_error)
        for index, address in enumerate(self.address_rows if addresses is None else addresses):
            for part, label in address.errors.items():
                self.errors.register(address_field(index, part), address.widget_for(part), label)
        self.ui.addPhoneButton.setEnabled(len(self.phone_rows) < MAX_PHONES)
        self.ui.addAddressButton.setEnabled(len(self.address_rows) < MAX_ADDRESSES)

    # --- filling and reading --------------------------------------------------------------
    def _fill(self, card: SubscriberCard) -> None:
        ui = self.ui
        ui.nameEdit.setText(card.name)
        ui.nationalCodeEdit.setText(fmt.number_text(card.national_code))
        if card.referrer is not None:
            ui.referrerEdit.setText(fmt.code(card.referrer.code))
            ui.referrerEdit.setReadOnly(True)
            ui.referrerEdit.setToolTip("معرف پس از ثبت قابل تغییر نیست.")
            ui.referrerName.setText(card.referrer.name)
        ui.doNotServeCheck.setChecked(card.do_not_serve)
        ui.reasonEdit.setText(card.do_not_serve_reason)
        ui.notesEdit.setPlainText(card.notes)
        for phone in card.phones:
            self.add_phone_row(phone)
        if not card.phones:
            self.add_phone_row()
        for address in card.addresses:
            self.add_address_row(address)

    def draft(self) -> SubscriberDraft:
        ui = self.ui
        return SubscriberDraft(
            name=ui.nameEdit.text(),
            phones=tuple(row.draft() for row in self.phone_rows),
            addresses=tuple(row.draft() for row in self._sent_addresses()),
            national_code=ui.nationalCodeEdit.text(),
            referrer=ui.referrerEdit.text(),
            do_not_serve=ui.doNotServeCheck.isChecked(),
            do_not_serve_reason=ui.reasonEdit.text(),
            notes=ui.notesEdit.toPlainText(),
        )

    # --- reactions ------------------------------------------------------------------------
    def _on_do_not_serve_toggled(self, checked: bool) -> None:
        self.ui.reasonEdit.setEnabled(checked)

    def _on_referrer_editing_finished(self) -> None:
        text = self.ui.referrerEdit.text().strip()
        if self.ui.referrerEdit.isReadOnly():
            return
        if not text:
            self.ui.referrerName.clear()
            return
        ref = run_op(
            self,
            lambda: self._ctx.subscribers.resolve_referrer(self._ctx.actor, text),
            on_error=self.errors.show,
        )
        self.ui.referrerName.setText(f"{ref.name} ({fmt.code(ref.code)})" if ref else "")

    def check_duplicates(self) -> list[DuplicateHit]:
        """Warn, before saving, about phones or a national code already on file."""
        phones = [row.number.text() for row in self.phone_rows if row.number.text().strip()]
        hits = self._ctx.subscribers.check_duplicates(
            self._ctx.actor,
            phones=phones,
            national_code=self.ui.nationalCodeEdit.text(),
            exclude_id=self._card.id if self._card else None,
        )
        self.duplicates = hits
        warning = self.ui.duplicateWarning
        if not hits:
            warning.setVisible(False)
            return hits
        lines = [
            f"{DUPLICATE_LABELS[h.field]} {fmt.number_text(h.value)} "
            f"قبلاً برای «{h.subscriber.name}»"
            f" (کد {fmt.code(h.subscriber.code)}) ثبت شده است — "
            f"<a href='{h.subscriber.id}'>باز کردن این مشترک</a>"
            for h in hits
        ]
        warning.setText("<br>".join(lines))
        warning.setVisible(True)
        return hits

    def _on_duplicate_link_activated(self, link: str) -> None:
        self.open_subscriber_requested.emit(int(link))
        self.reject()

    def _sent_addresses(self) -> list[AddressRow]:
        """An untouched empty row is not an address: it is left out, and stays on screen."""
        return [row for row in self.address_rows if not row.is_blank()]

    def save(self) -> None:
        self._reindex(self._sent_addresses())
        draft = self.draft()
        if self._card is None:
            call = lambda: self._ctx.subscribers.create(self._ctx.actor, draft)  # noqa: E731
        else:
            card = self._card
            call = lambda: self._ctx.subscribers.update(  # noqa: E731
                self._ctx.actor, card.id, draft, expected_version=card.version
            )
        saved = run_op(self, call, on_error=self._on_error)
        if saved is not None:
            self.saved_card = saved
            self.accept()

    def _on_error(self, error: DomainError) -> bool:
        return self.errors.show(error)
