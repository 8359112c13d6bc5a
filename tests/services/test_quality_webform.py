"""Web-form feedback files: all or nothing with a line-level report, idempotent by reference."""

from __future__ import annotations

import pytest
from billing_helpers import Office
from sqlalchemy import func, select

from hendazh_desktop.db.models.quality import Feedback
from hendazh_desktop.domain.errors import PermissionDenied
from hendazh_desktop.services.quality.webform import FeedbackImporter


def feedback_count(db) -> int:
    with db.read() as uow:
        return uow.session.execute(select(func.count()).select_from(Feedback)).scalar_one()


@pytest.fixture
def jobs(db, manager):
    office = Office(db, manager)
    return [office.done() for _ in range(3)], office.new_request()


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def test_a_file_is_imported_once(db, manager, jobs):
    done, _ = jobs
    data = csv(
        "شناسه,شماره درخواست,امتیاز کلی,کیفیت کار,توضیحات,پیشنهاد",
        f"W-1,{done[0]},۵,5,عالی,",
        f"W-2,{done[1]},4,,خوب بود,پیامک یادآوری",
        f"W-3,{done[2]},2,3,دیر آمدند,",
    )
    importer = FeedbackImporter(db)
    report = importer.import_file(manager, "feedback.csv", data)
    assert report.ok and len(report.created) == 3 and report.skipped_duplicates == 0
    assert feedback_count(db) == 3
    again = importer.import_file(manager, "feedback.csv", data)
    assert again.ok and again.created == () and again.skipped_duplicates == 3
    assert feedback_count(db) == 3
    with db.read() as uow:
        channels = {r[0] for r in uow.session.execute(select(Feedback.channel))}
        assert channels == {"web"}


def test_a_bad_line_in_the_middle_writes_nothing(db, manager, jobs):
    done, waiting = jobs
    data = csv(
        "ref,request,overall,work,comment",
        f"W-1,{done[0]},5,5,",
        f"W-2,{done[1]},9,0,",  # scores out of range
        f"W-3,{waiting},4,,",  # not finished
        f"W-1,{done[2]},4,,",  # reference repeated in the file
        "W-5,abc,4,,",
    )
    report = FeedbackImporter(db).import_file(manager, "feedback.csv", data)
    assert not report.ok and report.created == ()
    by_line = {(p.line, p.reason) for p in report.problems}
    assert {
        (3, "score_range"),
        (4, "job_not_finished"),
        (5, "ref_repeated"),
        (6, "required"),
    } <= by_line
    assert feedback_count(db) == 0


def test_a_second_channel_entry_by_web_is_refused_in_the_report(db, manager, jobs):
    done, _ = jobs
    importer = FeedbackImporter(db)
    importer.import_file(manager, "a.csv", csv("ref,request,overall", f"A-1,{done[0]},4"))
    report = importer.import_file(manager, "b.csv", csv("ref,request,overall", f"B-1,{done[0]},1"))
    assert [(p.line, p.reason) for p in report.problems] == [(2, "feedback_channel_taken")]
    assert feedback_count(db) == 1


def test_accountants_cannot_import_feedback(db, accountant):
    with pytest.raises(PermissionDenied):
        FeedbackImporter(db).import_file(accountant, "f.csv", csv("ref,request,overall"))
