"""The job sheet: dispatched through the service, its text read back from the PDF."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata

import pytest

from hendazh_desktop.domain.jalali import format_date, to_jalali
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.domain.text import strip_bidi_controls
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.dispatch.assignment import DispatchService
from hendazh_desktop.services.dispatch.job_sheets import JobSheetService
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService

ASKED = dt.date.today() + dt.timedelta(days=2)
PLANNED = dt.date.today() + dt.timedelta(days=1)


def jalali_text(day: dt.date) -> str:
    return "{:04d}/{:02d}/{:02d}".format(*to_jalali(day))


pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", " ", strip_bidi_controls(unicodedata.normalize("NFKC", out)))


@pytest.fixture
def planned(db, manager):
    catalogue = CatalogueService(db)
    service_id = catalogue.services(manager)[1].id
    zone = catalogue.zones(manager)[3]
    group = WorkGroupService(db).create(
        manager,
        WorkGroupDraft(
            name="لوله‌کش‌های زند",
            kind="person",
            phone="09170000001",
            daily_capacity="3",
            members=(("مجید لوله‌کش", ""),),
            skills=((service_id, 5),),
            zone_ids=(zone.id,),
        ),
    )
    card = SubscriberService(db).create(
        manager,
        SubscriberDraft(
            name="مهناز فسایی",
            phones=(PhoneDraft("09171234567"), PhoneDraft("07132274517")),
            addresses=(AddressDraft("معالی‌آباد، کوچه ۱۲، پلاک ۸", zone.id),),
        ),
    )
    request = IntakeService(db).create_request(
        manager,
        RequestDraft(
            card.id,
            service_id,
            card.addresses[0].id,
            description="چکه کردن شیر آشپزخانه <b>فوری</b> \u202e0001\u202c",
        ),
    )
    DispatchService(db).assign(
        manager, request.id, group.id, dt.date(2025, 12, 1), expected_version=1, start="۹:۳۰"
    )
    return request, card


def test_dispatch_prints_a_readable_sheet(db, manager, planned, tmp_path):
    request, card = planned
    pdf = JobSheetService(db).dispatch(manager, request.id, expected_version=2)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    for expected in (
        "برگه کار",
        "مهناز",
        "فسایی",
        "معالی‌آباد",
        "پلاک",
        "لوله‌کش‌های زند",
        "چکه کردن شیر آشپزخانه",
        "۱۴۰۴/۰۹/۱۰",
    ):
        assert unicodedata.normalize("NFKC", expected).replace("\u200c", "") in text.replace(
            "\u200c", ""
        ), expected
    assert re.search(r"شماره\s*[۱1]", text)
    # user text is printed as its characters, never parsed as markup
    assert "<b" in text and "b>" in text and "فوری" in text
    assert "0001" in text  # a bidi override cannot turn it into 1000
    assert QueueService(db).get(manager, request.id).status == "dispatched"
    (tmp_path / "sheet.pdf").write_bytes(pdf)
    assert card.code


def test_sheet_of_an_unassigned_request_is_refused(db, manager, planned):
    request, _card = planned
    DispatchService(db).unassign(manager, request.id, "تغییر برنامه", expected_version=2)
    with pytest.raises(Exception) as refused:
        JobSheetService(db).sheet(manager, request.id)
    assert refused.value.code == "not_assigned"


@pytest.fixture
def asked_for_another_day(db, manager):
    """A request for two days from now, 09:00–12:00, planned for tomorrow at 14:00."""
    catalogue = CatalogueService(db)
    service_id = catalogue.services(manager)[1].id
    zone = catalogue.zones(manager)[3]
    group = WorkGroupService(db).create(
        manager,
        WorkGroupDraft(
            name="گروه فسا",
            kind="person",
            phone="09170000009",
            daily_capacity="3",
            members=(("ناصر فسایی", ""),),
            skills=((service_id, 5),),
            zone_ids=(zone.id,),
        ),
    )
    card = SubscriberService(db).create(
        manager,
        SubscriberDraft(
            name="شهره کاظمی",
            phones=(PhoneDraft("09171234599"),),
            addresses=(AddressDraft("ارم، کوچه ۳", zone.id),),
        ),
    )
    request = IntakeService(db).create_request(
        manager,
        RequestDraft(
            card.id,
            service_id,
            card.addresses[0].id,
            description="کد دستگاه ۱۲-۳۴ است",
            preferred_date=jalali_text(ASKED),
            window_start="9",
            window_end="12",
        ),
    )
    DispatchService(db).assign(
        manager,
        request.id,
        group.id,
        PLANNED,
        expected_version=1,
        start="14",
        override_reason="مشترک پذیرفت زودتر برویم",
    )
    return request


def test_sheet_prints_the_requested_time_and_the_planned_one_apart(
    db, manager, asked_for_another_day, tmp_path
):
    request = asked_for_another_day
    text = pdf_text(JobSheetService(db).sheet(manager, request.id), tmp_path)
    # each value prints beside its label (pdftotext gives the value first)
    before, after = text.split("زمان درخواستی مشترک")
    asked = before.rsplit("شرح", 1)[1]
    planned = after.split("زمان برنامه")[0]
    assert format_date(ASKED) in asked and "۰۹:۰۰" in asked and "۱۲:۰۰" in asked
    assert format_date(PLANNED) not in asked  # the dispatch day is not what was asked
    assert format_date(PLANNED) in planned and "۱۴:۰۰" in planned


def test_a_hyphenated_code_after_persian_words_keeps_its_order(
    db, manager, asked_for_another_day, tmp_path
):
    from hendazh_desktop.reports.persian import visual

    # the visual line is what is drawn: the code reads ۱۲-۳۴ from left to right
    drawn = visual("کد دستگاه ۱۲-۳۴ است")
    assert "۱۲-۳۴" in drawn and "۳۴-۱۲" not in drawn
    assert "12-34" in visual("کد دستگاه 12-34") and "AB-12" in visual("مدل AB-12 است")
    text = pdf_text(JobSheetService(db).sheet(manager, asked_for_another_day.id), tmp_path)
    assert "۱۲-۳۴" in text and "۳۴-۱۲" not in text
