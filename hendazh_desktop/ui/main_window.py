"""The main window: navigation between the views, toolbar, menus, shortcuts and status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from hendazh_desktop import __version__
from hendazh_desktop.domain.money import CurrencyUnit
from hendazh_desktop.domain.permissions import ROLE_LABELS, Permission
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.resources import icon_path
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.background import BackgroundCall, wait_cursor
from hendazh_desktop.ui.ops import run_action, run_op

if TYPE_CHECKING:
    from hendazh_desktop.ui.accounts.audit_view import AuditView
    from hendazh_desktop.ui.billing.invoicing_view import InvoicingView
    from hendazh_desktop.ui.context import UiContext


def _icon(name: str) -> QIcon:
    path = icon_path(f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


class MainWindow(QMainWindow):
    """The office's one window: new call, subscribers and the request queue.

    The window paints at once as a shell ("opening the database…"); ``attach`` fills it once
    the database is open and someone has signed in. The views, and with them SQLAlchemy, are
    imported only then, so the first paint is not held up by them.
    """

    view_changed = Signal(str)
    """The visible view changed (its key: intake, subscribers, queue, audit)."""

    def __init__(
        self, *, context: UiContext | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__()
        self._settings = settings
        self._views: dict[str, QWidget] = {}
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

    def attach(self, context: UiContext) -> None:
        """Build the views for the signed-in user."""
        from hendazh_desktop.ui.accounts.audit_view import AuditView
        from hendazh_desktop.ui.billing.invoicing_view import InvoicingView
        from hendazh_desktop.ui.dispatch.dispatch_board import DispatchBoardView
        from hendazh_desktop.ui.dispatch.work_groups_view import WorkGroupsView
        from hendazh_desktop.ui.requests.intake_panel import IntakePanel
        from hendazh_desktop.ui.requests.queue_view import QueueView
        from hendazh_desktop.ui.subscribers.subscribers_view import SubscribersView

        self._ctx = context
        fmt.DisplaySettings.unit = context.catalogue.display_currency()
        self.intake = IntakePanel(context=context)
        self.subscribers = SubscribersView(context=context)
        self.queue = QueueView(context=context)
        self._views = {
            "intake": self.intake,
            "subscribers": self.subscribers,
            "queue": self.queue,
        }
        self.board = DispatchBoardView(context=context, dispatch=context.dispatch)
        self.board.status_message.connect(self._show_status)
        self._views["board"] = self.board
        self.invoicing: InvoicingView | None = None
        if context.actor.can(Permission.VIEW_BILLING):
            self.invoicing = InvoicingView(context=context)
            self.invoicing.status_message.connect(self._show_status)
            self.invoicing.data_changed.connect(self.queue.mark_stale)
            self._views["invoicing"] = self.invoicing
        self.work_groups: WorkGroupsView | None = None
        if context.actor.can(Permission.VIEW_WORK_GROUPS):
            self.work_groups = WorkGroupsView(context=context, groups=context.work_groups)
            self.work_groups.status_message.connect(self._show_status)
            self._views["work_groups"] = self.work_groups
        self.audit: AuditView | None = None
        if context.actor.can(Permission.VIEW_AUDIT):
            self.audit = AuditView(audit=context.audit, actor=context.actor)
            self.audit.status_message.connect(self._show_status)
            self._views["audit"] = self.audit
        self._stack = QStackedWidget()
        self._nav = QListWidget()
        self._nav.setIconSize(QSize(22, 22))
        self._nav.setMaximumWidth(190)
        self._nav.setObjectName("navigation")
        titles = {
            "intake": ("تماس جدید", "new-call"),
            "subscribers": ("مشترکین", "subscribers"),
            "queue": ("صف درخواست‌ها", "queue"),
            "board": ("تابلوی اعزام", "queue"),
            "invoicing": ("صورتحساب‌ها", "invoice"),
            "work_groups": ("گروه‌های کاری", "services"),
            "audit": ("گزارش تغییرات", "search"),
        }
        for key, widget in self._views.items():
            title, icon = titles[key]
            item = QListWidgetItem(_icon(icon), title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self._nav.addItem(item)
            self._stack.addWidget(widget)
        self._nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        splitter = QSplitter()
        splitter.addWidget(self._nav)
        splitter.addWidget(self._stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self._build_actions()
        self._build_status_bar()
        self.intake.request_created.connect(self._on_intake_request_created)
        self.intake.status_message.connect(self._show_status)
        self.subscribers.new_request_requested.connect(self._on_subscribers_new_request)
        self.subscribers.status_message.connect(self._show_status)
        self.queue.status_message.connect(self._show_status)
        self._restore_state()
        self.show_view("intake")

    # --- building -------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: object,
        shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
        icon: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString()})")
        if icon:
            action.setIcon(_icon(icon))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        actor = self._ctx.actor
        self.new_call_action = self._action("تماس جدید", self.start_new_call, "F2", "new-call")
        self.subscribers_action = self._action(
            "مشترکین", lambda: self.show_view("subscribers"), "Ctrl+2", "subscribers"
        )
        self.queue_action = self._action(
            "صف درخواست‌ها", lambda: self.show_view("queue"), "Ctrl+3", "queue"
        )
        self.intake_action = self._action("پنل تماس", lambda: self.show_view("intake"), "Ctrl+1")
        self.import_action = self._action(
            "ورود فرم‌های وب…", self.import_web_forms, "Ctrl+I", "import"
        )
        self.import_action.setEnabled(actor.can(Permission.IMPORT_WEB_FORMS))
        self.catalogue_action = self._action(
            "خدمات و نرخ‌ها…", self.open_catalogue, None, "services"
        )
        self.settings_action = self._action("تنظیمات دفتر…", self.open_settings)
        self.users_action = self._action("کاربران…", self.open_users)
        self.users_action.setVisible(actor.can(Permission.MANAGE_USERS))
        self.board_action = self._action(
            "تابلوی اعزام", lambda: self.show_view("board"), "Ctrl+4", "queue"
        )
        self.invoicing_action = self._action(
            "صورتحساب‌ها و دریافت‌ها",
            lambda: self.show_view("invoicing"),
            "Ctrl+Shift+I",
            "invoice",
        )
        self.invoicing_action.setVisible(actor.can(Permission.VIEW_BILLING))
        self.groups_action = self._action(
            "گروه‌های کاری", lambda: self.show_view("work_groups"), "Ctrl+5"
        )
        self.groups_action.setVisible(actor.can(Permission.VIEW_WORK_GROUPS))
        self.audit_action = self._action("گزارش تغییرات", lambda: self.show_view("audit"), "Ctrl+6")
        self.audit_action.setVisible(actor.can(Permission.VIEW_AUDIT))
        self.backup_action = self._action("پشتیبان‌گیری اکنون", self.backup_now, "Ctrl+B", "save")
        self.backup_action.setVisible(actor.can(Permission.BACKUP_DATABASE))
        self.password_action = self._action("تغییر گذرواژه…", self.change_password)
        self.refresh_action = self._action("بازخوانی", self.refresh_current, "F5", "refresh")
        self.toman_action = QAction("نمایش مبالغ به تومان", self)
        self.toman_action.setCheckable(True)
        self.toman_action.setChecked(fmt.DisplaySettings.unit is CurrencyUnit.TOMAN)
        self.toman_action.setEnabled(actor.can(Permission.EDIT_SETTINGS))
        self.toman_action.toggled.connect(self._on_toman_toggled)
        quit_action = self._action("خروج", self.close, QKeySequence.StandardKey.Quit)

        menu = self.menuBar().addMenu("&پرونده")
        menu.addAction(self.import_action)
        menu.addAction(self.backup_action)
        menu.addSeparator()
        menu.addAction(self.password_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&نما")
        for action in (
            self.intake_action,
            self.subscribers_action,
            self.queue_action,
            self.board_action,
            self.invoicing_action,
            self.groups_action,
            self.audit_action,
            self.refresh_action,
        ):
            view_menu.addAction(action)
        settings_menu = self.menuBar().addMenu("&تنظیمات")
        settings_menu.addAction(self.catalogue_action)
        settings_menu.addAction(self.settings_action)
        settings_menu.addAction(self.toman_action)
        settings_menu.addAction(self.users_action)
        help_menu = self.menuBar().addMenu("&راهنما")
        help_menu.addAction(self._action("درباره هنداژ", self._on_about))

        toolbar = self.addToolBar("ابزار")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (
            self.new_call_action,
            self.subscribers_action,
            self.queue_action,
            self.invoicing_action,
            self.import_action,
            self.refresh_action,
        ):
            toolbar.addAction(action)

    def _build_status_bar(self) -> None:
        actor = self._ctx.actor
        user = QLabel(f"کاربر: {actor.username} ({ROLE_LABELS[actor.role]})")
        self.statusBar().insertPermanentWidget(0, user)

    # --- navigation -----------------------------------------------------------------------
    def show_view(self, key: str) -> None:
        keys = list(self._views)
        self._nav.setCurrentRow(keys.index(key))

    def current_view(self) -> str:
        return list(self._views)[self._stack.currentIndex()] if self._views else ""

    def _on_nav_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = list(self._views)[row]
        self._stack.setCurrentIndex(row)
        if key == "queue":
            self.queue.refresh()
        elif key == "board":
            self.board.refresh()
        elif key == "audit" and self.audit is not None:
            self.audit.refresh()
        elif key == "invoicing" and self.invoicing is not None:
            self.invoicing.refresh()
        self.view_changed.emit(key)

    def start_new_call(self) -> None:
        self.show_view("intake")
        self.intake.start_call()

    def refresh_current(self) -> None:
        widget = self._views[self.current_view()]
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()
        self._show_status("بازخوانی شد.")

    def _on_intake_request_created(self, request_id: int) -> None:
        self.queue.mark_stale()
        if self.invoicing is not None:
            self.invoicing.mark_stale()  # a prepaid service's request comes with its invoice
        self._show_status(f"درخواست شماره {fmt.number(request_id)} ثبت شد.")

    def _on_subscribers_new_request(self, subscriber_id: int) -> None:
        self.show_view("intake")
        self.intake.start_call_for(subscriber_id)

    # --- actions --------------------------------------------------------------------------
    def import_web_forms(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "ورود فرم‌های وب", "", "فرم‌های وب (*.csv *.json);;همه پرونده‌ها (*)"
        )
        if not path:
            return
        from pathlib import Path

        report = run_op(self, lambda: self._ctx.webform.import_file(self._ctx.actor, Path(path)))
        if report is not None:
            from hendazh_desktop.ui.requests.import_report_dialog import show_import_report

            show_import_report(self, report)
            if report.ok:
                self.queue.mark_stale()
                self._show_status(f"{fmt.number(len(report.created))} درخواست از فرم وب وارد شد.")

    def open_catalogue(self) -> None:
        from hendazh_desktop.ui.catalogue.service_catalogue_dialog import ServiceCatalogueDialog

        ServiceCatalogueDialog(context=self._ctx, parent=self).exec()
        self.intake.reload_services()

    def open_settings(self) -> None:
        from hendazh_desktop.ui.accounts.settings_dialog import SettingsDialog

        SettingsDialog(settings=self._ctx.settings, actor=self._ctx.actor, parent=self).exec()
        unit = self._ctx.catalogue.display_currency()
        fmt.DisplaySettings.unit = unit
        self.toman_action.setChecked(unit is CurrencyUnit.TOMAN)

    def open_users(self) -> None:
        from hendazh_desktop.ui.accounts.users_dialog import UsersDialog

        UsersDialog(users=self._ctx.users, actor=self._ctx.actor, parent=self).exec()

    def change_password(self) -> None:
        from hendazh_desktop.ui.accounts.change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(users=self._ctx.users, actor=self._ctx.actor, parent=self)
        if dialog.exec():
            self._show_status("گذرواژه تغییر کرد.")

    def backup_now(self) -> None:
        with wait_cursor():
            path = run_op(self, lambda: self._ctx.backups.backup_now(self._ctx.actor))
        if path is not None:
            self._show_status(f"پشتیبان ذخیره شد: {path.name}")

    def start_daily_backup(self) -> None:
        """After the window is up: a backup when the newest is older than a day, in the
        background so the first screen is not held up."""
        self._daily = BackgroundCall(self._ctx.backups.ensure_daily, parent=self)
        self._daily.finished_ok.connect(self._on_daily_backup_finished)
        self._daily.failed.connect(self._on_daily_backup_failed)
        self._daily.start()

    def _on_daily_backup_finished(self, path: object) -> None:
        if path is not None:
            self._show_status(f"پشتیبان روزانه ذخیره شد: {getattr(path, 'name', path)}")

    def _on_daily_backup_failed(self, message: str) -> None:
        self._show_status(f"پشتیبان روزانه ناموفق بود: {message}")

    def _on_toman_toggled(self, checked: bool) -> None:
        unit = CurrencyUnit.TOMAN if checked else CurrencyUnit.RIAL
        change = lambda: self._ctx.catalogue.set_display_currency(self._ctx.actor, unit)  # noqa: E731
        if run_action(self, change):
            self.subscribers.refresh()
            self.queue.refresh()
            fmt.DisplaySettings.unit = unit
            if self.invoicing is not None:
                self.invoicing.mark_stale()
            self._show_status("واحد نمایش مبالغ: " + ("تومان" if checked else "ریال"))

    def _on_about(self) -> None:
        QMessageBox.about(
            self, "درباره هنداژ", f"هنداژ — نرم‌افزار دفتر هنداژمون\nنسخه {__version__}"
        )

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
        daily = getattr(self, "_daily", None)
        if daily is not None:
            daily.wait()
        if self._settings is not None:
            self._settings.setValue("main_window/geometry", self.saveGeometry())
            if self._views:
                self._settings.setValue("main_window/state", self.saveState())
            self._settings.sync()
        super().closeEvent(event)
