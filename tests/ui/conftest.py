"""UI test fixtures: the application look, a fresh database with services, and a context."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_stall import LIMIT_S, StallDetector
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from hendazh_desktop.app import build_context
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.wiring import wire
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import wait_for_operations
from hendazh_desktop.ui.theme import apply_app_look


@pytest.fixture(scope="session", autouse=True)
def _app_look(qapp: QApplication) -> None:
    apply_app_look(qapp)
    # Everything alive now (the imported modules of the app, Qt, SQLAlchemy and the collected
    # tests) lives for the whole run: kept out of the garbage collector's scans, the full
    # collection before each test takes a few milliseconds instead of about 0.16 s.
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a visible top-level window behind (closed ones are fine)."""
    before = {id(w) for w in qapp.topLevelWidgets()}
    yield
    leaked = [
        w
        for w in qapp.topLevelWidgets()
        if id(w) not in before and w.isVisible() and w.objectName() != "qtbot_keep"
    ]
    for widget in leaked:
        widget.close()
    assert not leaked, f"visible top-level widgets left behind: {leaked}"


@pytest.fixture(autouse=True)
def _gui_stall(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[StallDetector]:
    """Fail a test during which the GUI thread was blocked longer than 200 ms while the event
    loop ran (time the test body itself spends outside the loop is not counted, nor time the
    thread waited for a CPU held by other processes)."""
    # Widgets the previous test left to deleteLater go now, not in this test's first loop turn,
    # and so does the garbage of earlier tests (a full collection mid-test took 0.6 s).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    detector = StallDetector()
    detector.start()
    yield detector
    longest = detector.stop()
    assert wait_for_operations(), "background work still running after the test"
    expected = request.node.get_closest_marker("gui_stall_expected") is not None
    limit = LIMIT_S
    if expected:
        assert longest > LIMIT_S, f"the stall detector missed a stall (longest {longest:.3f} s)"
    elif longest > limit:
        pytest.fail(
            f"the GUI thread was blocked for {longest * 1000:.0f} ms (limit {limit * 1000:.0f} ms; "
            f"{detector.longest_wall * 1000:.0f} ms with waiting for a CPU), "
            f"while in:\n{detector.where}"
        )


@pytest.fixture
def ui_db(tmp_path, _migrated_sqlite: Path) -> Iterator[Database]:
    """A migrated, seeded SQLite file with the seller's codes every invoice needs: a copy of
    the run's template (migrating each test's database anew took about a second)."""
    path = tmp_path / "ui.db"
    shutil.copyfile(_migrated_sqlite, path)
    db = wire(Database(str(path)))
    prepare_database(db, backup_dir=tmp_path / "backups")  # current: no backup, no seed
    yield db
    db.dispose()


@pytest.fixture
def ui_snapshot(ui_db: Database, _sqlite_snapshots):
    """``ui_snapshot("name", build)``: ``ui_db`` as ``build(ui_db)`` leaves it, built once per
    worker and copied back for later tests (see ``snapshot``); the users made before the call
    must be the same in every test that calls one name."""
    return lambda name, build: _sqlite_snapshots.restore(ui_db, f"ui_{name}", build)


@pytest.fixture
def ctx(ui_db: Database) -> UiContext:
    return build_context(ui_db, office_actor(ui_db, "tester", full_name="آزمونگر"))


@pytest.fixture
def context_for(ui_db: Database):
    """The window's context for another signed-in user: ``context_for(actor)``."""
    return lambda actor: build_context(ui_db, actor)


@pytest.fixture
def consultant_ctx(ui_db: Database) -> UiContext:
    return build_context(ui_db, office_actor(ui_db, "consultant", role=Role.CONSULTANT))


@pytest.fixture
def make_subscriber(ctx: UiContext):
    """Create a subscriber through the service: make_subscriber("نام", "0917…")."""

    def make(
        name: str,
        phone: str,
        *,
        address: str = "شیراز، خیابان زند، کوچه ۵",
        do_not_serve: bool = False,
        reason: str = "",
    ):
        zone = ctx.catalogue.zones(ctx.actor)[0]
        return ctx.subscribers.create(
            ctx.actor,
            SubscriberDraft(
                name=name,
                phones=(PhoneDraft(phone),),
                addresses=(AddressDraft(address, zone.id),),
                do_not_serve=do_not_serve,
                do_not_serve_reason=reason,
            ),
        )

    return make


@pytest.fixture
def today() -> dt.date:
    return dt.date.today()


@pytest.fixture
def show_dialog(qtbot):
    """Show a dialog (not modal: no nested event loop) and have qtbot close it afterwards."""

    def show(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return show


@pytest.fixture
def answer_modal(qtbot):
    """Act on the next modal dialog of a class once its ``exec()`` has started:
    ``answer_modal(AddUserDialog, fill)`` before the click that opens it. The dialog is
    rejected afterwards if ``fill`` left it open, so a failing test never hangs."""
    from PySide6.QtCore import QTimer

    handled: list[object] = []

    def answer(cls, fill, *, tries: int = 500):
        def attempt(left: int = tries):
            widget = QApplication.activeModalWidget()
            if not isinstance(widget, cls):
                if left:
                    QTimer.singleShot(10, lambda: attempt(left - 1))
                return
            try:
                fill(widget)
            finally:
                handled.append(widget)
                if widget.isVisible():
                    widget.reject()

        QTimer.singleShot(0, attempt)
        return handled

    return answer
