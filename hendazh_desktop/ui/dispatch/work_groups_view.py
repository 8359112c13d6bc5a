"""Workers and work groups: search the list, then edit one beside it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.work_groups import GROUP_KIND_LABELS, GroupKind
from hendazh_desktop.services.dispatch.work_groups import WorkGroupInfo, WorkGroupRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import (
    Column,
    ListSource,
    WindowTableModel,
    select_row,
)
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.dispatch.work_group_editor import WorkGroupEditor
from hendazh_desktop.ui.ops import run_op

COLUMNS: list[Column[WorkGroupRow]] = [
    Column("نام", lambda r: r.name),
    Column("نوع", lambda r: GROUP_KIND_LABELS[GroupKind(r.kind)]),
    Column("تلفن", lambda r: fmt.phone(r.phone)),
    Column("ظرفیت", lambda r: fmt.number(r.daily_capacity)),
    Column("مهارت/منطقه", lambda r: f"{fmt.number(r.skill_count)}/{fmt.number(r.zone_count)}"),
]


class WorkGroupsView(RefreshWhenShown, QWidget):
    """The list of work groups and the editor of the selected (or a new) one."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._groups = context, context.work_groups
        self._current: WorkGroupInfo | None = None
        self.can_edit = context.actor.can(Permission.MANAGE_WORK_GROUPS)
        self.search = QLineEdit()
        self.search.setPlaceholderText("جستجوی نام گروه یا فرد…")
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton("گروه تازه")
        self.new_button.clicked.connect(self.new_group)
        self.new_button.setEnabled(self.can_edit)
        self.model: WindowTableModel[WorkGroupRow] = WindowTableModel(
            COLUMNS, warn=lambda r: not r.active
        )
        self.table = list_table(self.model)
        for column, width in enumerate((170, 55, 110, 55)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        services = context.catalogue.services(context.actor, include_inactive=True)
        self.editor = WorkGroupEditor(services, context.catalogue.zones(context.actor))
        self.editor.setEnabled(self.can_edit)
        self.save_button = QPushButton("ذخیره گروه (Ctrl+S)")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(self.can_edit)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.save_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([320, 1060])  # the editor's three columns need the room
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.refresh()
        self.new_group()
        self.watch(context.changes, (Change.DISPATCH, Change.CATALOGUE))

    def refresh(self) -> None:
        self._stale = False
        keep = self._current.id if self._current else None
        rows = (
            run_op(self, lambda: self._groups.list_groups(self._ctx.actor, self.search.text()))
            or []
        )
        self.model.set_source(ListSource(rows))
        if keep is not None:
            select_row(self.table, self.model.find_row(lambda r: r.id == keep))

    def new_group(self) -> None:
        self._current = None
        self.table.clearSelection()
        self.editor.fill(None)
        self.editor.name.setFocus()

    def _on_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        index = self.table.currentIndex()
        row = self.model.row_item(index.row()) if index.isValid() else None
        if row is None:
            return
        info = run_op(self, lambda: self._groups.get(self._ctx.actor, row.id))
        if info is not None:
            self._current = info
            self.editor.fill(info)

    def save(self) -> bool:
        draft = self.editor.draft()
        current = self._current
        if current is None:
            call = lambda: self._groups.create(self._ctx.actor, draft)  # noqa: E731
        else:
            call = lambda: self._groups.update(  # noqa: E731
                self._ctx.actor, current.id, draft, expected_version=current.version
            )
        saved = run_op(self, call, on_error=self._on_error)
        if saved is None:
            return False
        self._current = saved
        self.refresh()
        self.editor.fill(saved)
        self._ctx.changes.announce(Change.DISPATCH, source=self)
        self.status_message.emit(f"گروه «{saved.name}» ذخیره شد.")
        return True

    def _on_error(self, error: DomainError) -> bool:
        return self.editor.errors.show(error)
