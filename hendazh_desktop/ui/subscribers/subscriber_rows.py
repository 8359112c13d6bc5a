"""The repeatable rows of the subscriber dialog: one phone, one address."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QToolButton, QWidget

from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft
from hendazh_desktop.services.catalogue.records import ZoneInfo
from hendazh_desktop.services.subscribers.records import AddressInfo, PhoneInfo
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.field_errors import error_label

# Digits line up on the right whatever the script of the text or the placeholder.
NUMERIC_ALIGN = (
    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
)


def _remove_button() -> QToolButton:
    button = QToolButton()
    button.setText("✕")
    button.setToolTip("حذف این ردیف")
    return button


class PhoneRow(QWidget):
    """A phone number and its label (همراه، منزل، محل کار…)."""

    remove_requested = Signal(object)
    """The user wants this row gone (the row)."""

    left_field = Signal()
    """The number field lost the focus (time to look for duplicates)."""

    def __init__(self, phone: PhoneInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = QLineEdit(fmt.phone(phone.number) if phone else "")
        self.number.setPlaceholderText("۰۹۱۷۱۲۳۴۵۶۷")
        self.number.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.number.setAlignment(NUMERIC_ALIGN)
        self.label = QLineEdit(phone.label if phone else "")
        self.label.setPlaceholderText("برچسب (همراه، منزل…)")
        self.number_error = error_label()
        self.label_error = error_label()
        self.remove = _remove_button()
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.number, 0, 0)
        grid.addWidget(self.label, 0, 1)
        grid.addWidget(self.remove, 0, 2)
        grid.addWidget(self.number_error, 1, 0)
        grid.addWidget(self.label_error, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        self.number.editingFinished.connect(self.left_field)

    def draft(self) -> PhoneDraft:
        return PhoneDraft(self.number.text(), self.label.text())

    def focus_chain(self) -> list[QWidget]:
        return [self.number, self.label, self.remove]

    def clear(self) -> None:
        self.number.clear()
        self.label.clear()


class AddressRow(QWidget):
    """A title, a zone and the address text (and an optional postal code)."""

    remove_requested = Signal(object)
    """The user wants this row gone (the row)."""

    def __init__(
        self,
        zones: list[ZoneInfo],
        address: AddressInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.address_id = address.id if address else None
        self.title = QLineEdit(address.title if address else "")
        self.title.setPlaceholderText("عنوان (منزل…)")
        self.zone = QComboBox()
        self.zone.addItem("— منطقه —", None)
        for zone in zones:
            self.zone.addItem(zone.name, zone.id)
        if address is not None:
            self.zone.setCurrentIndex(max(self.zone.findData(address.zone_id), 0))
        self.text = QLineEdit(address.text if address else "")
        self.text.setPlaceholderText("محله، خیابان، کوچه، پلاک، واحد")
        self.postal = QLineEdit(fmt.number_text(address.postal_code) if address else "")
        self.postal.setPlaceholderText("کد پستی")
        self.postal.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.postal.setAlignment(NUMERIC_ALIGN)
        self.errors = {part: error_label() for part in ("title", "zone", "text", "postal_code")}
        self.remove = _remove_button()
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (widget, part) in enumerate(
            (
                (self.title, "title"),
                (self.zone, "zone"),
                (self.text, "text"),
                (self.postal, "postal_code"),
            )
        ):
            grid.addWidget(widget, 0, column)
            grid.addWidget(self.errors[part], 1, column)
        grid.addWidget(self.remove, 0, 4)
        grid.setColumnStretch(2, 3)

    def focus_chain(self) -> list[QWidget]:
        return [self.title, self.zone, self.text, self.postal, self.remove]

    def widget_for(self, part: str) -> QWidget:
        return {
            "title": self.title,
            "zone": self.zone,
            "text": self.text,
            "postal_code": self.postal,
        }[part]

    def draft(self) -> AddressDraft:
        return AddressDraft(
            text=self.text.text(),
            zone_id=self.zone.currentData(),
            title=self.title.text(),
            postal_code=self.postal.text(),
            id=self.address_id,
        )

    def is_blank(self) -> bool:
        return not (
            self.text.text().strip()
            or self.title.text().strip()
            or self.postal.text().strip()
            or self.zone.currentData()
        )
