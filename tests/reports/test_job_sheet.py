"""The job sheet: dispatched through the service, its text read back from the PDF."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata

import pytest

from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.domain.text import strip_bidi_controls
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.dispatch.assignment import DispatchService
from hendazh_desktop.services.dispatch.job_sheets import JobSheetService
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService

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
