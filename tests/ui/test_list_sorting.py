"""Every list of every view in the registry sorts by each of its columns: a click on a header
orders the rows (in the database for the long lists) by what the column shows, names in
Persian alphabetical order; a second click reverses; a column that sorts only narrowed lists
says so and keeps the order shown."""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView, QTableWidget, QTabWidget

from hendazh_desktop.db.models.core import ServiceRequest
from hendazh_desktop.db.models.dispatch import WorkGroup
from hendazh_desktop.domain.text import search_key
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.quality.feedback import FeedbackDraft
from hendazh_desktop.services.requests.intake import RequestDraft
from hendazh_desktop.ui.common import window_model
from hendazh_desktop.ui.common.window_model import WindowTableModel, natural_key
from hendazh_desktop.ui.registry import VIEWS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from wage_list_data import wages_in_every_state

# In Persian alphabetical order (ا ب پ چ ژ گ و ه); a code-point sort gives another order.
PERSIAN_ORDER = (
    "آرش یزدانی",
    "بهرام چمنی",
    "پروین گلستانی",
    "چنگیز ایزدی",
    "ژاله کاظمی",
    "گلناز پاکزاد",
    "وحید هاشمی",
    "هادی ملکی",
)
SHUFFLED = (5, 2, 7, 0, 4, 1, 6, 3)
# Columns ordered by a stored code or a number behind their label (a status, a kind, an age):
# equal cells must end up together; the others must read in order.
GROUPED_ONLY = frozenset(
    {
        "وضعیت", "نوع", "اولویت", "راه", "روش", "نتیجه", "منبع", "اقدام", "وضعیت چک",
        "انتظار", "نوع رکورد", "زمان مورد نظر", "پیگیری / چک", "شناسه", "کار", "توضیح",
        "شرح", "پیشنهاد", "زمان درخواستی",
    }
)  # fmt: skip
EMPTY = frozenset({"", "—", "سامانه"})  # no value (the audit's «system» is no user)


@pytest.fixture
def office(ui_db, ctx, make_subscriber):
    """Eight subscribers with requests, a prepaid job's invoice, payments, gift credit, three
    groups' finished jobs with feedback (a complaint, an idea) and the day's call list."""
    people = [make_subscriber(PERSIAN_ORDER[i], f"0917400{i:04d}") for i in SHUFFLED]
    services = {s.code: s for s in ctx.catalogue.services(ctx.actor)}
    for n, card in enumerate(people):
        code = "EDU" if n < 3 else list(services)[n % len(services)]
        ctx.intake.create_request(
            ctx.actor, RequestDraft(card.id, services[code].id, card.addresses[0].id)
        )
        ctx.payments.record_payment(
            ctx.actor, PaymentDraft(str(uuid.uuid4()), card.id, "cash", str(1000 * (9 - n)))
        )
        ctx.gift_credit_admin.adjust(
            ctx.actor, card.id, str(500 * (n + 1)), "هدیه آزمون", decrease=False,
            operation_id=str(uuid.uuid4()),
        )  # fmt: skip
    now = dt.datetime.now(dt.UTC)
    with ui_db.write() as uow:
        groups = [
            WorkGroup(name=n, name_key=search_key(n), kind="person", phone=f"0917000000{i}")
            for i, n in enumerate(("گروه هادی", "گروه پرویز", "گروه چمران"))
        ]
        uow.session.add_all(groups)
        uow.session.flush()
        jobs = [
            ServiceRequest(
                subscriber_id=card.id,
                service_id=list(services.values())[i % 3].id,
                channel="phone",
                status="done",
                done_at=now - dt.timedelta(days=1 + i % 5),
                group_id=groups[i % 3].id,
                created_by=ctx.actor.user_id,
            )
            for i, card in enumerate(people)
        ]
        uow.session.add_all(jobs)
        uow.session.flush()
        job_ids = [j.id for j in jobs]
        uow.commit()
    for n, job in enumerate(job_ids[:4]):
        ctx.quality.feedback.record(
            ctx.actor,
            FeedbackDraft(
                job,
                "phone",
                str(1 + n),
                {"work": str(5 - n)},
                idea=f"پیشنهاد شماره {['یک', 'دو', 'سه', 'چهار'][n]}",
            ),
        )
    ctx.quality.settings.update(ctx.actor, daily_size="4")
    ctx.quality.calls.draw(ctx.actor)
    return people


def click_header(table, column: int) -> None:
    header = table.horizontalHeader()
    if table.model().rowCount():
        table.scrollTo(table.model().index(0, column))  # a narrow list scrolls sideways
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(x, header.height() // 2),
    )


def cells(table, column: int) -> list[str]:
    model = table.model()
    return [str(model.index(r, column).data() or "") for r in range(model.rowCount())]


def check_order(texts: list[str], header: str, descending: bool, where: str) -> None:
    """Equal cells together; empty cells in one run at an end; the rest in reading order."""
    seen: list[str] = []
    for text in texts:
        if seen and text == seen[-1]:
            continue
        assert text not in seen, f"{where}: «{text}» is split apart in {texts}"
        seen.append(text)
    filled = [t for t in texts if t not in EMPTY]
    if len(filled) < len(texts):
        blanks = [i for i, t in enumerate(texts) if t in EMPTY]
        at_start = blanks == list(range(len(blanks)))
        at_end = blanks == list(range(len(texts) - len(blanks), len(texts)))
        assert at_start or at_end, f"{where}: empty cells inside the list {texts}"
    if header not in GROUPED_ONLY:
        expected = sorted(filled, key=natural_key, reverse=descending)
        assert [natural_key(t) for t in filled] == [natural_key(t) for t in expected], (
            f"{where}: not in order: {texts}"
        )


def tables_of(view):
    """Each list table of a view, while it is shown (each tab of a tabbed view in turn)."""
    tabs = view.findChildren(QTabWidget)
    pages = [(tabs[0], i) for i in range(tabs[0].count())] if tabs else [(None, 0)]
    done: set[int] = set()
    for tab_widget, index in pages:
        if tab_widget is not None:
            tab_widget.setCurrentIndex(index)
            QTest.qWait(1)
        for table in view.findChildren(QTableView):
            shown = table.isVisible() and table.horizontalHeader().isSortIndicatorShown()
            if shown and id(table) not in done:
                done.add(id(table))
                yield table


def check_tables(qtbot, view, key: str) -> list[int]:
    """Click every header of every list of a shown view (each twice, then back to the list's
    own order) and check the rows' order; the number of rows of each list checked."""
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    if hasattr(view, "refresh"):
        view.refresh()
    sizes = []
    for table in tables_of(view):
        model = table.model()
        for column in range(model.columnCount()):
            header = str(model.headerData(column, Qt.Orientation.Horizontal))
            where = f"{key} «{header}»"
            if isinstance(model, WindowTableModel) and not model.sortable(column):
                before = cells(table, column)
                click_header(table, column)
                assert table.last_sort_refusal == model.sort_hint(column) != ""
                assert cells(table, column) == before, where
                continue
            click_header(table, column)
            check_order(cells(table, column), header, False, where)
            click_header(table, column)
            check_order(cells(table, column), header, True, where)
            click_header(table, column)  # back to the list's own order
        sizes.append(model.rowCount())
    view.close()
    QTest.qWait(QApplication.doubleClickInterval() + 50)  # the next click is not a double
    return sizes


def test_every_list_sorts_by_each_column(qtbot, ctx, office):
    checked: dict[str, int] = {}
    for spec in VIEWS:
        checked[spec.key] = sum(check_tables(qtbot, spec.factory(ctx), spec.key))
    # the lists with rows were really checked (each sorted column counted its rows)
    for key in ("subscribers", "queue", "board", "invoicing", "credit_ledger", "audit",
                "calls", "feedback", "complaints", "ideas", "work_groups", "wages"):  # fmt: skip
        assert checked.get(key, 0) > 0, key


def test_every_wages_list_sorts_by_each_column(qtbot, qtmodeltester, ui_db, ctx):
    from hendazh_desktop.ui.wages.wages_view import WagesView

    wages_in_every_state(ui_db, ctx.actor)
    view = WagesView(context=ctx)
    # payables, batches, a batch's lines, advances, reimbursements: each with rows, each sorted
    sizes = check_tables(qtbot, view, "wages")
    assert len(sizes) == 5 and min(sizes) >= 2, sizes
    models = (view.model, view.batches.model, view.batches.lines, view.advances)
    for model in (*models, view.reimbursements.model):  # by the database, every column
        assert hasattr(model.source, "ordered")
        assert all(model.sortable(c) for c in range(model.columnCount()))
    for model in models:
        model.sort(1, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model, force_py=True)
    view.reimbursements.model.sort(2, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(view.reimbursements.model, force_py=True)


def test_a_chosen_order_survives_refresh_and_filters(qtbot, ui_db, ctx):
    from hendazh_desktop.ui.wages.wages_view import WagesView

    wages_in_every_state(ui_db, ctx.actor)
    view = WagesView(context=ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    fee = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)].index(
        "دستمزد گروه"
    )
    click_header(view.table, fee)
    click_header(view.table, fee)  # the highest fee first

    def fees() -> list[int]:
        rows = [view.model.row_item(r) for r in range(view.model.rowCount())]
        return [r.fee for r in rows if r is not None and r.fee is not None]

    shown = fees()
    assert shown == sorted(shown, reverse=True) and len(set(shown)) > 3
    view.refresh()
    assert fees() == shown
    view.state.setCurrentIndex(view.state.findData("due"))
    due = fees()
    assert due == sorted(due, reverse=True) and len(due) >= 3
    view.state.setCurrentIndex(0)
    assert fees() == shown
    assert view.table.horizontalHeader().sortIndicatorSection() == fee


def test_names_follow_the_persian_alphabet(qtbot, ctx, office):
    from hendazh_desktop.ui.requests.queue_view import QueueView

    view = QueueView(context=ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.refresh()
    column = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)].index("مشترک")
    click_header(view.table, column)
    names = cells(view.table, column)  # each subscriber has two requests
    assert list(dict.fromkeys(names)) == list(PERSIAN_ORDER) and len(names) == 16


def test_a_column_for_narrowed_lists_says_so_and_keeps_the_order(qtbot, ctx, office, monkeypatch):
    from hendazh_desktop.ui.requests.queue_view import QueueView

    monkeypatch.setattr(window_model, "NARROW_ROWS", 3)
    view = QueueView(context=ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.refresh()
    assert view.model.rowCount() > 3
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    column = headers.index("مشترک")
    click_header(view.table, 0)  # «شماره»: indexed, always
    numbers = cells(view.table, 0)
    hint = view.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "۳" in hint and "فیلتر" in hint
    with qtbot.waitSignal(view.model.sort_refused) as refused:
        click_header(view.table, column)
    assert refused.args == [hint] and view.table.last_sort_refusal == hint
    assert cells(view.table, 0) == numbers
    assert view.table.horizontalHeader().sortIndicatorSection() == 0
    assert view.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None


def test_small_tables_sort_as_they_read(qtbot):
    from hendazh_desktop.ui.common.tables import fill_sortable, sortable

    table = sortable(QTableWidget(0, 2))
    qtbot.addWidget(table)
    fill_sortable(table, [(PERSIAN_ORDER[i], f"{i * 600:,}") for i in SHUFFLED])
    table.show()
    click_header(table, 0)
    assert cells(table, 0) == list(PERSIAN_ORDER)
    click_header(table, 1)
    assert [int(c.replace(",", "")) for c in cells(table, 1)] == sorted(i * 600 for i in SHUFFLED)
