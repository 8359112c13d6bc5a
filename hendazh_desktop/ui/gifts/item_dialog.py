"""The manager's gift dialog: a new item or changes to one, with its photo picked from a file
(checked and reduced by the service: a bad or huge file is refused at the photo field and
nothing is saved)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hendazh_desktop.domain.gifts import CRAFTS
from hendazh_desktop.services.gifts.records import GiftItemDraft, GiftItemRecord
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.form_dialog import FormDialog
from hendazh_desktop.ui.context import UiContext

IMAGE_FILES = "تصویر (*.jpg *.jpeg *.png *.webp *.bmp *.gif)"


class GiftItemDialog(FormDialog):
    """Name, craft, city, description, prices, reorder level and photo of one gift."""

    def __init__(
        self,
        *,
        context: UiContext,
        item: GiftItemRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            title="هدیه تازه" if item is None else f"ویرایش «{item.name}»",
            intro="بهای اعتباری را اعتبار هدیه مشترک می‌پردازد؛ هزینه شرکت فقط برای گزارش است.",
            action=self._save,
            ok_text="ذخیره",
            parent=parent,
        )
        self._ctx, self._item = context, item
        self.name = self.add_field("name", "نام هدیه:", QLineEdit())
        self.craft = QComboBox()
        self.craft.setEditable(True)
        self.craft.addItems(sorted(CRAFTS))
        self.craft.setCurrentText("")
        self.add_field("craft", "هنر:", self.craft)
        self.city = self.add_field("city", "شهر سازنده:", QLineEdit())
        self.description = self.add_field("description", "توضیح:", QLineEdit())
        self.credit_price = self.add_field("credit_price", "بهای اعتباری (ریال):", QLineEdit())
        self.company_cost = self.add_field("company_cost", "هزینه شرکت (ریال):", QLineEdit())
        self.reorder_level = self.add_field("reorder_level", "حد سفارش دوباره:", QLineEdit())
        self.photo_path = QLineEdit()
        self.photo_path.setReadOnly(True)
        self.photo_path.setPlaceholderText("بدون عکس تازه")
        self.pick_button = QPushButton("انتخاب &عکس…")
        self.pick_button.clicked.connect(self.pick_photo)
        self.remove_photo = QCheckBox("حذف عکس کنونی")
        self.preview = QLabel()
        self.preview.setFixedSize(96, 96)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.preview)
        line.addWidget(self.photo_path, 1)
        line.addWidget(self.pick_button)
        self.add_field("photo", "عکس:", row)
        if item is not None:
            self.form.addRow("", self.remove_photo)
            self.remove_photo.setEnabled(item.has_photo)
            self._fill(item)
        self.finish_layout()

    def _fill(self, item: GiftItemRecord) -> None:
        self.name.setText(item.name)
        self.craft.setCurrentText(item.craft)
        self.city.setText(item.city)
        self.description.setText(item.description)
        self.credit_price.setText(fmt.number(item.credit_price))
        self.company_cost.setText(fmt.number(item.company_cost))
        self.reorder_level.setText(fmt.number(item.reorder_level))
        if item.has_photo:
            data = self._ctx.gifts.photo(self._ctx.actor, item.id)
            pixmap = QPixmap()
            if pixmap.loadFromData(data):
                self.preview.setPixmap(
                    pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
                )  # fmt: skip

    def pick_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "عکس هدیه", "", IMAGE_FILES)
        if path:
            self.set_photo(path)

    def set_photo(self, path: str) -> None:
        """Take this file as the new photo (checked when saved)."""
        self.photo_path.setText(path)
        pixmap = QPixmap(path) if path else QPixmap()
        self.preview.setPixmap(
            pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio)
            if not pixmap.isNull()
            else QPixmap()
        )

    def draft(self) -> GiftItemDraft:
        return GiftItemDraft(
            name=self.name.text(),
            craft=self.craft.currentText(),
            credit_price=self.credit_price.text(),
            description=self.description.text(),
            city=self.city.text(),
            company_cost=self.company_cost.text() or "0",
            reorder_level=self.reorder_level.text(),
            photo_path=self.photo_path.text(),
            remove_photo=self.remove_photo.isChecked(),
        )

    def _save(self) -> GiftItemRecord:
        gifts, actor = self._ctx.gifts, self._ctx.actor
        if self._item is None:
            return gifts.create(actor, self.draft())
        return gifts.update(actor, self._item.id, self.draft(), expected_version=self._item.version)
