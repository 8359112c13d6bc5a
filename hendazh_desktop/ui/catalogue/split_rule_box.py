"""The service's money split in the catalogue dialog: the day a changed rule starts, the dated
schedule, and a worked example of one price split to the rial (in the display unit)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.money import format_percent, parse_percent
from hendazh_desktop.domain.split import SINCE_EVER, Parties, SplitRule, rule_on, split_labour
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.field_errors import error_label

EXAMPLE_LABOUR = 10_000_000  # rials, when the service has no base price


def worked_example(labour: int, commission: str, referrer: str, recipient: str) -> str:
    """One labour amount split by the typed percentages, every part to the rial."""
    try:
        rule = SplitRule(
            dt.date.today(),
            parse_percent(commission, field="commission_percent"),
            parse_percent(referrer, field="referrer_share_percent"),
            parse_percent(recipient, field="recipient_share_percent"),
        )
    except (ValidationError, ValueError):
        return "درصدها را درست وارد کنید تا نمونه محاسبه شود."
    split = split_labour(labour, rule, Parties(recipient_id=1, referrer_id=2))
    return "\n".join(
        (
            f"دستمزد {fmt.money(labour)} (بدون مواد و مالیات):",
            f"سهم گروه کاری ({format_percent(rule.fee_bp)}): {fmt.money(split.fee)}",
            f"پورسانت شرکت: {fmt.money(split.commission)}، که از آن",
            f"  اعتبار هدیه معرف ({format_percent(rule.referrer_share_bp)} پورسانت): "
            f"{fmt.money(split.referrer_credit)}",
            f"  اعتبار هدیه دریافت‌کننده ({format_percent(rule.recipient_share_bp)} پورسانت): "
            f"{fmt.money(split.recipient_credit)}",
            f"  سهم ماندهٔ شرکت (با باقی‌ماندهٔ گردکردن): {fmt.money(split.commission_kept)}",
            "بی‌معرف یا با معرف ممنوع‌الخدمت، سهم معرف نزد شرکت می‌ماند.",
        )
    )


def _since(day: dt.date) -> str:
    return f"از {fmt.date(day)}" if day > SINCE_EVER else "از ابتدا"


class SplitRuleBox(QGroupBox):
    """The split rule's start day, schedule and worked example."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("تقسیم دستمزد: سهم گروه، پورسانت و اعتبار هدیه", parent)
        self.from_edit = QLineEdit()
        self.from_edit.setPlaceholderText("مثلاً ۱۴۰۵/۰۱/۰۱ — خالی یعنی از امروز")
        self.from_edit.setToolTip(
            "قاعده تازه برای کارهایی به کار می‌رود که قیمتشان از این روز (شمسی) توافق شود"
        )
        self.error = error_label()
        self.schedule = QLabel()
        self.schedule.setWordWrap(True)
        self.example = QLabel()
        self.example.setWordWrap(True)
        self.example.setObjectName("split_example")
        form = QFormLayout(self)
        form.addRow("از تاریخ:", self.from_edit)
        form.addRow("", self.error)
        form.addRow("جدول تقسیم:", self.schedule)
        form.addRow("نمونه:", self.example)

    def show_schedule(self, schedule: list[SplitRule]) -> None:
        """Every rule, newest first, the one in force today marked."""
        self.from_edit.clear()
        today = rule_on(schedule, today_local())
        self.schedule.setText(
            "\n".join(
                f"پورسانت {format_percent(r.commission_bp)}، معرف "
                f"{format_percent(r.referrer_share_bp)}، دریافت‌کننده "
                f"{format_percent(r.recipient_share_bp)} "
                + (
                    f"از {fmt.date(r.effective_from)}"
                    if r.effective_from > SINCE_EVER
                    else "از ابتدا"
                )
                + (" (امروز در اجرا)" if r is today else "")
                for r in schedule
            )
        )

    def show_example(self, labour: int, commission: str, referrer: str, recipient: str) -> None:
        self.example.setText(
            worked_example(labour or EXAMPLE_LABOUR, commission, referrer, recipient)
        )
