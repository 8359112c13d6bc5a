"""Quality screens by keyboard: today's call list worked through (feedback with a complaint,
no answer, an idea), a complaint closed, an idea judged, a group's scorecard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from ui_helpers import press, type_text

from hendazh_desktop.db.models.core import ServiceRequest, Subscriber, SubscriberPhone
from hendazh_desktop.db.models.dispatch import WorkGroup
from hendazh_desktop.domain.quality import CallOutcome
from hendazh_desktop.services.quality.feedback import FeedbackDraft
from hendazh_desktop.ui.quality.call_list_view import CallListView
from hendazh_desktop.ui.quality.complaints_view import CloseComplaintDialog, ComplaintsView
from hendazh_desktop.ui.quality.feedback_dialog import FeedbackDialog
from hendazh_desktop.ui.quality.idea_dialogs import IdeaDialog, IdeaStateDialog
from hendazh_desktop.ui.quality.ideas_view import IdeasView
from hendazh_desktop.ui.quality.scorecard_view import ScorecardView

LETTERS = ["الف", "ب", "پ", "ت", "ث", "ج", "چ", "ح", "خ", "د", "ذ", "ر"]


@pytest.fixture
def finished(ui_db, ctx):
    """Three groups' finished jobs for twelve subscribers (written straight to the tables)."""
    now = dt.datetime.now(dt.UTC)
    with ui_db.write() as uow:
        session = uow.session
        services = [s.id for s in uow.catalogue.services()][:3]
        groups = [
            WorkGroup(name=n, name_key=n, kind="person", phone=f"0917000000{i}", daily_capacity=4)
            for i, n in enumerate(("گروه ارم", "گروه زند", "گروه قصرالدشت"))
        ]
        people = [
            Subscriber(
                code=f"{80000000 + i}",
                name=f"مشترک شماره {LETTERS[i]}",
                name_key=f"m{i}",
            )
            for i in range(12)
        ]
        session.add_all(groups + people)
        session.flush()
        session.add_all(
            SubscriberPhone(subscriber_id=p.id, number=f"0917100{i:04d}", kind="mobile")
            for i, p in enumerate(people)
        )
        jobs = [
            ServiceRequest(
                subscriber_id=p.id,
                service_id=services[i % 3],
                channel="phone",
                status="done",
                done_at=now - dt.timedelta(days=1 + i % 5),
                group_id=groups[i % 3].id,
                created_by=ctx.actor.user_id,
            )
            for i, p in enumerate(people)
        ]
        session.add_all(jobs)
        session.flush()
        made = {"jobs": [j.id for j in jobs], "groups": [g.id for g in groups]}
        uow.commit()
    ctx.quality.settings.update(ctx.actor, daily_size="8")
    return made


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_call_list_worked_through_by_keyboard(qtbot, qtmodeltester, ctx, finished, answer_modal):
    view = shown(qtbot, CallListView(context=ctx))
    assert view.draw_button.isVisible() and view.model.rowCount() == 0
    view.draw_button.setFocus()
    press(view.draw_button, Qt.Key.Key_Space)
    assert view.model.rowCount() == 8 and not view.draw_button.isVisible()
    qtmodeltester.check(view.model, force_py=True)
    assert view.focusWidget() is view.table and view.current().outcome == CallOutcome.PENDING
    first = view.current()
    assert first.phone in view.details.text().replace("۰", "0") or "تلفن" in view.details.text()

    def fill(dialog: FeedbackDialog) -> None:
        type_text(dialog.overall, "۲")
        type_text(dialog.criteria[next(iter(dialog.criteria))], "3")
        type_text(dialog.comment, "دیر آمدند")
        press(dialog.comment, Qt.Key.Key_Return)

    handled = answer_modal(FeedbackDialog, fill)
    press(view.table, Qt.Key.Key_Return)
    assert handled, "Enter did not open the feedback dialog"
    called = ctx.quality.calls.call(ctx.actor, first.id)
    assert called.outcome == CallOutcome.ANSWERED
    assert ctx.quality.complaints.count(ctx.actor, "open") == 1  # a 2 opens a complaint
    second = view.current()
    assert second.id != first.id and second.outcome == CallOutcome.PENDING
    press(view.table, Qt.Key.Key_F7)
    assert ctx.quality.calls.call(ctx.actor, second.id).outcome == CallOutcome.NO_ANSWER

    def idea(dialog: IdeaDialog) -> None:
        type_text(dialog.text, "پیامک یادآوری پیش از آمدن گروه")
        press(dialog.text, Qt.Key.Key_Return)

    answer_modal(IdeaDialog, idea)
    press(view.table, Qt.Key.Key_F6)
    ideas = ctx.quality.ideas.page(ctx.actor, None, 0, 10)
    assert [(i.text, i.source) for i in ideas] == [("پیامک یادآوری پیش از آمدن گروه", "call")]


def test_bad_scores_stay_in_the_dialog_with_messages(qtbot, ctx, finished, answer_modal):
    view = shown(qtbot, CallListView(context=ctx))
    view.draw()
    seen = {}

    def fill(dialog: FeedbackDialog) -> None:
        type_text(dialog.overall, "9")
        press(dialog.overall, Qt.Key.Key_Return)
        seen["overall"] = dialog.errors.message("overall")
        seen["open"] = dialog.isVisible()

    answer_modal(FeedbackDialog, fill)
    press(view.table, Qt.Key.Key_Return)
    assert "۱" in seen["overall"] and "۵" in seen["overall"] and seen["open"]
    assert view.current().outcome == CallOutcome.PENDING


def test_complaint_closed_and_idea_judged(qtbot, qtmodeltester, ctx, finished, answer_modal):
    ctx.quality.feedback.record(ctx.actor, FeedbackDraft(finished["jobs"][0], "phone", "1", {}))
    view = shown(qtbot, ComplaintsView(context=ctx))
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 1 and view.close_button.isEnabled()

    def close(dialog: CloseComplaintDialog) -> None:
        dialog.action.setCurrentIndex(dialog.action.findData("warning"))
        type_text(dialog.note, "به گروه تذکر داده شد")
        press(dialog.note, Qt.Key.Key_Return)

    answer_modal(CloseComplaintDialog, close)
    view.close_button.click()
    assert view.model.rowCount() == 0  # the open filter now shows none
    closed = ctx.quality.complaints.page(ctx.actor, "closed", None, 0, 1)[0]
    assert (closed.action, closed.note) == ("warning", "به گروه تذکر داده شد")

    ctx.quality.ideas.add(ctx.actor, "کارت تخفیف برای معرفی", source="intake")
    ideas = shown(qtbot, IdeasView(context=ctx))
    qtmodeltester.check(ideas.model, force_py=True)

    def judge(dialog: IdeaStateDialog) -> None:
        dialog.state.setCurrentIndex(dialog.state.findData("adopted"))
        type_text(dialog.note, "از ماه آینده")
        press(dialog.note, Qt.Key.Key_Return)

    answer_modal(IdeaStateDialog, judge)
    ideas.state_button.click()
    row = ctx.quality.ideas.page(ctx.actor, None, 0, 1)[0]
    assert (row.state, row.manager_note) == ("adopted", "از ماه آینده")
    assert "پذیرفته" in ideas.model.data(ideas.model.index(0, 3))


def test_scorecard_shows_scores_per_service_and_month(qtbot, ctx, finished):
    for job, score in zip(finished["jobs"][::3], ("5", "4", "2", "5"), strict=True):
        ctx.quality.feedback.record(ctx.actor, FeedbackDraft(job, "phone", score, {"work": score}))
    view = shown(qtbot, ScorecardView(context=ctx))
    view.group.setCurrentIndex(view.group.findData(finished["groups"][0]))
    card = view.card
    assert card is not None and card.services[0].standing.count == 4
    assert view.services.rowCount() == 1 and view.months.rowCount() >= 1
    assert view.complaints.rowCount() == 1
    assert "۴ نظر" in view.summary.text() and "۱ شکایت باز" in view.summary.text()


def test_feedback_taken_from_the_intake_panel_shows_on_the_card(
    qtbot, ui_db, ctx, finished, answer_modal
):
    from hendazh_desktop.ui.requests.intake_panel import IntakePanel
    from hendazh_desktop.ui.subscribers.subscribers_view import SubscribersView

    with ui_db.read() as uow:  # the first job's subscriber
        subscriber = uow.session.get(ServiceRequest, finished["jobs"][0]).subscriber_id
    panel = shown(qtbot, IntakePanel(context=ctx))
    panel.start_call_for(subscriber)
    section = panel.feedback
    assert section.none.isVisible() and section.record_button.isEnabled()

    def fill(dialog: FeedbackDialog) -> None:
        assert dialog.job.count() == 1 and dialog.channel.currentData() == "phone"
        type_text(dialog.overall, "5")
        type_text(dialog.comment, "عالی بود")
        press(dialog.comment, Qt.Key.Key_Return)

    answer_modal(FeedbackDialog, fill)
    section.record_button.click()
    assert section.model.rowCount() == 1 and not section.none.isVisible()
    assert section.model.data(section.model.index(0, 5)) == "عالی بود"

    def again(dialog: FeedbackDialog) -> None:  # a second phone feedback on the same job
        type_text(dialog.overall, "1")
        press(dialog.overall, Qt.Key.Key_Return)
        assert dialog.isVisible() and "تماس با دفتر" in dialog.general_error.text()

    handled = answer_modal(FeedbackDialog, again)
    section.record_button.click()
    assert handled and section.model.rowCount() == 1
    view = shown(qtbot, SubscribersView(context=ctx))
    view.feedback.show_for(subscriber)
    assert view.feedback.model.rowCount() == 1


def test_feedback_list_filters_by_group_score_channel_and_jalali_range(
    qtbot, qtmodeltester, ctx, finished
):
    from hendazh_desktop.ui.quality.feedback_view import FeedbackView

    jobs = finished["jobs"]
    for job, (channel, overall) in zip(
        jobs[:6],
        [("phone", "5"), ("web", "2"), ("phone", "4"), ("web", "1"), ("phone", "3"), ("web", "5")],
        strict=True,
    ):
        ctx.quality.feedback.record(ctx.actor, FeedbackDraft(job, channel, overall, {}))
    view = shown(qtbot, FeedbackView(context=ctx))
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 6 and "۶ نظر" in view.total.text()
    view.score.setCurrentIndex(1)  # 2 and below
    assert view.model.rowCount() == 2
    view.channel.setCurrentIndex(view.channel.findData("web"))
    assert view.model.rowCount() == 2
    view.score.setCurrentIndex(0)
    view.group.setCurrentIndex(view.group.findData(finished["groups"][0]))
    # jobs 0, 3 belong to the first group; of them job 3 came by web
    assert [view.model.row_item(i).request_id for i in range(view.model.rowCount())] == [jobs[3]]
    view.channel.setCurrentIndex(0)
    view.group.setCurrentIndex(0)
    yesterday = dt.date.today() - dt.timedelta(days=2)
    view.date_to.set_value(yesterday)
    assert view.model.rowCount() == 0  # everything was received today
    view.date_to.set_value(None)
    view.date_from.set_value(yesterday)
    assert view.model.rowCount() == 6


def test_web_form_feedback_imported_from_the_list(qtbot, tmp_path, ctx, finished):
    from hendazh_desktop.ui.quality.feedback_view import FeedbackView

    view = shown(qtbot, FeedbackView(context=ctx))
    bad = tmp_path / "bad.csv"
    bad.write_text(f"ref,request,overall\nW-1,{finished['jobs'][0]},7\n", encoding="utf-8")
    view.import_file(bad)
    assert view.problems.isVisible() and "سطر ۲" in view.problems.text()
    assert view.model.rowCount() == 0
    good = tmp_path / "good.csv"
    good.write_text(
        "شناسه,شماره درخواست,امتیاز کلی\n"
        + "".join(f"W-{i},{job},4\n" for i, job in enumerate(finished["jobs"][:3])),
        encoding="utf-8",
    )
    with qtbot.waitSignal(view.status_message) as said:
        view.import_file(good)
    assert view.model.rowCount() == 3 and not view.problems.isVisible()
    assert "۳ نظر" in said.args[0]
