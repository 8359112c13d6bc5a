"""The dispatch board: for a Jalali day, who is free, what waits, and who fits each job."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.dispatch import WARNING_LABELS, Suggestion
from hendazh_desktop.domain.errors import Conflict, DomainError
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.requests import RequestStatus
from hendazh_desktop.services.dispatch.assignment import (
    Board,
    BoardGroup,
    BoardJob,
    OverrideNeeded,
)
from hendazh_desktop.services.files import make_private_dir, write_private_file
from hendazh_desktop.services.requests.records import RequestRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.common.reason_dialog import ReasonDialog
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import select_row
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.dispatch.group_board import GroupBoard
from hendazh_desktop.ui.dispatch.reasons import reason_text
from hendazh_desktop.ui.dispatch.waiting_list import (
    WAITING_COLUMNS,
    WaitingRequests,
    fit_waiting_columns,
    waiting_warn,
)
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import Operation, Task, run_in_background
from hendazh_desktop.ui.requests.request_drag import DraggableRequests

REFRESH_MS = 3000
WARN = QBrush(QColor("#b3261e"))
WATCHED = (Change.REQUESTS, Change.DISPATCH, Change.BILLING, Change.SUBSCRIBERS, Change.CATALOGUE)
CHANGED = (Change.DISPATCH, Change.REQUESTS)  # what the board's actions change


class DispatchBoardView(RefreshWhenShown, QWidget):
    """Assign by drag and drop, or select a request, pick a suggested group and press Enter."""

    status_message = Signal(str)
    """A short message for the status bar."""

    open_documents = True  # tests turn it off: no viewer is started

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._dispatch = context, context.dispatch
        self.board: Board | None = None
        self._seen_version: int | None = None
        self.day = JalaliDateEdit(optional=False)
        self.day.set_value(dt.date.today())
        self.day.date_changed.connect(lambda _d: self.refresh())
        self.summary = QLabel()
        refresh = QPushButton("بازخوانی")
        refresh.clicked.connect(self.refresh)
        self.groups = GroupBoard()
        self.groups.request_dropped.connect(self._on_groups_request_dropped)
        self.waiting_model = DraggableRequests(WAITING_COLUMNS, warn=waiting_warn)
        self.waiting = list_table(self.waiting_model)
        fit_waiting_columns(self.waiting)
        self.waiting.setDragEnabled(True)
        self.waiting.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.waiting.selectionModel().selectionChanged.connect(self._on_waiting_selected)
        # Enter on a waiting request assigns it to the top suggestion (as the README says)
        self.waiting.activated.connect(lambda _i: self.assign_selected())
        self._followed_request: int | None = None  # the board moved to this request's day
        self.suggestions = QListWidget()
        self.suggestions.setWordWrap(True)
        self.suggestions.itemActivated.connect(lambda _i: self.assign_selected())
        self.assign_button = QPushButton("تخصیص به گروه انتخاب‌شده (Enter)")
        self.assign_button.clicked.connect(self.assign_selected)
        self.unassign_button = QPushButton("بازگرداندن کار به صف…")
        self.unassign_button.clicked.connect(self.unassign_from_selected_group)
        self.dispatch_button = QPushButton("اعزام و چاپ برگه کار…")
        self.dispatch_button.clicked.connect(self.dispatch_from_selected_group)
        self.price_button = QPushButton("قیمت و موافقت…")
        self.price_button.clicked.connect(self.price_for_selected_group)
        self.move_button = QPushButton("انتقال به گروه دیگر…")
        self.move_button.clicked.connect(self.move_from_selected_group)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.assign_selected)
        self.can_dispatch = can_dispatch = context.can(Permission.DISPATCH)
        for widget in (  # the board is read-only for roles that do not dispatch
            self.assign_button,
            self.unassign_button,
            self.dispatch_button,
            self.price_button,
            self.move_button,
        ):
            widget.setEnabled(can_dispatch)
        self.groups.setAcceptDrops(can_dispatch)
        self.waiting.setDragEnabled(can_dispatch)

        top = QHBoxLayout()
        top.addWidget(QLabel("روز:"))
        top.addWidget(self.day)
        top.addWidget(refresh)
        top.addStretch(1)
        top.addWidget(self.summary)
        groups_box = QGroupBox("گروه‌ها و کارهای روز (درخواست را روی گروه رها کنید)")
        groups_layout = QVBoxLayout(groups_box)
        groups_layout.addWidget(self.groups)
        group_actions = QGridLayout()  # two by two: the groups' side stays narrow
        group_actions.addWidget(self.dispatch_button, 0, 0)
        group_actions.addWidget(self.price_button, 0, 1)
        group_actions.addWidget(self.move_button, 1, 0)
        group_actions.addWidget(self.unassign_button, 1, 1)
        groups_layout.addLayout(group_actions)
        waiting_box = QGroupBox("در انتظار اعزام (فوری‌تر و قدیمی‌تر بالاتر)")
        QVBoxLayout(waiting_box).addWidget(self.waiting)
        suggest_box = QGroupBox("بهترین گروه برای درخواست انتخاب‌شده")
        suggest_layout = QVBoxLayout(suggest_box)
        suggest_layout.addWidget(self.suggestions)
        suggest_layout.addWidget(self.assign_button)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(waiting_box)
        right.addWidget(suggest_box)
        splitter = QSplitter()
        splitter.addWidget(groups_box)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 600])  # the waiting list's columns fit without scrolling
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._poll = QTimer(self)
        self._poll.setInterval(REFRESH_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._poll.start()
        self.refresh()
        self.watch(context.changes, WATCHED)

    # --- loading --------------------------------------------------------------------------
    def selected_day(self) -> dt.date:
        return self.day.value() or dt.date.today()

    def refresh(self) -> None:
        """Reload the day, keeping the selected request and group."""
        self._stale = False
        keep = self.selected_request()
        self._seen_version = self._dispatch.data_version()
        board = self._dispatch.board(self._ctx.actor, self.selected_day())
        self.board = board
        self.groups.show_groups(board.groups)
        self.waiting_model.set_source(WaitingRequests(self._ctx))
        free = sum(g.free for g in board.groups if not g.on_leave)
        self.summary.setText(
            f"{fmt.count(len(board.groups))} گروه، {fmt.count(free)} ظرفیت "
            f"آزاد، {fmt.count(self.waiting_model.rowCount())} درخواست در انتظار"
        )
        row = self.waiting_model.find_row(lambda r: r.id == keep.id) if keep else -1
        if row >= 0:
            select_row(self.waiting, row)
        else:
            self.suggestions.clear()

    def _on_poll_timeout(self) -> None:
        """Another PC changed something: show it within seconds."""
        if self.isVisible() and self._dispatch.data_version() != self._seen_version:
            self.refresh()

    # --- selection and suggestion ---------------------------------------------------------
    def selected_request(self) -> RequestRow | None:
        index = self.waiting.currentIndex()
        return self.waiting_model.row_item(index.row()) if index.isValid() else None

    def _on_waiting_selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        row = self.selected_request()
        if row is not None and row.id != self._followed_request:
            # A newly chosen request shows the day its subscriber asked for (once: the
            # dispatcher may then pick another day, and is warned when assigning there).
            self._followed_request = row.id
            if row.preferred_date is not None and row.preferred_date != self.selected_day():
                self.day.set_value(row.preferred_date)  # refreshes, keeps the selection
                return
        self.show_suggestions()

    def show_suggestions(self) -> list[Suggestion]:
        self.suggestions.clear()
        row = self.selected_request()
        if row is None:
            return []
        ranked = self._dispatch.suggest(self._ctx.actor, row.id, self.selected_day())
        for rank_no, suggestion in enumerate(ranked, start=1):
            reasons = "، ".join(reason_text(r.code, r.detail) for r in suggestion.reasons)
            text = f"{fmt.number(rank_no)}. {suggestion.name} — {reasons}"
            if suggestion.warnings:
                text += "\n⚠ " + "، ".join(WARNING_LABELS[w] for w in suggestion.warnings)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, suggestion.group_id)
            if suggestion.warnings:
                item.setForeground(WARN)
            self.suggestions.addItem(item)
        self.suggestions.setCurrentRow(0)
        return ranked

    # --- assigning ------------------------------------------------------------------------
    def assign_selected(self) -> None:
        if not self.can_dispatch:  # Enter on a suggestion, Ctrl+Enter
            return
        row = self.selected_request()
        item = self.suggestions.currentItem()
        if row is not None and item is not None:
            self.assign(row.id, row.version, item.data(Qt.ItemDataRole.UserRole))

    def _on_groups_request_dropped(self, request_id: int, version: int, group_id: int) -> None:
        self.assign(request_id, version, group_id)

    def assign(self, request_id: int, version: int, group_id: int, reason: str = "") -> bool:
        try:
            self._dispatch.assign(
                self._ctx.actor,
                request_id,
                group_id,
                self.selected_day(),
                expected_version=version,
                override_reason=reason,
            )
        except OverrideNeeded as needed:
            return self._ask_override(request_id, version, group_id, needed)
        except Conflict as conflict:
            self.status_message.emit(error_message(conflict))
            self._show_problem(error_message(conflict))
            self.refresh()
            return False
        except DomainError as error:
            self._show_problem(error_message(error))
            return False
        self.status_message.emit(f"درخواست {fmt.number(request_id)} تخصیص یافت.")
        self.refresh()
        self.groups.select_group(group_id)
        self._ctx.changes.announce(*CHANGED, source=self)
        return True

    def _ask_override(
        self, request_id: int, version: int, group_id: int, needed: OverrideNeeded
    ) -> bool:
        dialog = ReasonDialog(
            title="تخصیص با هشدار",
            question=error_message(needed),
            action=lambda reason: self._dispatch.assign(
                self._ctx.actor,
                request_id,
                group_id,
                self.selected_day(),
                expected_version=version,
                override_reason=reason,
            ),
            parent=self,
        )
        self._override_dialog = dialog
        done = bool(dialog.exec())
        self.refresh()
        if done:
            self._ctx.changes.announce(*CHANGED, source=self)
        return done

    def unassign_from_selected_group(self) -> None:
        group = self.groups.selected_group()
        if group is None or not group.jobs or not self.can_dispatch:
            return
        job = group.jobs[0] if len(group.jobs) == 1 else self._job_choice(group)
        if job is None:
            return
        done = ReasonDialog(
            title="بازگرداندن به صف",
            question=f"درخواست {fmt.number(job.request_id)} ({job.subscriber}) از "
            f"{group.name} گرفته و به صف برگردد؟",
            action=lambda reason: self._dispatch.unassign(
                self._ctx.actor, job.request_id, reason, expected_version=job.version
            ),
            parent=self,
        ).exec()
        self.refresh()
        if done:
            self._ctx.changes.announce(*CHANGED, source=self)

    def dispatch_from_selected_group(self) -> Operation[Path] | None:
        """Send the group to one of its assigned jobs and open the job sheet to print (the
        dispatch and the sheet are made on a worker thread)."""
        group = self.groups.selected_group()
        jobs = [j for j in group.jobs if j.status == RequestStatus.ASSIGNED.value] if group else []
        if group is None or not jobs or not self.can_dispatch:
            return None
        job = jobs[0] if len(jobs) == 1 else self._job_choice(group)
        if job is None:
            return None
        sheets, actor = self._ctx.job_sheets, self._ctx.actor
        folder = self._ctx.documents_dir / "job-sheets"

        def make(_task: Task) -> Path:
            pdf = sheets.dispatch(actor, job.request_id, expected_version=job.version)
            make_private_dir(folder, narrow=True)
            return write_private_file(folder / f"job-sheet-{job.request_id}.pdf", pdf)

        def done(path: Path) -> None:
            self._ctx.changes.announce(*CHANGED, source=self)
            self.status_message.emit(f"{group.name} اعزام شد؛ برگه کار: {path.name}")
            if self.open_documents:  # the in-app preview, to print it
                self.preview_job_sheet(path, job.request_id)

        operation = run_in_background(
            self, make, label="در حال اعزام و ساختن برگه کار…", on_success=done
        )
        operation.finished.connect(self._on_dispatch_finished)
        return operation

    def preview_job_sheet(self, path: Path, request_id: int) -> None:
        from hendazh_desktop.ui.common.pdf_preview_dialog import PdfPreviewDialog

        dialog = PdfPreviewDialog(
            data=path.read_bytes(),
            title=f"برگه کار درخواست {fmt.number(request_id)}",
            file_name=path.name,
            directory=path.parent,
            parent=self,
        )
        dialog.exec()
        dialog.deleteLater()

    def _on_dispatch_finished(self, _outcome: str) -> None:
        self.refresh()  # dispatched, or refused because it changed meanwhile: show it now

    def move_from_selected_group(self) -> bool:
        """Give one of the group's planned jobs to another group, with a reason."""
        group = self.groups.selected_group()
        jobs = [j for j in group.jobs if j.status == RequestStatus.ASSIGNED.value] if group else []
        if group is None or not jobs or not self.can_dispatch:
            return False
        job = jobs[0] if len(jobs) == 1 else self._job_choice(group)
        others = [g for g in self.groups.groups if g.id != group.id]
        if job is None or not others:
            return False
        names = [g.name for g in others]
        name, ok = QInputDialog.getItem(self, "انتقال کار", "به گروه:", names, 0, False)
        if not ok:
            return False
        target = others[names.index(name)]
        dialog = ReasonDialog(
            title="انتقال کار",
            question=f"درخواست {fmt.number(job.request_id)} از {group.name} به {target.name} "
            "منتقل شود؟ دلیل در سابقه درخواست می‌ماند.",
            action=lambda reason: self._dispatch.assign(
                self._ctx.actor,
                job.request_id,
                target.id,
                self.selected_day(),
                expected_version=job.version,
                override_reason=reason,
            ),
            parent=self,
        )
        done = bool(dialog.exec())
        self.refresh()
        if done:
            self._ctx.changes.announce(*CHANGED, source=self)
        return done

    def price_for_selected_group(self) -> None:
        """The price and the subscriber's answer for one of the group's jobs on site."""
        from hendazh_desktop.ui.dispatch.price_dialog import PriceDialog

        group = self.groups.selected_group()
        jobs = [j for j in group.jobs if j.status != RequestStatus.ASSIGNED.value] if group else []
        if group is None or not jobs or not self.can_dispatch:
            return
        job = jobs[0] if len(jobs) == 1 else self._job_choice(group)
        if job is not None:
            PriceDialog(context=self._ctx, request_id=job.request_id, parent=self).exec()

    def _job_choice(self, group: BoardGroup) -> BoardJob | None:

        labels = [f"{fmt.number(j.request_id)} — {j.subscriber}" for j in group.jobs]
        label, ok = QInputDialog.getItem(self, "کدام کار؟", "کار:", labels, 0, False)
        return group.jobs[labels.index(label)] if ok else None

    def _show_problem(self, text: str) -> None:
        QMessageBox.warning(self, "هنداژ", text)
