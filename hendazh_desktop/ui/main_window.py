"""The main window: navigation between the views, toolbar, menus, shortcuts and status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from hendazh_desktop import __version__
from hendazh_desktop.domain.money import CurrencyUnit
from hendazh_desktop.domain.permissions import ROLE_LABELS
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change, concerns
from hendazh_desktop.ui.ops import (
    run_action,
    running_operations,
    wait_for_operations,
)
from hendazh_desktop.ui.registry import ViewSpec, views_for
from hendazh_desktop.ui.window_actions import OfficeActions
from hendazh_desktop.ui.window_menus import build_menus, icon

if TYPE_CHECKING:

    from hendazh_desktop.ui.context import UiContext
    from hendazh_desktop.ui.requests.intake_panel import IntakePanel
    from hendazh_desktop.ui.subscribers.subscribers_view import SubscribersView


BUSY_SIGNING_OUT = "کاری در پس‌زمینه در جریان است؛ پس از پایان آن دوباره از حساب خارج شوید."


class MainWindow(OfficeActions, QMainWindow):
    """The office's one window: new call, subscribers and the request queue.

    The window paints at once as a shell ("opening the database…"); ``attach`` fills it once
    the database is open and someone has signed in. The views, and with them SQLAlchemy, are
    imported only then, so the first paint is not held up by them.
    """

    view_changed = Signal(str)
    """The visible view changed (its key in the registry: intake, subscribers, queue, …)."""

    # Built by ``build_menus`` for the signed-in user (window_menus.py).
    view_actions: dict[str, QAction]
    new_call_action: QAction
    import_action: QAction
    backup_action: QAction
    restore_action: QAction
    export_list_action: QAction
    export_database_action: QAction
    tax_export_action: QAction
    password_action: QAction
    sign_out_action: QAction
    refresh_action: QAction
    catalogue_action: QAction
    settings_action: QAction
    users_action: QAction
    toman_action: QAction
    toolbar: QToolBar

    def __init__(
        self, *, context: UiContext | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__()
        self._settings = settings
        self._views: dict[str, QWidget] = {}  # the views built so far, by key
        self._specs: list[ViewSpec] = []
        self._keys: list[str] = []  # every view the role may open, in sidebar order
        self.setWindowTitle("هنداژ — مدیریت خدمات هنداژمون")
        self.setMinimumSize(QSize(1000, 640))
        self.loading = QLabel("در حال باز کردن پایگاه داده…")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.loading)
        self.statusBar().addPermanentWidget(QLabel(f"نسخه {to_persian_digits(__version__)}"))
        self._restore_geometry()
        if context is not None:
            self.attach(context)

    def set_loading(self, text: str) -> None:
        self.loading.setText(text)

    @property
    def context(self) -> UiContext:
        """The signed-in user and the use cases (set by ``attach``)."""
        return self._ctx

    def view_specs(self) -> list[ViewSpec]:
        """The registry's views that the signed-in role may open, in sidebar order."""
        return list(self._specs)

    def attach(self, context: UiContext) -> None:
        """Build the window for the signed-in user: the views their role may open (from the
        registry) with the sidebar, menus, toolbar and shortcuts that go with them."""
        self._ctx = context
        fmt.DisplaySettings.unit = context.display_currency()
        context.changes.data_changed.connect(self._on_data_changed)  # before the views: the
        # money unit is set before they re-read
        self._specs = views_for(context.actor)
        self._keys = [spec.key for spec in self._specs]
        self._views = {}  # each view is built when first shown (start-up builds only one)
        self._stack = QStackedWidget()
        self._nav = QListWidget()
        self._nav.setIconSize(QSize(22, 22))
        self._nav.setMaximumWidth(190)
        self._nav.setObjectName("navigation")
        for spec in self._specs:
            item = QListWidgetItem(icon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self._nav.addItem(item)
            self._stack.addWidget(QWidget())  # stands in until the view is first shown
        self._nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        splitter = QSplitter()
        splitter.addWidget(self._nav)
        splitter.addWidget(self._stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self._seen_version = self._data_version()
        build_menus(self)
        self._user_label = QLabel(
            f"کاربر: {context.actor.username} ({ROLE_LABELS[context.actor.role]})"
        )
        self.statusBar().insertPermanentWidget(0, self._user_label)
        self._restore_state()
        if self._specs:
            self.show_view(self._specs[0].key)

    def view(self, key: str) -> QWidget | None:
        """The view of this key (built now if it was not yet), None when the signed-in role
        may not open it."""
        if key not in self._keys:
            return None
        view = self._views.get(key)
        return view if view is not None else self._build_view(key)

    def _build_view(self, key: str) -> QWidget:
        """Build a view in place of its stand-in, and wire what the window listens to."""
        index = self._keys.index(key)
        view = self._specs[index].factory(self._ctx)
        self._views[key] = view
        stand_in = self._stack.widget(index)
        assert stand_in is not None
        current = self._stack.currentIndex() == index
        self._stack.insertWidget(index, view)
        self._stack.removeWidget(stand_in)
        stand_in.deleteLater()
        if current:
            self._stack.setCurrentIndex(index)
        view.status_message.connect(self._show_status)  # type: ignore[attr-defined]
        if key == "intake":
            view.request_created.connect(self._on_intake_request_created)  # type: ignore[attr-defined]
        elif key == "subscribers":
            view.new_request_requested.connect(self._on_subscribers_new_request)  # type: ignore[attr-defined]
        return view

    @property
    def intake(self) -> IntakePanel | None:
        return self.view("intake")  # type: ignore[return-value]

    @property
    def subscribers(self) -> SubscribersView | None:
        return self.view("subscribers")  # type: ignore[return-value]

    # --- navigation -----------------------------------------------------------------------
    def show_view(self, key: str) -> None:
        self._nav.setCurrentRow(self._keys.index(key))

    def current_view(self) -> str:
        return self._keys[self._stack.currentIndex()] if self._keys else ""

    def _on_nav_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self._keys[row]
        built_now = key not in self._views  # a view built now has just read its data
        view = self.view(key)
        assert view is not None
        stale = getattr(view, "stale", None)
        read_on_show = built_now or (bool(stale()) if callable(stale) else False)
        self._stack.setCurrentIndex(row)  # a view whose data changed here re-reads as shown
        version = self._data_version()
        if version != self._seen_version:
            # the database changed since (another PC, or a change nobody announced): every
            # view re-reads, the one shown now at once unless it just did
            self._seen_version = version
            self._ctx.changes.announce(Change.ALL, source=view if read_on_show else None)
        self.view_changed.emit(key)

    def _data_version(self) -> int:
        return self._ctx.data_version()

    def start_new_call(self) -> None:
        if self.intake is not None:
            self.show_view("intake")
            self.intake.start_call()

    def refresh_current(self) -> None:
        widget = self.view(self.current_view())
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()
        self._show_status("بازخوانی شد.")

    # --- signing out ----------------------------------------------------------------------
    def sign_out(self) -> None:
        """Sign out (audited), close the views, then the sign-in dialog: the window is rebuilt
        for whoever signs in next; nobody signing in closes the application."""
        from hendazh_desktop.ui.accounts.login_dialog import LoginDialog

        context = self._ctx
        if running_operations():  # its result belongs to this user's views
            QMessageBox.information(self, "هنداژ", BUSY_SIGNING_OUT)
            return
        if not run_action(self, lambda: context.users.sign_out(context.actor)):
            return
        self.detach()
        self.set_loading("ورود به هنداژ…")
        dialog = LoginDialog(users=context.users, parent=self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        actor = dialog.actor
        dialog.deleteLater()
        if not accepted or actor is None:
            self.close()
            return
        self.attach(context.signed_in_as(actor))

    def detach(self) -> None:
        """Close the signed-in user's views and drop their menus, toolbar and actions."""
        if not self._keys:
            return
        if self._settings is not None:
            self._settings.setValue("main_window/state", self.saveState())
        self._ctx.changes.data_changed.disconnect(self._on_data_changed)
        for view in self._views.values():
            view.close()
        self._views, self._specs, self._keys = {}, [], []
        self.menuBar().clear()
        self.removeToolBar(self.toolbar)
        self.toolbar.deleteLater()
        for action in self.actions():
            self.removeAction(action)
            action.deleteLater()
        self.statusBar().removeWidget(self._user_label)
        self._user_label.deleteLater()
        self.loading = QLabel()
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.loading)  # the views go with the old central widget

    def _on_intake_request_created(self, request_id: int) -> None:
        self._show_status(f"درخواست شماره {fmt.number(request_id)} ثبت شد.")

    def _on_subscribers_new_request(self, subscriber_id: int) -> None:
        if self.intake is not None:
            self.show_view("intake")
            self.intake.start_call_for(subscriber_id)

    def _on_data_changed(self, kind: str) -> None:
        if concerns(kind, (Change.SETTINGS,)):  # the money unit shown everywhere
            unit = self._ctx.display_currency()
            fmt.DisplaySettings.unit = unit
            self.toman_action.setChecked(unit is CurrencyUnit.TOMAN)

    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    # --- geometry -------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self._settings.value("main_window/geometry") if self._settings else None
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            return
        self.resize(1280, 800)  # the first run: a comfortable size, not the minimum

    def _restore_state(self) -> None:
        """Toolbars exist only after ``attach``: their state is restored then."""
        state = self._settings.value("main_window/state") if self._settings else None
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        wait_for_operations()
        if self._settings is not None:
            self._settings.setValue("main_window/geometry", self.saveGeometry())
            if self._keys:
                self._settings.setValue("main_window/state", self.saveState())
            self._settings.sync()
        super().closeEvent(event)
