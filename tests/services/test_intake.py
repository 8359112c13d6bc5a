"""Intake: a call becomes a queued request with its first history line, or is refused with
the field to fix and nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from hendazh_desktop.domain.errors import PermissionDenied, ValidationError, ValidationErrors
from hendazh_desktop.domain.jalali import from_jalali
from hendazh_desktop.domain.subscriber_forms import AddressDraft
from hendazh_desktop.services.catalogue.catalogue import CatalogueService, ServiceDraft
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueFilter, QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService


@pytest.fixture
def maryam(new_subscriber):
    return new_subscriber("مریم فسایی", "07132274517")


@pytest.fixture
def intake(db, clock):
    return IntakeService(db, clock=clock)


def written(db) -> dict[str, int]:
    """How many rows each table an intake writes to holds."""
    tables = ("service_requests", "request_events", "addresses", "audit_log")
    with db.engine.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in tables}


def test_intake_queues_and_records_history(db, actor, maryam, services, intake, clock):
    queue = QueueService(db, clock=clock)
    created = intake.create_request(
        actor,
        RequestDraft(
            maryam.id,
            services["برق‌کاری"].id,
            maryam.addresses[0].id,
            description="قطعی برق\nطبقه دوم",
            preferred_date="۱۴۰۴/۰۹/۰۶",
            window_start="۹",
            window_end="۱۱:۳۰",
            priority=2,
        ),
    )
    assert created.status == "queued"
    row = queue.get(actor, created.id)
    assert row.preferred_date == dt.date(2025, 11, 27) == from_jalali(1404, 9, 6)
    assert (row.window_start, row.window_end) == (dt.time(9), dt.time(11, 30))
    assert (row.subscriber_name, row.subscriber_code) == ("مریم فسایی", maryam.code)
    assert (row.service, row.zone, row.priority, row.channel) == ("برق‌کاری", "منطقه ۱", 2, "phone")
    assert row.description == "قطعی برق\nطبقه دوم"
    assert row.created_at == clock.now and row.version == 1
    history = queue.history(actor, created.id)
    assert [(h.from_status, h.to_status, h.user, h.at) for h in history] == [
        (None, "queued", "آزمونگر", clock.now)
    ]
    assert written(db)["audit_log"] == 2  # the subscriber, then the request


@pytest.mark.parametrize("name", ["خدمات آموزشی", "تورهای سلامت"])
def test_prepaid_services_wait_for_prepayment(db, actor, maryam, services, intake, name):
    assert services[name].prepaid
    created = intake.create_request(
        actor, RequestDraft(maryam.id, services[name].id, maryam.addresses[0].id)
    )
    assert created.status == "awaiting_prepayment"
    history = QueueService(db).history(actor, created.id)
    assert [(h.from_status, h.to_status) for h in history] == [(None, "awaiting_prepayment")]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"preferred_date": "1404/12/30"}, "preferred_date", "date_nonexistent"),
        ({"preferred_date": "۱۴۰۴/۱۲/۳۰"}, "preferred_date", "date_nonexistent"),
        ({"preferred_date": "1404/07/31"}, "preferred_date", "date_nonexistent"),
        ({"preferred_date": "1404/13/01"}, "preferred_date", "date_month"),
        ({"preferred_date": "1404/00/10"}, "preferred_date", "date_month"),
        ({"preferred_date": "1404/10/00"}, "preferred_date", "date_nonexistent"),
        ({"preferred_date": "فردا"}, "preferred_date", "date_format"),
        ({"preferred_date": "2025-12-01"}, "preferred_date", "date_year_range"),
        ({"preferred_date": "1404/09/03"}, "preferred_date", "date_in_past"),
        ({"preferred_date": "1403/12/30"}, "preferred_date", "date_in_past"),  # exists, passed
        ({"preferred_date": "1408/12/30"}, "preferred_date", "date_too_far"),  # exists, far
        ({"preferred_date": "1406/01/01"}, "preferred_date", "date_too_far"),
        ({"window_start": "14", "window_end": "10"}, "window_end", "window_order"),
        ({"window_start": "۱۴:۰۰", "window_end": "۱۴"}, "window_end", "window_order"),
        ({"window_start": "25:00"}, "window_start", "time_format"),
        ({"window_end": "10:75"}, "window_end", "time_format"),
        ({"window_start": "ده"}, "window_start", "time_format"),
        ({"description": "x" * 2001}, "description", "too_long"),
        ({"description": "x" * 1_000_000}, "description", "too_long"),
        ({"description": "شرح\x00"}, "description", "control_characters"),
        ({"priority": 9}, "priority", "invalid"),
        ({"channel": "fax"}, "channel", "invalid"),
        ({"service_id": None}, "service", "required"),
        ({"subscriber_id": None}, "subscriber", "required"),
        ({"address_id": None}, "address", "required"),
        ({"service_id": 999}, "service", "service_unavailable"),
        ({"subscriber_id": 999}, "subscriber", "subscriber_not_found"),
        ({"address_id": 999}, "address", "address_not_of_subscriber"),
        (
            {"address_id": None, "new_address": AddressDraft("کو", 1)},
            "address:0:text",
            "too_short",
        ),
        (
            {"address_id": None, "new_address": AddressDraft("قصردشت، کوچه ۸", 999)},
            "address:0:zone",
            "zone_unknown",
        ),
    ],
)
def test_refused_requests_write_nothing(db, actor, maryam, services, intake, changes, field, code):
    values = {
        "subscriber_id": maryam.id,
        "service_id": services["نظافت"].id,
        "address_id": maryam.addresses[0].id,
    }
    values.update(changes)
    before = written(db)
    with pytest.raises(ValidationError) as error:
        intake.create_request(actor, RequestDraft(**values))
    assert (error.value.field, error.value.code) == (field, code)
    assert written(db) == before


def test_every_bad_field_at_once(db, actor, maryam, services, intake):
    before = written(db)
    with pytest.raises(ValidationErrors) as errors:
        intake.create_request(
            actor,
            RequestDraft(
                maryam.id,
                None,
                None,
                preferred_date="1404/12/30",
                window_start="12",
                window_end="11",
                priority=7,
            ),
        )
    assert {f: e.code for f, e in errors.value.by_field.items()} == {
        "preferred_date": "date_nonexistent",
        "window_end": "window_order",
        "priority": "invalid",
        "service": "required",
        "address": "required",
    }
    assert written(db) == before


def test_jalali_dates_that_exist_are_accepted(db, actor, maryam, services, clock):
    clock.now = dt.datetime(2025, 2, 19, 6, 0, tzinfo=dt.UTC)  # 1403/12/01, a leap year
    intake = IntakeService(db, clock=clock)
    for typed, day in [
        ("1403/12/30", dt.date(2025, 3, 20)),
        ("۱۴۰۳/۱۲/۰۱", dt.date(2025, 2, 19)),  # today
        ("03/12/15", dt.date(2025, 3, 5)),  # two-digit year
        ("1404-1-1", dt.date(2025, 3, 21)),
        ("١٤٠٤.٠٦.٣١", dt.date(2025, 9, 22)),  # Arabic-Indic digits
    ]:
        made = intake.create_request(
            actor,
            RequestDraft(
                maryam.id, services["نظافت"].id, maryam.addresses[0].id, preferred_date=typed
            ),
        )
        assert QueueService(db).get(actor, made.id).preferred_date == day, typed


def test_today_is_the_day_in_tehran(db, actor, maryam, services, clock):
    # 21:00 UTC on 24 Nov is 00:30 on 25 Nov (1404/09/04) in Tehran
    clock.now = dt.datetime(2025, 11, 24, 21, 0, tzinfo=dt.UTC)
    intake = IntakeService(db, clock=clock)
    draft = RequestDraft(maryam.id, services["نظافت"].id, maryam.addresses[0].id)
    with pytest.raises(ValidationError) as past:
        intake.create_request(
            actor, RequestDraft(**{**_fields(draft), "preferred_date": "1404/09/03"})
        )
    assert past.value.code == "date_in_past"
    made = intake.create_request(
        actor, RequestDraft(**{**_fields(draft), "preferred_date": "1404/09/04"})
    )
    assert QueueService(db).get(actor, made.id).preferred_date == dt.date(2025, 11, 25)


def _fields(draft: RequestDraft) -> dict:
    return {name: getattr(draft, name) for name in RequestDraft.__dataclass_fields__}


def test_do_not_serve_refused_with_the_reason(db, actor, new_subscriber, services, intake):
    bad = new_subscriber(
        "کامران بدحساب", "09179998877", do_not_serve=True, do_not_serve_reason="بدهی معوق"
    )
    before = written(db)
    for draft in (
        RequestDraft(bad.id, services["نظافت"].id, bad.addresses[0].id),
        RequestDraft(
            bad.id, services["نظافت"].id, new_address=AddressDraft("نشانی تازه کوچه ۳", 1)
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            intake.create_request(actor, draft)
        assert (refused.value.field, refused.value.code) == ("subscriber", "do_not_serve")
        assert refused.value.params == {"reason": "بدهی معوق"}
    assert written(db) == before
    assert len(SubscriberService(db).card(actor, bad.id).addresses) == 1


def test_foreign_address_refused(db, actor, new_subscriber, maryam, services, intake):
    ali = new_subscriber("علیرضا شریفی", "09171234567")
    before = written(db)
    with pytest.raises(ValidationError) as foreign:
        intake.create_request(
            actor, RequestDraft(ali.id, services["نظافت"].id, maryam.addresses[0].id)
        )
    assert (foreign.value.field, foreign.value.code) == ("address", "address_not_of_subscriber")
    assert written(db) == before


def test_new_address_during_intake_joins_the_subscriber(db, actor, maryam, services, intake):
    zones = CatalogueService(db).zones(actor)
    made = intake.create_request(
        actor,
        RequestDraft(
            maryam.id,
            services["نظافت"].id,
            new_address=AddressDraft(
                "قصردشت،  كوچه ۸", zones[3].id, title="محل کار", postal_code="۷۱۳۴۸۴۵۹۸۱"
            ),
        ),
    )
    card = SubscriberService(db).card(actor, maryam.id)
    assert [(a.text, a.zone, a.title, a.postal_code) for a in card.addresses][-1] == (
        "قصردشت، کوچه ۸",
        zones[3].name,
        "محل کار",
        "7134845981",
    )
    row = QueueService(db).get(actor, made.id)
    assert (row.address, row.zone) == ("قصردشت، کوچه ۸", zones[3].name)


def test_inactive_service_refused(db, actor, maryam, services, intake):
    clean = services["نظافت"]
    CatalogueService(db).update_service(
        actor,
        clean.id,
        ServiceDraft(
            name=clean.name,
            payment_policy=clean.payment_policy,
            materials_prepayment_allowed=clean.materials_prepayment_allowed,
            materials_prepayment_percent="50",
            vat_exempt=clean.vat_exempt,
            vat_percent="10",
            commission_percent="20",
            referrer_share_percent="10",
            recipient_share_percent="5",
            base_price="0",
            active=False,
        ),
        expected_version=clean.version,
    )
    with pytest.raises(ValidationError) as refused:
        intake.create_request(actor, RequestDraft(maryam.id, clean.id, maryam.addresses[0].id))
    assert (refused.value.field, refused.value.code) == ("service", "service_unavailable")


def test_roles(db, actor, accountant, consultant, maryam, services, intake):
    draft = RequestDraft(maryam.id, services["نظافت"].id, maryam.addresses[0].id)
    before = written(db)
    with pytest.raises(PermissionDenied) as denied:
        intake.create_request(accountant, draft)
    assert denied.value.params == {"permission": "create_requests", "role": "accountant"}
    assert written(db) == before
    made = intake.create_request(consultant, draft)
    assert QueueService(db).count(accountant, QueueFilter()) == 1  # accountants may look
    assert QueueService(db).history(accountant, made.id)[0].user == "سارا مشاوری"
