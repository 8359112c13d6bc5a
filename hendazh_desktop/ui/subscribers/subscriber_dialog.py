"""Create or edit a subscriber: every field checked by the service, messages beside fields."""

from __future__ import annotations

from html import escape
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.subscriber_forms import (
    MAX_ADDRESSES,
    MAX_PHONES,
    SubscriberDraft,
    address_field,
    phone_field,
)
from hendazh_desktop.services.subscribers.records import (
    AddressInfo,
    DuplicateHit,
    PhoneInfo,
    SubscriberCard,
    SubscriberRef,
)
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.field_errors import FieldErrors
from hendazh_desktop.ui.common.text_area import persian_text_area
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.forms.ui_subscriber_dialog import Ui_SubscriberForm
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.subscribers.subscriber_rows import AddressRow, PhoneRow

DUPLICATE_LABELS = {"phone": "تلفن", "national_code": "کد ملی"}
SCREEN_SHARE = 0.9  # the dialog grows with its rows up to this share of the screen height


def duplicate_html(hits: list[DuplicateHit]) -> str:
    """One line per hit, naming the owner, with a link that opens them."""
    lines = [
        f"<b>{DUPLICATE_LABELS.get(h.field, h.field)} {fmt.number_text(h.value)}</b>"
        f" قبلاً برای «{escape(h.subscriber.name)}» (کد {fmt.code(h.subscriber.code)})"
        f" ثبت شده است. <a href='{h.subscriber.id}'>باز کردن این مشترک</a>"
        for h in hits
    ]
    return "<br>".join(lines)


class SubscriberDialog(QDialog):
    """The full subscriber form; ``saved_card`` holds the result after Save.

    ``loaded`` is False when the subscriber to edit could not be read (the reason was shown):
    the caller should not open the dialog then.
    """

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
        self._zones = run_op(parent, lambda: context.catalogue.zones(context.actor)) or []
        self._card: SubscriberCard | None = None
        self.loaded = True
        self.saved_card: SubscriberCard | None = None
        self.duplicates: list[DuplicateHit] = []
        self.form = QWidget()
        self.ui = Ui_SubscriberForm()
        self.ui.setupUi(self.form)
        persian_text_area(self.ui.notesEdit)
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

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields
        self.scroll_area.setWidget(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)  # Enter in any one-line field saves
        self.save_button.setToolTip("ذخیره (Ctrl+S یا Enter)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area)
        layout.addWidget(self.buttons)
        settle_default_button(self, self.save_button)
        self.setMinimumWidth(780)

        if subscriber_id is not None:
            self._card = run_op(
                parent, lambda: context.subscribers.card(context.actor, subscriber_id)
            )
            self.loaded = self._card is not None
        if self._card is not None:
            self._fill(self._card)
            self.setWindowTitle(f"ویرایش مشترک — {self._card.name}")
        else:
            self.setWindowTitle("ثبت مشترک جدید")
            self.add_phone_row().number.setText(prefill_phone)
            self.add_address_row()
        self._on_do_not_serve_toggled(ui.doNotServeCheck.isChecked())
        if prefill_phone.strip():
            self.check_duplicates()
        self._fit_height()
        ui.nameEdit.setFocus()

    # --- rows -----------------------------------------------------------------------------
    def add_phone_row(self, phone: PhoneInfo | None = None, *, focus: bool = False) -> PhoneRow:
        row = PhoneRow(phone)
        row.remove_requested.connect(self._on_row_remove_requested)
        row.left_field.connect(self.check_duplicates)
        layout = self.ui.phonesLayout
        layout.insertWidget(layout.count() - 1, row)
        row.show()  # now, not queued by the layout: Tab and focus must find it at once
        self.phone_rows.append(row)
        self._rows_changed(row.number if focus else None)
        return row

    def add_address_row(
        self, address: AddressInfo | None = None, *, focus: bool = False
    ) -> AddressRow:
        row = AddressRow(self._zones, address)
        row.remove_requested.connect(self._on_row_remove_requested)
        layout = self.ui.addressesLayout
        layout.insertWidget(layout.count() - 1, row)
        row.show()
        self.address_rows.append(row)
        self._rows_changed(row.title if focus else None)
        return row

    def _on_row_remove_requested(self, row: QWidget) -> None:
        if isinstance(row, PhoneRow) and row in self.phone_rows:
            if len(self.phone_rows) == 1:  # a subscriber has a phone: keep one row to type in
                row.clear()
                row.number.setFocus()
                self._refresh_duplicates()
                return
            self.phone_rows.remove(row)
        if isinstance(row, AddressRow) and row in self.address_rows:
            self.address_rows.remove(row)
        for layout in (self.ui.phonesLayout, self.ui.addressesLayout):
            layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._rows_changed(None)
        self._refresh_duplicates()

    def _rows_changed(self, focus: QWidget | None) -> None:
        self._reindex()
        self._update_tab_order()
        self._fit_height()
        if focus is not None:
            focus.setFocus()
            self.scroll_area.ensureWidgetVisible(focus)

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

    def _update_tab_order(self) -> None:
        """Top to bottom, row by row: rows added at run time would otherwise come last."""
        ui = self.ui
        chain: list[QWidget] = [ui.nameEdit, ui.nationalCodeEdit, ui.referrerEdit]
        for phone in self.phone_rows:
            chain += phone.focus_chain()
        chain += [ui.addPhoneButton, ui.duplicateWarning]
        for address in self.address_rows:
            chain += address.focus_chain()
        chain += [ui.addAddressButton, ui.doNotServeCheck, ui.reasonEdit, ui.notesEdit]
        chain += self.buttons.buttons()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _fit_height(self) -> None:
        """Grow with the rows until the screen is nearly full; then the form scrolls."""
        screen = self.screen().availableGeometry() if self.screen() else None
        chrome = self.buttons.sizeHint().height() + 40
        wanted = self.form.sizeHint().height() + chrome
        limit = int(screen.height() * SCREEN_SHARE) if screen else wanted
        height = min(wanted, limit)
        if height > self.height():
            self.resize(max(self.width(), self.form.sizeHint().width() + 40), height)

    # --- filling and reading --------------------------------------------------------------
    def _fill(self, card: SubscriberCard) -> None:
        ui = self.ui
        ui.nameEdit.setText(card.name)
        ui.nationalCodeEdit.setText(fmt.number_text(card.national_code))
        if card.referrer is not None:
            ui.referrerEdit.setText(fmt.code(card.referrer.code))
            ui.referrerEdit.setReadOnly(True)
            ui.referrerEdit.setEnabled(False)  # looks fixed, and Tab skips it
            ui.referrerEdit.setToolTip("معرف پس از ثبت قابل تغییر نیست.")
            self._show_referrer(card.referrer, fixed=True)
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

    def _show_referrer(self, ref: SubscriberRef | None, *, fixed: bool = False) -> None:
        label = self.ui.referrerName
        if ref is None:
            label.clear()
            label.setVisible(False)
            return
        note = " — ثابت؛ پس از ثبت تغییر نمی‌کند" if fixed else ""
        label.setText(f"{ref.name} (کد {fmt.code(ref.code)}){note}")
        label.setVisible(True)

    def _show_referrer_error(self, error: DomainError) -> bool:
        """Beside the field, without taking the focus back: the user may go on typing."""
        self.ui.referrerError.setText(error_message(error))
        self.ui.referrerError.setVisible(True)
        return True

    def _on_referrer_editing_finished(self) -> None:
        if self.ui.referrerEdit.isReadOnly():
            return
        text = self.ui.referrerEdit.text().strip()
        self.ui.referrerError.setVisible(False)
        if not text:
            self._show_referrer(None)
            return
        ref = run_op(
            self,
            lambda: self._ctx.subscribers.resolve_referrer(self._ctx.actor, text),
            on_error=self._show_referrer_error,
        )
        self._show_referrer(ref)

    def check_duplicates(self) -> list[DuplicateHit]:
        """Warn, before saving, about phones or a national code already on file."""
        phones = [row.number.text() for row in self.phone_rows if row.number.text().strip()]
        national = self.ui.nationalCodeEdit.text()
        if not phones and not national.strip():
            hits: list[DuplicateHit] = []
        else:
            hits = (
                run_op(
                    self,
                    lambda: self._ctx.subscribers.check_duplicates(
                        self._ctx.actor,
                        phones=phones,
                        national_code=national,
                        exclude_id=self._card.id if self._card else None,
                    ),
                )
                or []
            )
        self.duplicates = hits
        warning = self.ui.duplicateWarning
        warning.setText(duplicate_html(hits))
        warning.setVisible(bool(hits))
        return hits

    def _refresh_duplicates(self) -> None:
        if self.duplicates:
            self.check_duplicates()

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
            if not self.loaded:
                return
            call = lambda: self._ctx.subscribers.create(self._ctx.actor, draft)  # noqa: E731
        else:
            card = self._card
            call = lambda: self._ctx.subscribers.update(  # noqa: E731
                self._ctx.actor, card.id, draft, expected_version=card.version
            )
        saved = run_op(self, call, on_error=self._on_error)
        if saved is not None:
            self.saved_card = saved
            self._ctx.changes.announce(Change.SUBSCRIBERS)
            self.accept()

    def _on_error(self, error: DomainError) -> bool:
        shown = self.errors.show(error)
        focused = self.focusWidget()
        if focused is not None and self.form.isAncestorOf(focused):
            self.scroll_area.ensureWidgetVisible(focused)
        return shown
