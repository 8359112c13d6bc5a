"""The manager's dashboard (پیشخوان): key figures in tiles and three charts (revenue by month,
requests by service, the funnel), read again when data changes, like the board."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hendazh_desktop.services.reports.dashboard import Dashboard
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.reports.charts import ChartView

WATCHED = (Change.REQUESTS, Change.DISPATCH, Change.BILLING, Change.QUALITY, Change.WAGES)


def change_text(now: int, before: int) -> str:
    """«+۱۲٪» against an earlier figure («—» when there was none)."""
    if before <= 0:
        return "—"
    percent = round((now - before) * 100 / before)
    sign = "+" if percent > 0 else ("−" if percent < 0 else "")
    return f"{sign}{fmt.number(abs(percent))}٪"


class Tile(QFrame):
    """One figure: a caption, the value in large type, a note under it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("dashboardTile")
        self.setStyleSheet(
            "#dashboardTile { background: #f7f9fb; border: 1px solid #d5dce4; border-radius: 6px; }"
        )
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #5b6673;")
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSize(font.pointSize() + 5)
        font.setBold(True)
        self.value.setFont(font)
        self.note = QLabel("")
        self.note.setStyleSheet("color: #5b6673;")
        layout = QVBoxLayout(self)
        for w in (self.caption, self.value, self.note):
            layout.addWidget(w)

    def show_value(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)


class DashboardView(RefreshWhenShown, QWidget):
    """The manager's first screen."""

    status_message = Signal(str)
    """A line for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dashboard: Dashboard | None = None
        names = {
            "requests": "درخواست‌های امروز",
            "queue": "صف انتظار اکنون",
            "done": "کارهای انجام‌شده امروز",
            "revenue": "فروش خالص این ماه",
            "receivables": "مطالبات",
            "cheques": "چک‌های سررسید این هفته",
            "credit": "اعتبار هدیه پرداخت‌نشده",
            "wages": "دستمزد قابل پرداخت",
            "score": "میانگین امتیاز (۳۰ روز)",
        }
        self.tiles = {key: Tile(caption) for key, caption in names.items()}
        grid = QGridLayout()
        for i, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, i // 5, i % 5)
        self.revenue_chart = ChartView()
        self.services_chart = ChartView()
        self.funnel_chart = ChartView()
        charts = QHBoxLayout()
        for chart in (self.revenue_chart, self.services_chart, self.funnel_chart):
            charts.addWidget(chart, 1)
        self.updated = QLabel("")
        self.updated.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(charts, 1)
        layout.addWidget(self.updated)
        self.watch(context.changes, WATCHED)
        self.refresh()

    def refresh(self) -> None:
        """Read the dashboard again (a few indexed queries, well under 500 ms)."""
        actor = self.context.actor
        board = run_op(self, lambda: self.context.dashboard.read(actor))
        if board is not None:
            self.show_dashboard(board)

    def show_dashboard(self, d: Dashboard) -> None:
        self.dashboard = d
        t = self.tiles
        t["requests"].show_value(fmt.count(d.requests_today))
        t["queue"].show_value(fmt.count(d.queue_now))
        t["done"].show_value(fmt.count(d.done_today))
        t["revenue"].show_value(
            fmt.money(d.revenue_month),
            f"ماه قبل {change_text(d.revenue_month, d.revenue_last_month)} — "
            f"پارسال {change_text(d.revenue_month, d.revenue_month_last_year)}",
        )
        t["receivables"].show_value(fmt.money(d.receivables))
        t["cheques"].show_value(fmt.money(d.cheques_due_amount),
                                f"{fmt.count(d.cheques_due_count)} چک")  # fmt: skip
        t["credit"].show_value(fmt.money(d.gift_credit_outstanding))
        t["wages"].show_value(fmt.money(d.wages_due))
        score = "—" if d.average_score is None else fmt.number_text(f"{d.average_score:.1f}")
        t["score"].show_value(score.replace(".", "٫"), f"{fmt.count(d.scores)} نظر")
        self.revenue_chart.show_chart(d.revenue_chart, compact=True)
        self.services_chart.show_chart(d.services_chart, compact=True)
        self.funnel_chart.show_chart(d.funnel_chart, compact=True)
        self.updated.setText(f"به‌روز شده: {fmt.datetime_(d.at)}")
