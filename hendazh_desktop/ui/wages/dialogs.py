"""The wages' small forms: paying a batch (bank reference and day), building one for a Jalali
period, recording an advance (مساعده) and correcting a paid line. One operation id per opening."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.jalali import from_jalali, to_jalali, today_local
from hendazh_desktop.services.wages.records import (
    BatchLineRecord,
    BatchRecord,
    GroupWageTerms,
    WageItemRecord,
    WageMemberRecord,
)
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.amount_typing import group_as_typed
from hendazh_desktop.ui.common.form_dialog import FormDialog, latin_line
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.context import UiContext


class PayBatchDialog(FormDialog):
    """The bank's reference and the day the batch was paid; its lines are then final."""

    def __init__(
        self, *, context: UiContext, batch: BatchRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            title=f"پرداخت فهرست {fmt.number(batch.number)}",
            intro=(
                f"جمع فهرست: {fmt.money(batch.total)} در {fmt.count(batch.line_count)} ردیف. "
                "پس از ثبت پرداخت، ردیف‌ها قطعی می‌شوند و فقط با ردیف اصلاحی جبران می‌شوند."
            ),
            action=self._apply,
            ok_text="ثبت پرداخت",
            parent=parent,
        )
        self._ctx, self._batch = context, batch
        self._operation = str(uuid.uuid4())
        self.bank_ref = self.add_field("bank_ref", "شماره پیگیری بانک:", latin_line())
        self.paid_on = self.add_field("paid_on", "تاریخ پرداخت:", JalaliDateEdit(optional=False))
        self.paid_on.set_value(today_local())
        self.finish_layout()

    def _apply(self) -> object:
        return self._ctx.wages.batches.pay(
            self._ctx.actor,
            self._batch.id,
            bank_ref=self.bank_ref.text(),
            paid_on=self.paid_on.jalali_text(),
            expected_version=self._batch.version,
            operation_id=self._operation,
        )


class BuildBatchDialog(FormDialog):
    """A Jalali period (every due item up to its end; earlier unpaid ones are included)."""

    def __init__(
        self, *, context: UiContext, group_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            title="ساختن فهرست پرداخت دستمزد",
            intro=(
                "همه دستمزدهای قابل پرداخت، هزینه‌های مصالح تأییدشده، مساعده‌ها و کسرهای برگشت "
                "وصول تا پایان دوره، برای هر عضو یک ردیف."
            ),
            action=self._apply,
            ok_text="ساختن فهرست",
            parent=parent,
        )
        self._ctx, self._group_id = context, group_id
        self._operation = str(uuid.uuid4())
        today = today_local()
        self.day_from = self.add_field("day_from", "از تاریخ:", JalaliDateEdit(optional=False))
        self.day_to = self.add_field("day_to", "تا تاریخ:", JalaliDateEdit(optional=False))
        year, month, _ = to_jalali(today)
        self.day_from.set_value(from_jalali(year, month, 1))
        self.day_to.set_value(today)
        self.finish_layout()

    def _apply(self) -> object:
        return self._ctx.wages.batches.build(
            self._ctx.actor,
            self.day_from.jalali_text(),
            self.day_to.jalali_text(),
            group_ids=(self._group_id,) if self._group_id else (),
            operation_id=self._operation,
        )


class AdvanceDialog(FormDialog):
    """An advance paid to a member, with its reason; deducted from their next payout."""

    def __init__(
        self,
        *,
        context: UiContext,
        members: list[WageMemberRecord],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            title="ثبت مساعده",
            intro="مساعده از خالص پرداختی فهرست بعدی همین شخص کسر می‌شود.",
            action=self._apply,
            ok_text="ثبت مساعده",
            parent=parent,
        )
        self._ctx = context
        self._operation = str(uuid.uuid4())
        self.member = self.add_field("member", "شخص:", QComboBox())
        for member in members:
            if member.left_on is None:
                self.member.addItem(member.name, member.id)
        self.amount = self.add_field("amount", "مبلغ (ریال):", QLineEdit())
        self.reason = self.add_field("reason", "دلیل:", QLineEdit())
        self.finish_layout()

    def _apply(self) -> object:
        return self._ctx.wages.ledger.record_advance(
            self._ctx.actor,
            int(self.member.currentData() or 0),
            self.amount.text(),
            self.reason.text(),
            operation_id=self._operation,
        )


class CorrectLineDialog(FormDialog):
    """A correction of a paid batch's line: an amount added to or deducted from the member's
    next payout, with its reason; the paid line itself never changes."""

    def __init__(
        self,
        *,
        context: UiContext,
        batch: BatchRecord,
        line: BatchLineRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            title=f"اصلاح ردیف «{line.member_name}»",
            intro=(
                f"فهرست {fmt.number(batch.number)}، گروه «{line.group_name}»: "
                f"خالص پرداخت‌شده به «{line.member_name}» {fmt.money(line.net)}. "
                "ردیف پرداخت‌شده تغییر نمی‌کند؛ اصلاحیه در پرداخت بعدی همین شخص می‌آید."
            ),
            action=self._apply,
            ok_text="ثبت اصلاحیه",
            parent=parent,
        )
        self._ctx, self._line = context, line
        self._operation = str(uuid.uuid4())
        self.amount = self.add_field("amount", "مبلغ (ریال):", QLineEdit())
        group_as_typed(self.amount)
        self.add_to_next = QRadioButton("افزودن به پرداخت بعدی")
        self.deduct_from_next = QRadioButton("کسر از پرداخت بعدی")
        self.direction = QButtonGroup(self)
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_to_next, self.deduct_from_next):
            self.direction.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        choice.setFocusProxy(self.add_to_next)
        self.add_field("deduct", "نوع اصلاح:", choice)
        self.reason = self.add_field("reason", "علت (الزامی):", QLineEdit())
        self.finish_layout()

    def _apply(self) -> WageItemRecord:
        if self.direction.checkedButton() is None:  # no default: the accountant says which
            raise ValidationError("deduct", "choose_one")
        return self._ctx.wages.corrections.correct_line(
            self._ctx.actor,
            self._line.id,
            self.amount.text(),
            self.reason.text(),
            deduct=self.deduct_from_next.isChecked(),
            operation_id=self._operation,
        )


class WageTermsDialog(FormDialog):
    """A group's members' shares (equal by default) and Sheba, and its withholding."""

    def __init__(
        self, *, context: UiContext, terms: GroupWageTerms, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            title=f"سهم‌ها و شبای «{terms.group_name}»",
            intro=(
                "دستمزد هر کار به نسبت سهم‌ها میان اعضا تقسیم می‌شود (ریال باقی‌مانده به "
                "بزرگ‌ترین باقی‌مانده‌ها می‌رسد). عضو بدون شبای معتبر نقدی با رسید امضاشده "
                "دریافت می‌کند. تغییر سهم بر کارهای بعدی اثر دارد."
            ),
            action=self._apply,
            ok_text="ذخیره",
            parent=parent,
        )
        self._ctx, self._group_id = context, terms.group_id
        self.shares: dict[int, QLineEdit] = {}
        self.ibans: dict[int, QLineEdit] = {}
        for member in terms.members:
            if member.left_on is not None:
                continue
            share = self.add_field(f"share:{member.id}", f"سهم {member.name}:", QLineEdit())
            share.setText(fmt.number(member.share))
            iban = self.add_field(f"iban:{member.id}", f"شبای {member.name}:", latin_line())
            iban.setText(member.iban)
            self.shares[member.id], self.ibans[member.id] = share, iban
        self.withholding = self.add_field("withholding", "کسور قانونی (درصد):", QLineEdit())
        if terms.withholding_bp:
            self.withholding.setText(str(terms.withholding_bp / 100).rstrip("0").rstrip("."))
        self.finish_layout()

    def _apply(self) -> object:
        return self._ctx.wages.ledger.set_terms(
            self._ctx.actor,
            self._group_id,
            shares={m: w.text() for m, w in self.shares.items()},
            ibans={m: w.text() for m, w in self.ibans.items()},
            withholding=self.withholding.text(),
        )


class ReimbursementDialog(FormDialog):
    """Materials a group bought for a job: amount, the supplier's receipt number and a note;
    paid with the wage once an accountant approves it."""

    def __init__(
        self, *, context: UiContext, request_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            title=f"هزینه مصالح درخواست {fmt.number(request_id)}",
            intro="پس از تأیید حسابدار، همراه دستمزد همین کار پرداخت می‌شود (بدون پورسانت).",
            action=self._apply,
            ok_text="ثبت هزینه",
            parent=parent,
        )
        self._ctx, self._request_id = context, request_id
        self._operation = str(uuid.uuid4())
        self.amount = self.add_field("amount", "مبلغ (ریال):", QLineEdit())
        self.receipt = self.add_field("receipt_number", "شماره رسید فروشنده:", latin_line())
        self.note = self.add_field("note", "توضیح:", QLineEdit())
        self.finish_layout()

    def _apply(self) -> object:
        return self._ctx.wages.ledger.record_reimbursement(
            self._ctx.actor,
            self._request_id,
            self.amount.text(),
            self.receipt.text(),
            self.note.text(),
            operation_id=self._operation,
        )


class EarningsRangeDialog(FormDialog):
    """A Jalali range for a group's statement of earnings (checked before it is built)."""

    def __init__(self, *, context: UiContext, group_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            title="صورت کارکرد گروه",
            intro="همه دستمزدها، هزینه‌ها، مساعده‌ها و کسرهای گروه در این بازه، با جمع هر نوع.",
            action=self._apply,
            ok_text="پیش‌نمایش",
            parent=parent,
        )
        self._ctx, self._group_id = context, group_id
        today = today_local()
        year, month, _ = to_jalali(today)
        self.day_from = self.add_field("day_from", "از تاریخ:", JalaliDateEdit(optional=False))
        self.day_to = self.add_field("day_to", "تا تاریخ:", JalaliDateEdit(optional=False))
        self.day_from.set_value(from_jalali(year, month, 1))
        self.day_to.set_value(today)
        self.finish_layout()

    def _apply(self) -> object:
        day_from, day_to = self.day_from.jalali_text(), self.day_to.jalali_text()
        self._ctx.wages.documents.earnings_document(
            self._ctx.actor, self._group_id, day_from, day_to
        )
        return (day_from, day_to)
