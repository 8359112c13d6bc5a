"""Search by any fragment, intake rules, the queue's filters and state changes, web forms."""

from __future__ import annotations

import datetime as dt

import pytest

from hendazh_desktop.domain.errors import Conflict, PermissionDenied, ValidationError
from hendazh_desktop.services.catalogue import CatalogueService
from hendazh_desktop.services.intake import IntakeService, RequestDraft
from hendazh_desktop.services.queue import QueueFilter, QueueService
from hendazh_desktop.services.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.subscriber_search import SubscriberSearch
from hendazh_desktop.services.subscribers import SubscriberService
from hendazh_desktop.services.webform_import import WebFormImporter


@pytest.fixture
def people(db, manager):
    subs = SubscriberService(db)
    zone = CatalogueService(db).zones(manager)[2].id
    made = {}
    for name, phone in [
        ("علیرضا شریفی", "09171234567"),
        ("رضا محمدی‌نژاد", "09362223344"),
        ("مریم فسایی", "07132274517"),
        ("کامران بدحساب", "09179998877"),
    ]:
        made[name] = subs.create(
            manager,
            SubscriberDraft(
                name=name,
                phones=(PhoneDraft(phone),),
                addresses=(AddressDraft("شیراز، خیابان زند، پلاک ۱", zone),),
                do_not_serve=name == "کامران بدحساب",
                do_not_serve_reason="بدهی" if name == "کامران بدحساب" else "",
            ),
        )
    return made


@pytest.fixture
def services(db, manager):
    return {s.name: s for s in CatalogueService(db).services(manager)}


def names(rows) -> set[str]:
    return {r.name for r in rows}


def test_search_by_any_fragment(db, manager, people):
    search = SubscriberSearch(db)
    assert names(search.search(manager, "رضا")) == {"علیرضا شریفی", "رضا محمدی‌نژاد"}
    assert names(search.search(manager, "شريفي")) == {"علیرضا شریفی"}  # Arabic letters
    assert names(search.search(manager, "محمدینژاد")) == {"رضا محمدی‌نژاد"}  # no ZWNJ
    assert names(search.search(manager, "رضا شری")) == {"علیرضا شریفی"}
    assert names(search.search(manager, "مر")) == {"مریم فسایی"}  # two letters: prefix
    assert names(search.search(manager, "۴۵۶۷")) == {"علیرضا شریفی"}  # middle/end digits
    assert names(search.search(manager, "0936")) == {"رضا محمدی‌نژاد"}  # prefix
    assert names(search.search(manager, "+98 71 3227")) == {"مریم فسایی"}
    code = people["مریم فسایی"].code
    assert names(search.search(manager, code[:5])) >= {"مریم فسایی"}
    assert search.find_exact(manager, code) == people["مریم فسایی"].id
    assert search.find_exact(manager, "۰۹۱۷ ۱۲۳ ۴۵۶۷") == people["علیرضا شریفی"].id
    assert search.search(manager, "ناموجود") == []


@pytest.mark.parametrize("text", ['" OR 1=1 --', "*", "NEAR(a b)", "'", '"', "رضا*", "%_%"])
def test_hostile_queries_never_raise_or_match_everything(db, manager, people, text):
    rows = SubscriberSearch(db).search(manager, text)
    assert len(rows) < len(people)


def test_intake_queues_and_records_history(db, manager, people, services, clock):
    intake, queue = IntakeService(db, clock=clock), QueueService(db, clock=clock)
    sub = people["مریم فسایی"]
    created = intake.create_request(
        manager,
        RequestDraft(
            sub.id,
            services["برق‌کاری"].id,
            sub.addresses[0].id,
            description="قطعی برق",
            preferred_date="۱۴۰۴/۰۹/۰۶",
            window_start="۹",
            window_end="۱۱:۳۰",
        ),
    )
    assert created.status == "queued"
    row = queue.get(manager, created.id)
    assert row.preferred_date == dt.date(2025, 11, 27)
    assert (row.window_start, row.window_end) == (dt.time(9), dt.time(11, 30))
    history = queue.history(manager, created.id)
    assert [(h.from_status, h.to_status, h.user) for h in history] == [
        (None, "queued", "بهرام مدیری")
    ]


def test_prepaid_services_wait_for_prepayment(db, manager, people, services):
    sub = people["مریم فسایی"]
    for name in ("خدمات آموزشی", "تورهای سلامت"):
        created = IntakeService(db).create_request(
            manager, RequestDraft(sub.id, services[name].id, sub.addresses[0].id)
        )
        assert created.status == "awaiting_prepayment"


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"preferred_date": "1404/12/30"}, "preferred_date", "date_nonexistent"),
        ({"preferred_date": "1404/09/01"}, "preferred_date", "date_in_past"),
        ({"preferred_date": "1406/01/01"}, "preferred_date", "date_too_far"),
        ({"window_start": "14", "window_end": "10"}, "window_end", "window_order"),
        ({"window_start": "25:00"}, "window_start", "time_format"),
        ({"description": "x" * 2001}, "description", "too_long"),
        ({"priority": 9}, "priority", "invalid"),
        ({"service_id": None}, "service", "required"),
    ],
)
def test_refused_requests_write_nothing(db, manager, people, services, clock, changes, field, code):
    sub = people["مریم فسایی"]
    values = {
        "subscriber_id": sub.id,
        "service_id": services["نظافت"].id,
        "address_id": sub.addresses[0].id,
    }
    values.update(changes)
    with pytest.raises(ValidationError) as error:
        IntakeService(db, clock=clock).create_request(manager, RequestDraft(**values))
    assert (error.value.field, error.value.code) == (field, code)
    assert QueueService(db).count(manager, QueueFilter()) == 0


def test_do_not_serve_and_foreign_address_refused(db, manager, people, services):
    intake = IntakeService(db)
    bad = people["کامران بدحساب"]
    with pytest.raises(ValidationError) as refused:
        intake.create_request(
            manager, RequestDraft(bad.id, services["نظافت"].id, bad.addresses[0].id)
        )
    assert (refused.value.field, refused.value.code) == ("subscriber", "do_not_serve")
    other = people["مریم فسایی"]
    with pytest.raises(ValidationError) as foreign:
        intake.create_request(
            manager,
            RequestDraft(people["علیرضا شریفی"].id, services["نظافت"].id, other.addresses[0].id),
        )
    assert foreign.value.code == "address_not_of_subscriber"
    assert QueueService(db).count(manager, QueueFilter()) == 0


def test_new_address_during_intake_joins_the_subscriber(db, manager, people, services):
    sub = people["مریم فسایی"]
    zone = CatalogueService(db).zones(manager)[0].id
    IntakeService(db).create_request(
        manager,
        RequestDraft(
            sub.id, services["نظافت"].id, new_address=AddressDraft("قصردشت، کوچه ۸", zone)
        ),
    )
    card = SubscriberService(db).card(manager, sub.id)
    assert [a.text for a in card.addresses][-1] == "قصردشت، کوچه ۸"


def test_queue_filters_paging_cancel(db, manager, people, services, clock):
    intake, queue = IntakeService(db, clock=clock), QueueService(db, clock=clock)
    ids = []
    for n, name in enumerate(("علیرضا شریفی", "رضا محمدی‌نژاد", "مریم فسایی")):
        sub = people[name]
        service = services["نظافت" if n else "برق‌کاری"]
        ids.append(
            intake.create_request(
                manager,
                RequestDraft(sub.id, service.id, sub.addresses[0].id, priority=3 if n == 2 else 1),
            ).id
        )
        clock.now += dt.timedelta(days=1)
    assert queue.count(manager, QueueFilter()) == 3
    assert next(r.id for r in queue.page(manager, QueueFilter(), 0, 10)) == ids[2]  # urgent
    assert [r.id for r in queue.page(manager, QueueFilter(sort="oldest"), 1, 1)] == [ids[1]]
    assert queue.count(manager, QueueFilter(service_id=services["نظافت"].id)) == 2
    assert queue.count(manager, QueueFilter(text="شریفی")) == 1
    assert queue.count(manager, QueueFilter(text=str(ids[1]))) == 1
    assert queue.count(manager, QueueFilter(text="09362223344")) == 1
    first_day = dt.date(2025, 11, 25)
    assert queue.count(manager, QueueFilter(date_from=first_day, date_to=first_day)) == 1
    with pytest.raises(ValidationError):
        queue.count(
            manager, QueueFilter(date_from=first_day, date_to=first_day - dt.timedelta(days=1))
        )
    with pytest.raises(ValidationError) as short:
        queue.cancel(manager, ids[0], "نه", expected_version=1)
    assert short.value.code == "too_short"
    queue.cancel(manager, ids[0], "مشترک منصرف شد", expected_version=1)
    with pytest.raises(Conflict):
        queue.cancel(manager, ids[0], "دوباره لغو", expected_version=2)
    assert queue.count(manager, QueueFilter(statuses=("cancelled",))) == 1
    assert queue.history(manager, ids[0])[-1].reason == "مشترک منصرف شد"


def test_roles_are_checked_by_the_services(db, accountant, consultant, people, services):
    sub = people["مریم فسایی"]
    with pytest.raises(PermissionDenied):
        IntakeService(db).create_request(
            accountant, RequestDraft(sub.id, services["نظافت"].id, sub.addresses[0].id)
        )
    created = IntakeService(db).create_request(
        consultant, RequestDraft(sub.id, services["نظافت"].id, sub.addresses[0].id)
    )
    with pytest.raises(PermissionDenied):
        QueueService(db).cancel(accountant, created.id, "دلیل کافی", expected_version=1)


def test_web_form_import_matches_and_is_all_or_nothing(db, manager, people):
    importer, queue = WebFormImporter(db), QueueService(db)
    code = people["مریم فسایی"].code
    good = (
        f"ref,code,phone,name,service,address,description,preferred_date,window\n"
        f"w1,{code},,,برق‌کاری,,قطعی,,\n"
        f"w2,,۰۹۳۶۲۲۲۳۳۴۴,,نظافت,,,,\n"
        f"w3,,09170001111,نگار احمدی,نظافت,ارم کوچه ۲,,۱۴۰۵/۰۱/۱۰,۱۰-۱۲\n"
    )
    report = importer.import_bytes(manager, "forms.csv", good.encode("utf-8-sig"))
    assert report.ok and (report.matched, report.unmatched) == (2, 1)
    again = importer.import_bytes(manager, "forms.csv", good.encode())
    assert again.created == () and again.skipped_duplicates == 3
    rows = 20_000
    lines = ["ref,phone,name,service"] + [f"r{n},0917{n:07d},نام آزمون,نظافت" for n in range(rows)]
    lines[12_345] = "bad,0912,نام آزمون,خدمت ناشناخته"
    report = importer.import_bytes(manager, "big.csv", "\n".join(lines).encode())
    assert not report.ok
    assert {(p.line, p.reason) for p in report.problems} == {
        (12_346, "phone_length"),
        (12_346, "service_unknown"),
    }
    assert queue.count(manager, QueueFilter(statuses=("to_verify",))) == 3


def test_web_form_windows_1256_and_json(db, manager, people):
    importer = WebFormImporter(db)
    cp1256 = "ref,phone,name,service\nz1,09170002222,علي كريمي,نظافت\n".encode("cp1256")
    assert importer.import_bytes(manager, "old.csv", cp1256).ok
    rows = QueueService(db).page(manager, QueueFilter(statuses=("to_verify",)), 0, 5)
    assert rows[0].subscriber_name == "علی کریمی"
    data = '{"submissions": [{"ref": "j1", "phone": "09362223344", "service": "PLB"}]}'
    report = importer.import_bytes(manager, "forms.json", data.encode())
    assert report.ok and report.matched == 1
    broken = importer.import_bytes(manager, "x.json", b"[{")
    assert broken.problems[0].reason == "import_json"
